"""The files of a built index beside its store (store.py), and the version of that layout: shared
by the builder (index.py) and the searcher (searcher.py), which must not load the
builder's imports (articles, rendering) to answer a query."""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False  # typing and pathlib would cost a search process 11 ms: not loaded for it
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

INFO = "info.json"
REPLIES = "replies.json"  # the articles' ready replies, for suggestions from a ticket
VERSION = 6  # of the index's layout: a search refuses an index of another version (6: the words and synonyms in SQLite)
INDEXES = os.path.join(".kb", "index")  # where a project's indexes live, out of the site folders


def index_root(root: Path) -> Path:
    """Where a project's indexes live (out of the site folders: the site never serves them)."""
    return root / INDEXES


def index_folder(root: str | os.PathLike[str], audience: str) -> str:
    """The index of `audience` in the project at `root`, as a search opens it (a string:
    a search does not load pathlib)."""
    return os.path.join(root, INDEXES, audience)


def read_info(folder: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The info of the index built in `folder` (written last: a complete build), or None
    when there is none or it is not one (unreadable, not JSON, not an object)."""
    try:
        with open(os.path.join(folder, INFO), encoding="utf-8") as file:
            info = json.loads(file.read())
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None
