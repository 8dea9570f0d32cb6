"""The analytics store: one SQLite database (`<project>/.kb/analytics.sqlite3`), in WAL mode
so that several server workers can write to it at once.

What is stored: each search's query, redacted with `kb.redaction` before it is written, any
run of 7 or more digits the redaction left then masked as `[number]` (analytics need no
long numbers, and a card split across two runs must not survive in parts), and at most
`MAX_QUERY` characters; its language, audience and number of results; the
results opened from it; the votes and comments (redacted, at most `MAX_COMMENT`
characters) of "Was this helpful?". What never is: an IP address, a user name, the
browser's own id. A session is the HMAC of the browser's random id with a salt drawn at
random each day and kept only for that day, so two days' sessions cannot be linked.
Rows older than the retention period are deleted when the store opens and, after that,
at most once an hour as it is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kb.analytics.migrations import migrate
from kb.redaction import redact
from kb.settings import DEFAULT_ANALYTICS_DAYS
from kb.text import fold

DATABASE = Path(".kb") / "analytics.sqlite3"
MAX_QUERY = 200        # characters kept of a query (after redaction)
MAX_REDACTED = 1000    # a longer query is not kept at all: it is pasted text, not a search
MAX_COMMENT = 1000
REFINE_SECONDS = 30    # a session's search typed on from its previous one, within this time, replaces it
PURGE_EVERY = 3600.0
VISITOR = re.compile(r"[A-Za-z0-9_-]{8,64}")
_LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ .-]?\d){6,}(?!\d)")


def scrub(text: str) -> str:
    """`text` as it may be stored: redacted, then no run of 7 or more digits left."""
    return _LONG_NUMBER.sub("[number]", redact(text))


def database_path(root: Path) -> Path:
    """Where the analytics database of the project at `root` lives."""
    return root / DATABASE


def query_key(query: str) -> str:
    """What the reports group by: accents, capitals and spacing do not make another query."""
    return " ".join(fold(query).split())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Recorded:
    """A search as stored: its token is what a click names."""

    token: str
    query: str


class AnalyticsStore:
    """Writes and reads the analytics database; safe to share between threads."""

    def __init__(self, path: Path, retention_days: int = DEFAULT_ANALYTICS_DAYS, clock=_now) -> None:  # noqa: ANN001 - a function returning an aware datetime
        if retention_days < 1:
            raise ValueError("the analytics retention must be at least 1 day")
        self.path = path
        self.retention_days = retention_days
        self.clock = clock
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA busy_timeout=10000")  # another worker writing: wait, do not fail
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a power cut may lose the last events only
        self.db.execute("PRAGMA foreign_keys=ON")
        self.version = migrate(self.db)
        self._purged = 0.0
        self.purge()

    def close(self) -> None:
        self.db.close()

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, taken at once (other workers wait), rolled back on any error."""
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def session(self, visitor: str | None) -> str | None:
        """The pseudonymous session of a browser's random id, for today only (None without one)."""
        if not visitor or not VISITOR.fullmatch(visitor):
            return None
        day = self.clock().date().isoformat()
        with self._lock:
            row = self.db.execute("SELECT salt FROM salts WHERE day = ?", (day,)).fetchone()
        if row is None:
            with self._write() as db:  # a new day: a new salt, and yesterday's is gone for good
                db.execute("DELETE FROM salts WHERE day <> ?", (day,))
                db.execute("INSERT OR IGNORE INTO salts (day, salt) VALUES (?, ?)", (day, secrets.token_bytes(32)))
                row = db.execute("SELECT salt FROM salts WHERE day = ?", (day,)).fetchone()
        return hmac.new(row[0], visitor.encode(), hashlib.sha256).hexdigest()[:20]

    def record_search(self, query: str, *, lang: str, audience: str, results: int, visitor: str | None = None) -> Recorded | None:
        """Store a search (its query redacted first); None for an empty query. A search the
        same session types on from its previous one (`spei` after `spe`) replaces it, so
        the search box's type-ahead is one search."""
        text = " ".join(query.split())
        if not text:
            return None
        kept = scrub(text)[:MAX_QUERY] if len(text) <= MAX_REDACTED else "[text too long]"
        key = query_key(kept)
        now = self.clock()
        session = self.session(visitor)
        self._maybe_purge()
        with self._write() as db:
            if session is not None:
                since = _stamp(now - dt.timedelta(seconds=REFINE_SECONDS))
                row = db.execute(
                    "SELECT s.id, s.token, s.query_key FROM searches s WHERE s.session = ? AND s.at >= ? "
                    "AND NOT EXISTS (SELECT 1 FROM clicks c WHERE c.search_id = s.id) ORDER BY s.id DESC LIMIT 1",
                    (session, since)).fetchone()
                if row is not None and (key.startswith(row[2]) or row[2].startswith(key)):
                    db.execute("UPDATE searches SET at = ?, query = ?, query_key = ?, lang = ?, audience = ?, "
                                    "results = ? WHERE id = ?", (_stamp(now), kept, key, lang, audience, results, row[0]))
                    return Recorded(row[1], kept)
            token = secrets.token_urlsafe(12)
            db.execute("INSERT INTO searches (token, at, session, query, query_key, lang, audience, results) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (token, _stamp(now), session, kept, key, lang, audience, results))
        return Recorded(token, kept)

    def record_click(self, token: str, article: str, rank: int) -> bool:
        """Store that the result `article` at `rank` was opened from the search `token`;
        False when no such search is stored (unknown, or past the retention)."""
        with self._write() as db:
            row = db.execute("SELECT id FROM searches WHERE token = ?", (token,)).fetchone()
            if row is None:
                return False
            db.execute("INSERT INTO clicks (search_id, at, article, rank) VALUES (?, ?, ?, ?)",
                            (row[0], _stamp(self.clock()), article, rank))
        return True

    def record_feedback(self, article: str, *, lang: str, audience: str, helpful: bool, comment: str = "",
                        visitor: str | None = None) -> None:
        """Store a vote (and its comment, redacted and cut to `MAX_COMMENT`); a session voting
        again on the same article the same day changes its vote."""
        kept = scrub(comment.strip())[:MAX_COMMENT] if comment.strip() else None
        session = self.session(visitor)
        now = self.clock()
        self._maybe_purge()
        with self._write() as db:
            if session is not None:
                db.execute("DELETE FROM feedback WHERE session = ? AND article = ? AND lang = ?", (session, article, lang))
            db.execute("INSERT INTO feedback (at, session, article, lang, audience, helpful, comment) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (_stamp(now), session, article, lang, audience, int(helpful), kept))

    # -- retention ---------------------------------------------------------------------

    def purge(self) -> int:
        """Delete what is older than the retention period; returns the rows deleted."""
        cutoff = _stamp(self.clock() - dt.timedelta(days=self.retention_days))
        with self._write() as db:
            deleted = db.execute("DELETE FROM searches WHERE at < ?", (cutoff,)).rowcount
            deleted += db.execute("DELETE FROM feedback WHERE at < ?", (cutoff,)).rowcount
        self._purged = time.monotonic()
        return deleted

    def _maybe_purge(self) -> None:
        if time.monotonic() - self._purged > PURGE_EVERY:
            self.purge()
