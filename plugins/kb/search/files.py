"""The files of a built index beside Whoosh's own, and the version of that layout: shared
by the builder (index.py) and the searcher (searcher.py), which must not load the
builder's imports (articles, rendering) to answer a query."""

VOCABULARY = "vocabulary.json"
SYNONYMS = "synonyms.json"
INFO = "info.json"
VERSION = 1  # of the index's layout: a search refuses an index of another version
