"""Results of costly work on one file (an article's facts check, its search document),
kept between runs under the project's `.kb/cache/`, so that a build after one edit redoes
the work of that file only.

Each result is found by a digest of everything it depends on (`digest`): the file's
bytes and the data it was checked or rendered against. What every result of one cache
depends on (the code that made them, the data files) is the cache's `context`: when it
differs, no entry is used. A cache is one JSON file written atomically; one that cannot
be read (damaged, written by another version, another context) is as good as none, and
one that cannot be written only makes the next run slower. Two processes may share one
(the two audiences' builds): the last to save wins, with whole entries.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import kb
from kb.atomic import write_atomic
from kb.build_manifest import digest_files, files_under

VERSION = 1
_SEPARATOR = b"\x1f"  # between the parts of a digest: ("ab", "c") is not ("a", "bc")


def cache_root(root: Path) -> Path:
    """Where a project's caches live (beside its indexes, out of the site folders)."""
    return root / ".kb" / "cache"


def digest(*parts: str | bytes) -> str:
    """One digest of the parts, in order."""
    total = hashlib.sha256()
    for part in parts:
        total.update(part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part)
        total.update(_SEPARATOR)
    return total.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the core's code (every file of the `kb` package): a result made by
    other code is not used."""
    package = Path(kb.__file__).parent
    return digest_files([p for p in files_under(package) if "__pycache__" not in p.parts], package)


class Memo:
    """One cache: entries by key, kept in `path` for runs of the same `context`."""

    def __init__(self, path: Path, context: str) -> None:
        self.path = path
        self.context = digest(str(VERSION), code_digest(), context)
        self._old = self._read()
        self._used: dict[str, Any] = {}
        self._changed = False

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # RecursionError: nested deeper than any entry
            return {}
        if not isinstance(data, dict) or data.get("context") != self.context or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def get(self, key: str) -> Any | None:
        """The result kept for `key`, or None."""
        if key in self._used:
            return self._used[key]
        found = self._old.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        """Keep `value` (JSON data, never None) for `key`."""
        self._used[key] = value
        self._changed = True

    def save(self) -> None:
        """Write the entries used or made in this run (the others are stale: the cache
        never grows past one run's work), if any was made or one kept went unused."""
        if not self._changed and set(self._used) == set(self._old):
            return
        data = {"context": self.context, "entries": self._used}
        try:
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            return
        self._old, self._changed = dict(self._used), False
