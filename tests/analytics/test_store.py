"""The analytics store: created and migrated by the project, purged after its retention,
and never holding a card number, an email or a phone number it was given."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

from kb.analytics.migrations import LATEST, MIGRATIONS, NewerDatabase, migrate
from kb.analytics.report import feedback_report, search_report
from kb.analytics.store import MAX_COMMENT, AnalyticsStore

CARD = "4242 4242 4242 4242"
EMAIL = "maria.lopez@example.mx"
PHONE = "55 1234 5678"
PLANTED = [b"4242 4242 4242 4242", b"4242424242424242", b"maria.lopez", b"example.mx", b"1234 5678", b"12345678"]
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def _bytes_of(folder: Path) -> bytes:
    """Every byte of the database and of its WAL and shared-memory files."""
    return b"".join(path.read_bytes() for path in folder.iterdir() if path.is_file())


def test_a_new_database_is_created_at_the_latest_version_in_wal_mode(tmp_path: Path):
    store = AnalyticsStore(tmp_path / ".kb" / "analytics.sqlite3")
    assert store.version == LATEST == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("SELECT version FROM schema_version").fetchall() == [(LATEST,)]
    tables = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"searches", "clicks", "feedback", "salts"} <= tables


def test_a_version_1_database_is_migrated_and_keeps_its_searches(tmp_path: Path):
    path = tmp_path / "analytics.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    assert migrate(old, target=1) == 1
    old.execute("INSERT INTO searches (token, at, session, query, query_key, lang, audience, results) "
                "VALUES ('t1', ?, NULL, 'spei no llega', 'spei no llega', 'es', 'internal', 3)",
                (dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),))
    assert "feedback" not in {row[0] for row in old.execute("SELECT name FROM sqlite_master")}
    old.close()

    store = AnalyticsStore(path)
    assert store.version == LATEST
    assert store.db.execute("SELECT query FROM searches WHERE token = 't1'").fetchone() == ("spei no llega",)
    store.record_feedback("spei/returns", lang="es", audience="internal", helpful=True)
    assert store.db.execute("SELECT COUNT(*) FROM feedback").fetchone() == (1,)


def test_a_database_of_a_newer_kb_is_refused(tmp_path: Path):
    path = tmp_path / "analytics.sqlite3"
    AnalyticsStore(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    db.close()
    with pytest.raises(NewerDatabase, match="upgrade kb"):
        AnalyticsStore(path)


def test_rows_older_than_the_retention_are_purged_when_the_store_opens(tmp_path: Path):
    path = tmp_path / "analytics.sqlite3"
    now = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
    clock = Clock(now - dt.timedelta(days=40))
    store = AnalyticsStore(path, retention_days=30, clock=clock)
    old = store.record_search("clabe invalida", lang="es", audience="internal", results=2)
    store.record_click(old.token, "spei/clabe", 1)
    store.record_feedback("spei/clabe", lang="es", audience="internal", helpful=False, comment="viejo")
    clock.moment = now - dt.timedelta(days=10)
    store.record_search("refund", lang="en", audience="internal", results=4)
    store.record_feedback("payments/refunds", lang="en", audience="internal", helpful=True)
    store.close()

    store = AnalyticsStore(path, retention_days=30, clock=Clock(now))
    assert [row[0] for row in store.db.execute("SELECT query FROM searches")] == ["refund"]
    assert store.db.execute("SELECT COUNT(*) FROM clicks").fetchone() == (0,)  # went with its search
    assert [row[0] for row in store.db.execute("SELECT article FROM feedback")] == ["payments/refunds"]


def test_nothing_stored_holds_a_planted_card_email_or_phone(tmp_path: Path):
    folder = tmp_path / ".kb"
    store = AnalyticsStore(folder / "analytics.sqlite3")
    for query in (f"cargo duplicado {CARD}", f"reembolso {EMAIL}", f"llamar al {PHONE}", f"{CARD} {EMAIL} {PHONE}"):
        recorded = store.record_search(query, lang="es", audience="internal", results=0, visitor="abcdef0123456789")
        assert "[" in recorded.query
    store.record_feedback("payments/refunds", lang="es", audience="internal", helpful=False,
                          comment=f"mi tarjeta {CARD}, escríbanme a {EMAIL} o al {PHONE}", visitor="abcdef0123456789")
    store.db.execute("PRAGMA wal_checkpoint(FULL)")
    stored = _bytes_of(folder)
    store.close()
    stored += _bytes_of(folder)
    for planted in PLANTED:
        assert planted not in stored, planted
    assert b"[card ****4242]" in stored and b"[email]" in stored and b"[phone]" in stored
    assert b"abcdef0123456789" not in stored  # the browser's id: only its HMAC is kept


def test_a_session_is_pseudonymous_and_changes_with_the_day(tmp_path: Path):
    clock = Clock(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))
    store = AnalyticsStore(tmp_path / "a.sqlite3", clock=clock)
    today = store.session("browser-id-1234")
    assert today == store.session("browser-id-1234") != store.session("browser-id-5678")
    assert "browser-id-1234" not in today
    clock.moment += dt.timedelta(days=1)
    assert store.session("browser-id-1234") != today
    assert store.db.execute("SELECT COUNT(*) FROM salts").fetchone() == (1,)  # yesterday's salt is gone
    assert store.session(None) is None and store.session("short") is None and store.session("x" * 65) is None


def test_type_ahead_of_one_session_is_one_search(tmp_path: Path):
    clock = Clock(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))
    store = AnalyticsStore(tmp_path / "a.sqlite3", clock=clock)
    tokens = set()
    for typed in ("sp", "spe", "spei", "spei no", "spei no llega"):
        clock.moment += dt.timedelta(seconds=1)
        tokens.add(store.record_search(typed, lang="es", audience="internal", results=3, visitor="browser-id-1").token)
    assert len(tokens) == 1
    assert store.db.execute("SELECT query FROM searches").fetchall() == [("spei no llega",)]
    clock.moment += dt.timedelta(seconds=1)
    store.record_search("chargeback", lang="en", audience="internal", results=2, visitor="browser-id-1")
    store.record_search("chargeback", lang="en", audience="internal", results=2)  # no session: its own search
    assert store.db.execute("SELECT COUNT(*) FROM searches").fetchone() == (3,)


def test_reports_list_top_queries_empty_ones_and_unopened_ones_per_language(tmp_path: Path):
    store = AnalyticsStore(tmp_path / "a.sqlite3")
    for _ in range(3):
        opened = store.record_search("Devolución SPEI", lang="es", audience="internal", results=5)
    store.record_click(opened.token, "spei/returns", 1)
    store.record_search("devolucion spei", lang="es", audience="internal", results=5)
    store.record_search("cuenta fantasma", lang="es", audience="internal", results=0)
    store.record_search("payout schedule", lang="en", audience="internal", results=4)
    report = search_report(store.db, LONG_AGO)
    assert report.searches == 6 and report.opened == 1
    es = next(lang for lang in report.languages if lang.lang == "es")
    assert (es.top[0].searches, es.top[0].opened, es.top[0].top_opened) == (4, 1, "spei/returns")  # accents fold together
    assert [line.query for line in es.no_results] == ["cuenta fantasma"]
    assert es.not_opened == []
    en = next(lang for lang in report.languages if lang.lang == "en")
    assert [line.query for line in en.not_opened] == ["payout schedule"]


def test_feedback_report_puts_the_most_no_votes_first_with_comments_bounded(tmp_path: Path):
    store = AnalyticsStore(tmp_path / "a.sqlite3")
    store.record_feedback("a/liked", lang="en", audience="internal", helpful=True)
    store.record_feedback("a/liked", lang="en", audience="internal", helpful=True)
    store.record_feedback("b/wrong", lang="es", audience="internal", helpful=False, comment="x" * (MAX_COMMENT + 50))
    store.record_feedback("b/wrong", lang="es", audience="internal", helpful=True)
    votes = feedback_report(store.db, LONG_AGO)
    assert [(v.article, v.yes, v.no) for v in votes] == [("b/wrong", 1, 1), ("a/liked", 2, 0)]
    assert votes[0].share == 0.5 and len(votes[0].comments[0]["comment"]) == MAX_COMMENT


def test_a_session_voting_again_changes_its_vote(tmp_path: Path):
    store = AnalyticsStore(tmp_path / "a.sqlite3")
    store.record_feedback("a/x", lang="en", audience="internal", helpful=True, visitor="browser-id-1")
    store.record_feedback("a/x", lang="en", audience="internal", helpful=False, comment="wrong fee", visitor="browser-id-1")
    assert store.db.execute("SELECT helpful, comment FROM feedback").fetchall() == [(0, "wrong fee")]


def test_a_retention_below_one_day_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="at least 1 day"):
        AnalyticsStore(tmp_path / "a.sqlite3", retention_days=0)


@pytest.mark.parametrize("query", ["devolucion 03 4242 4242 4242 4242", "ref 4242-4242-4242-4241 y 12 3456 7890",
                                   "tel 5512345678 4242424242424242", "cuenta 0123 4567 8901 2345 67"])
def test_no_run_of_seven_digits_survives_redaction(tmp_path: Path, query: str):
    store = AnalyticsStore(tmp_path / "a.sqlite3")
    kept = store.record_search(query, lang="es", audience="internal", results=0).query
    digits = [run for run in re.findall(r"\d(?:[ .-]?\d)*", kept.replace("****", " "))]
    assert all(len([c for c in run if c.isdigit()]) < 7 for run in digits), kept
    assert store.record_search("codigo 51 devolucion 03", lang="es", audience="internal", results=1).query == "codigo 51 devolucion 03"


def test_several_workers_write_at_once(tmp_path: Path):
    """As the production server's workers do: one connection each, on the same database."""
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "analytics.sqlite3"
    stores = [AnalyticsStore(path) for _ in range(4)]

    def work(store: AnalyticsStore) -> int:
        for number in range(50):
            found = store.record_search(f"query {number}", lang="en", audience="internal", results=1)
            store.record_click(found.token, "a/b", 1)
            store.record_feedback("a/b", lang="en", audience="internal", helpful=number % 2 == 0)
        return 50

    with ThreadPoolExecutor(4) as pool:
        assert sum(pool.map(work, stores)) == 200
    assert stores[0].db.execute("SELECT COUNT(*) FROM searches").fetchone() == (200,)
    assert stores[0].db.execute("SELECT COUNT(*) FROM clicks").fetchone() == (200,)
    assert stores[0].db.execute("SELECT COUNT(*) FROM feedback").fetchone() == (200,)
