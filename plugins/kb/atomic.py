"""File writes that never leave half a file and never overwrite what a person wrote.

A file written here gets the mode a plain `open(path, "w")` would give it: the mode of the
file it replaces, or for a new file the default the umask leaves (0644 under the usual
umask 022), not the owner-only 0600 of the temporary file it is written through.
"""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (read from /proc where it can be: setting it to read it is racy)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The mode `path` should have: its own if it exists, else the umask's default."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def _temp_beside(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), _mode_for(path))
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
