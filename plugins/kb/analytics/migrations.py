"""The analytics database's schema, as ordered migrations: migration N brings a database at
version N-1 to version N. Never edit a released migration; append a new one."""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: searches, the results opened from them, and the daily salt of the session ids.
    """
    CREATE TABLE searches (
        id INTEGER PRIMARY KEY,
        token TEXT NOT NULL UNIQUE,          -- random: what the search box sends back with a click
        at TEXT NOT NULL,                    -- UTC, ISO 8601
        session TEXT,                        -- HMAC of the browser's random id with the day's salt
        query TEXT NOT NULL,                 -- redacted before it is stored
        query_key TEXT NOT NULL,             -- folded: what the reports group by
        lang TEXT NOT NULL,
        audience TEXT NOT NULL,
        results INTEGER NOT NULL
    );
    CREATE INDEX searches_at ON searches(at);
    CREATE INDEX searches_session ON searches(session, at);
    CREATE TABLE clicks (
        id INTEGER PRIMARY KEY,
        search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        article TEXT NOT NULL,
        rank INTEGER NOT NULL
    );
    CREATE INDEX clicks_search ON clicks(search_id);
    CREATE TABLE salts (day TEXT PRIMARY KEY, salt BLOB NOT NULL);
    """,
    # 2: "Was this helpful?" votes, beside the searches.
    """
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        session TEXT,
        article TEXT NOT NULL,
        lang TEXT NOT NULL,
        audience TEXT NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        comment TEXT                         -- redacted, bounded
    );
    CREATE INDEX feedback_at ON feedback(at);
    CREATE INDEX feedback_article ON feedback(article);
    """,
)

LATEST = len(MIGRATIONS)


class NewerDatabase(RuntimeError):
    """The database was written by a newer version of the knowledge base."""


def version_of(db: sqlite3.Connection) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute("SELECT version FROM schema_version").fetchone()
    return row[0] if row else 0


def migrate(db: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring `db` to version `target`, one migration per transaction; returns the version.
    An exclusive lock makes two processes starting at once migrate it once."""
    db.execute("BEGIN IMMEDIATE")
    try:
        current = version_of(db)
        if current > LATEST:
            raise NewerDatabase(f"the analytics database is at schema version {current}, newer than this "
                                f"kb knows ({LATEST}): upgrade kb")
        for number in range(current + 1, target + 1):
            for statement in MIGRATIONS[number - 1].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        db.execute("COMMIT")
        return max(current, target)
    except BaseException:
        db.execute("ROLLBACK")
        raise
