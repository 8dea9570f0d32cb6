"""The files of a built index beside its store (store.py), and the version of that layout: shared
by the builder (index.py) and the searcher (searcher.py), which must not load the
builder's imports (articles, rendering) to answer a query."""

import json
from pathlib import Path
from typing import Any

VOCABULARY = "vocabulary.json"
SYNONYMS = "synonyms.json"
INFO = "info.json"
REPLIES = "replies.json"  # the articles' ready replies, for suggestions from a ticket
VERSION = 5  # of the index's layout: a search refuses an index of another version (5: the index in SQLite)


def index_root(root: Path) -> Path:
    """Where a project's indexes live (out of the site folders: the site never serves them)."""
    return root / ".kb" / "index"


def read_info(folder: Path) -> dict[str, Any] | None:
    """The info of the index built in `folder` (written last: a complete build), or None
    when there is none or it is not one (unreadable, not JSON, not an object)."""
    try:
        info = json.loads((folder / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None
