"""`kb build` into the published folders without a moment of half a site: each build goes to
a new folder under site/.builds/ and site/<audience> (a symlink) is repointed to it in one
rename, so a server reading site/<audience> (`kb web`, a static host) sees the old build or
the new one. The build before stays on disk for the requests still reading it; older ones
are removed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from kb.swap import swap_in

BUILDS = ".builds"
KEEP = 2  # the build shown and the one before it


def build_folder(published: Path) -> Path:
    """A new, empty folder for the next build of `published` (site/<audience>)."""
    builds = published.parent / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        target = builds / f"{published.name}-{stamp}-{n}"
        if not target.exists():
            return target
    raise RuntimeError(f"too many builds in {builds}")


def publish(published: Path, target: Path) -> None:
    """Show `target` at `published`, keeping the previous build, removing older ones."""
    if published.exists() and not published.is_symlink():
        # a folder from before builds were swapped in: moved aside once, then swapped as usual
        os.replace(published, published.parent / BUILDS / f"{published.name}-old")
    swap_in(published, target)
    builds = sorted((p for p in (published.parent / BUILDS).glob(f"{published.name}-*") if p.is_dir()),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP:]:
        if old.resolve() != target.resolve():
            shutil.rmtree(old, ignore_errors=True)
