"""The analytics store's speed: a search recorded as the search API records it (redaction,
session, type-ahead check, one transaction), against the same with synchronous=FULL as a
baseline in the same run; then `kb report`'s two reports over a store of --searches rows."""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import tempfile
import time
from pathlib import Path

from kb.analytics.report import feedback_report, search_report
from kb.analytics.store import AnalyticsStore

LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def record(store: AnalyticsStore, count: int) -> float:
    """Milliseconds per search recorded (a third of them with a click)."""
    start = time.perf_counter()
    for number in range(count):
        found = store.record_search(f"spei no llega {number % 300}", lang="es" if number % 2 else "en",
                                    audience="internal", results=number % 5, visitor=f"browser-{number % 40:04d}")
        if number % 3 == 0:
            store.record_click(found.token, "spei/timelines", 1)
    return (time.perf_counter() - start) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writes", type=int, default=1000, help="searches recorded for the write timing")
    parser.add_argument("--searches", type=int, default=50_000, help="rows of the store the reports read")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ours = AnalyticsStore(Path(folder) / "ours.sqlite3")
        full = AnalyticsStore(Path(folder) / "full.sqlite3")
        full.db.execute("PRAGMA synchronous=FULL")
        baseline, measured = record(full, args.writes), record(ours, args.writes)
        print(f"record a search: {measured:.2f} ms (synchronous=FULL: {baseline:.2f} ms, {baseline / measured:.1f}x slower)")

        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        big = AnalyticsStore(Path(folder) / "big.sqlite3")
        queries = max(1, args.searches // 10)
        with big._write() as db:
            db.executemany("INSERT INTO searches (token, at, session, query, query_key, lang, audience, results) "
                           "VALUES (?, ?, NULL, ?, ?, ?, 'internal', ?)",
                           [(secrets.token_hex(8), now, f"q {n % queries}", f"q {n % queries}", "es" if n % 2 else "en", n % 4)
                            for n in range(args.searches)])
            db.executemany("INSERT INTO clicks (search_id, at, article, rank) VALUES (?, ?, ?, 1)",
                           [(n, now, f"a/{n % 50}") for n in range(1, args.searches, 3)])
            db.executemany("INSERT INTO feedback (at, session, article, lang, audience, helpful) VALUES (?, NULL, ?, 'es', 'internal', ?)",
                           [(now, f"a/{n % 300}", n % 2) for n in range(args.searches // 2)])
        start = time.perf_counter()
        search_report(big.db, LONG_AGO)
        searches = time.perf_counter() - start
        start = time.perf_counter()
        feedback_report(big.db, LONG_AGO)
        votes = time.perf_counter() - start
        print(f"kb report searches over {args.searches:,} searches ({queries:,} queries): {searches:.2f} s; "
              f"kb report feedback over {args.searches // 2:,} votes: {votes:.2f} s")
        for store in (ours, full, big):
            store.close()


if __name__ == "__main__":
    main()
