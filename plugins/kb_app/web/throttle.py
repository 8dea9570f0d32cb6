"""A growing wait after failed logins, per user name and per client address, shared by every
worker process through a small SQLite file (a guesser cannot spread its tries over workers).

After FREE failures each further one doubles the wait, up to MAX_WAIT seconds; a success
clears the name's count. Counts older than a day are forgotten."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FREE = 3
MAX_WAIT = 300.0
FORGET = 86400.0
SCHEMA = 1


class Throttle:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA:
                db.execute("CREATE TABLE IF NOT EXISTS failures (key TEXT PRIMARY KEY, count INTEGER NOT NULL, last REAL NOT NULL)")
                db.execute(f"PRAGMA user_version = {SCHEMA}")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            yield db
        finally:
            db.close()

    @staticmethod
    def wait_for(count: int) -> float:
        """Seconds to wait after `count` failures."""
        return 0.0 if count < FREE else min(MAX_WAIT, 2.0 ** (count - FREE + 1))

    def retry_after(self, keys: list[str], now: float | None = None) -> float:
        """Seconds before any of `keys` may try again (0: now)."""
        now = time.time() if now is None else now
        with self._connect() as db:
            rows = db.execute(f"SELECT count, last FROM failures WHERE key IN ({','.join('?' * len(keys))})", keys).fetchall()
        return max([0.0, *(last + self.wait_for(count) - now for count, last in rows)])

    def failed(self, keys: list[str], now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._connect() as db:
            db.execute("DELETE FROM failures WHERE last < ?", (now - FORGET,))
            for key in keys:
                db.execute("INSERT INTO failures (key, count, last) VALUES (?, 1, ?) "
                           "ON CONFLICT(key) DO UPDATE SET count = count + 1, last = excluded.last", (key, now))

    def succeeded(self, key: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM failures WHERE key = ?", (key,))
