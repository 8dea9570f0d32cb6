"""File writes that never leave half a file and never overwrite what a person wrote."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _temp_beside(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: readers see the old file or the new one."""
    temp = _temp_beside(path, text)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_new(path: Path, text: str) -> bool:
    """Create `path` with `text` only if it does not exist; False (and no change) if it does."""
    temp = _temp_beside(path, text)
    try:
        os.link(temp, path)  # fails if `path` exists, even when created a moment ago
        return True
    except FileExistsError:
        return False
    finally:
        temp.unlink(missing_ok=True)
