"""What tells that source files changed since the last look, without reading them: each
file's path, size and modification time (a rebuild or a stubs run is skipped when equal)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """(path, size, mtime in ns) of each of `paths` that exists, in the order given."""
    found = []
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            continue
        found.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(found)
