"""File writes that never leave half a file and never overwrite what a person wrote.

A file written here gets the mode a plain `open(path, "w")` would give it: the mode of the
file it replaces, or for a new file the default the umask leaves (0644 under the usual
umask 022), not the owner-only 0600 of the temporary file it is written through.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


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


_TEMPORARY = re.compile(r"^\.(?P<name>.+\.md)\.[A-Za-z0-9_]+(?P<aside>\.old)?\.tmp$")  # ours: `.X.md.<random>.tmp`


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock of `folder` (flock on the folder itself: no lock file to
    leave behind) while other processes using it wait; no lock where flock is missing."""
    if fcntl is None:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _put_back(aside: Path, path: Path) -> None:
    """Return the file moved aside to its name, unless a newer save took that name."""
    try:
        os.link(aside, path)
    except FileExistsError:
        pass
    aside.unlink(missing_ok=True)


def replace_if_unchanged(path: Path, sealed: str, text: str) -> bool:
    """Replace `path` with `text` only if it still holds `sealed` at the moment of the
    swap; otherwise (a person saved it since it was read) leave their version, False.

    The file is moved aside with one rename, so a save made from then on creates a new
    file that the swap (a hard link, which never overwrites) leaves alone; the moved file
    is compared with `sealed`, and again after the swap, in case an editor that had it
    open wrote into it meanwhile: then it goes back. Callers running concurrently hold
    `folder_lock(path.parent)`.
    """
    temp = _temp_beside(path, text)
    aside = temp.with_name(f"{temp.name[:-4]}.old.tmp")
    try:
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            return False  # deleted meanwhile: a person's choice too
        before = os.stat(aside)
        if aside.read_bytes() != sealed.encode("utf-8"):
            _put_back(aside, path)
            return False
        try:
            os.link(temp, path)
        except FileExistsError:  # saved as a new file since the rename: theirs stays
            aside.unlink()
            return False
        after = os.stat(aside)
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or aside.read_bytes() != sealed.encode("utf-8"):
            os.replace(aside, path)  # written into while aside: the person's version wins
            return False
        aside.unlink()
        return True
    finally:
        temp.unlink(missing_ok=True)


def clean_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files an interrupted write left in `folder` (a file moved
    aside by `replace_if_unchanged` whose place is still empty goes back); returns them.
    Call it holding `folder_lock(folder)`, so that no write in progress loses its file."""
    found = []
    for path in folder.iterdir():
        match = _TEMPORARY.match(path.name)
        if match is None or not path.is_file():
            continue
        if match.group("aside"):
            _put_back(path, path.with_name(match.group("name")))
        else:
            path.unlink(missing_ok=True)
        found.append(path)
    return found
