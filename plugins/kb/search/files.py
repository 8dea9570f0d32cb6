"""The files of a built index beside its store (store.py), and the version of that layout: shared
by the builder (index.py) and the searcher (searcher.py), which must not load the
builder's imports (articles, rendering) to answer a query."""

from pathlib import Path

VOCABULARY = "vocabulary.json"
SYNONYMS = "synonyms.json"
INFO = "info.json"
REPLIES = "replies.json"  # the articles' ready replies, for suggestions from a ticket
VERSION = 5  # of the index's layout: a search refuses an index of another version (5: the index in SQLite)


def index_root(root: Path) -> Path:
    """Where a project's indexes live (out of the site folders: the site never serves them)."""
    return root / ".kb" / "index"
