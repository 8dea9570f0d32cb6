"""Swapping a freshly built folder in (a search index, a served site): the published path is
a symlink, repointed in one rename, so a reader sees the old folder or the new one, never
half of either."""

from __future__ import annotations

import os
from pathlib import Path


def swap_in(current: Path, target: Path) -> Path | None:
    """Point the symlink `current` at `target`, a folder beside it, in one rename; returns
    the folder `current` showed before (None if there was none). A real folder at `current`
    (a site built before builds were swapped in) is first renamed aside, and returned as
    the previous one: that one time, `current` is missing between two renames."""
    previous = Path(os.path.realpath(current)) if current.is_symlink() else None
    if previous is None and current.is_dir():
        previous = current.parent / f".{current.name}.replaced-{os.getpid()}-{target.name}"
        os.replace(current, previous)
    link = current.parent / f".{target.name}.link"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(target, current.parent))
    os.replace(link, current)
    return previous
