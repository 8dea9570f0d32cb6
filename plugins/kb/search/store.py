"""The agents' index of one audience, as one SQLite file: per field and term, its postings
(the documents holding the term, in order, and the term's weight in each); per field,
every document's length; per document, what a result shows. A search reads the rows of
its terms and of the results it shows, nothing else: opening the file reads no postings.

Written whole from the search documents (`write_store`), or brought up to date from a
copy of the last build (`update_store`) when only the documents' contents changed: the
changed documents' rows are rewritten, which gives the same rows as writing it whole (a
test compares them), in a fraction of the time.

A build is a file of its own, never changed once searched (index.py swaps builds in):
readers open it immutable, without locks.
"""

from __future__ import annotations

import bisect
import json
import os
import sqlite3
import zlib
from array import array

from kb.search.weighted_words import field_terms

TYPE_CHECKING = False  # typing and pathlib are not loaded by a search process (files.py)
if TYPE_CHECKING:
    from os import PathLike
    from typing import Any

    FilePath = str | PathLike[str]

FIELDS = ("s", "h", "code")  # the searched fields (article_document.py makes them)
STORE = "index.sqlite"

_SCHEMA = """
CREATE TABLE postings (field TEXT, term TEXT, docs BLOB, weights BLOB, PRIMARY KEY (field, term)) WITHOUT ROWID;
CREATE TABLE lengths (field TEXT PRIMARY KEY, lengths BLOB) WITHOUT ROWID;
CREATE TABLE documents (num INTEGER PRIMARY KEY, key TEXT UNIQUE, id TEXT, lang TEXT, type TEXT, audience TEXT,
                        status TEXT, doc TEXT, page BLOB, fields BLOB, digest TEXT);
CREATE INDEX documents_lang ON documents (lang);
"""
_NUMBER = array("I").itemsize  # bytes of a document number in a postings list
_DOCUMENT = "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def _unpacked(typecode: str, data: bytes) -> array:
    """An array stored as a blob (document numbers "I", weights or lengths)."""
    found = array(typecode)
    found.frombytes(data)
    return found


def _digest(doc: dict[str, Any]) -> str:
    """What tells a changed document: every field of it."""
    import hashlib  # only a build needs it (a search does not load it)

    plain = {name: value for name, value in doc.items() if name != "page"}
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.blake2b(text + b"\0" + doc["page"], digest_size=16).hexdigest()


def _row(num: int, doc: dict[str, Any]) -> tuple:
    searched = zlib.compress(json.dumps([doc[field] for field in FIELDS], ensure_ascii=False).encode("utf-8"))
    return (num, doc["key"], doc["id"], doc["lang"], doc["type"], doc["audience"], doc["status"],
            json.dumps(doc["doc"], ensure_ascii=False), doc["page"], searched, _digest(doc))


def build_connection(path: FilePath) -> sqlite3.Connection:
    """A connection for building: the file is private until it is swapped in, so no journal."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    return con


def write_store(path: FilePath, documents: list[dict[str, Any]]) -> None:
    """Write the index of `documents` (numbered in their order) into a new file at `path`."""
    postings: dict[tuple[str, str], tuple[array, array]] = {}
    lengths = {field: array("I") for field in FIELDS}
    for num, doc in enumerate(documents):
        for field in FIELDS:
            weights, length = field_terms(doc[field])
            lengths[field].append(length)
            for term, weight in weights.items():
                entry = postings.get((field, term))
                if entry is None:
                    entry = postings[field, term] = (array("I"), array("f"))
                entry[0].append(num)
                entry[1].append(weight)
    con = build_connection(path)
    try:
        con.executescript(_SCHEMA)
        con.execute("BEGIN")
        con.executemany(_DOCUMENT, (_row(num, doc) for num, doc in enumerate(documents)))
        con.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)",
                        ((field, term, docs.tobytes(), weights.tobytes())
                         for (field, term), (docs, weights) in sorted(postings.items())))
        con.executemany("INSERT INTO lengths VALUES (?, ?)", ((f, lengths[f].tobytes()) for f in FIELDS))
        con.execute("COMMIT")
    finally:
        con.close()


def update_store(path: FilePath, documents: list[dict[str, Any]]) -> int | None:
    """Bring the index at `path` (a copy of the last build) up to `documents`, rewriting
    the rows of the changed ones; returns how many changed. None, with the file unusable,
    when it holds other documents or them in another order: then write it whole."""
    con = build_connection(path)
    try:
        kept = con.execute("SELECT key, digest FROM documents ORDER BY num").fetchall()
        if [key for key, _ in kept] != [doc["key"] for doc in documents]:
            return None
        changed = [num for num, (doc, (_, digest)) in enumerate(zip(documents, kept)) if _digest(doc) != digest]
        if not changed:
            return 0
        lengths = {field: _unpacked("I", data) for field, data in con.execute("SELECT field, lengths FROM lengths")}
        con.execute("BEGIN")
        for num in changed:
            (searched,) = con.execute("SELECT fields FROM documents WHERE num = ?", (num,)).fetchone()
            before = json.loads(zlib.decompress(searched))
            for field, old_text in zip(FIELDS, before):
                old, _ = field_terms(old_text)
                new, lengths[field][num] = field_terms(documents[num][field])
                for term in old.keys() | new.keys():
                    if old.get(term) != new.get(term):
                        _repost(con, field, term, num, new.get(term))
            con.execute(_DOCUMENT, _row(num, documents[num]))
        con.executemany("UPDATE lengths SET lengths = ? WHERE field = ?", ((lengths[f].tobytes(), f) for f in FIELDS))
        con.execute("COMMIT")
        return len(changed)
    finally:
        con.close()


def _repost(con: sqlite3.Connection, field: str, term: str, num: int, weight: float | None) -> None:
    """Set document `num`'s weight in the postings of a term (None: it no longer holds it)."""
    row = con.execute("SELECT docs, weights FROM postings WHERE field = ? AND term = ?", (field, term)).fetchone()
    docs, weights = (_unpacked("I", row[0]), _unpacked("f", row[1])) if row else (array("I"), array("f"))
    at = bisect.bisect_left(docs, num)
    present = at < len(docs) and docs[at] == num
    if weight is None:
        if present:
            del docs[at], weights[at]
    elif present:
        weights[at] = weight
    else:
        docs.insert(at, num)
        weights.insert(at, weight)
    if docs:
        con.execute("INSERT OR REPLACE INTO postings VALUES (?, ?, ?, ?)", (field, term, docs.tobytes(), weights.tobytes()))
    else:
        con.execute("DELETE FROM postings WHERE field = ? AND term = ?", (field, term))


def read_connection(path: FilePath) -> sqlite3.Connection:
    """A connection for searching a built file: read-only and immutable (no locks, no
    journal: a build never changes once swapped in), shared by the threads of a server."""
    # The characters an SQLite URI's path must escape (sqlite.org/uri.html), % first.
    escaped = os.fspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return sqlite3.connect(f"file:{escaped}?mode=ro&immutable=1", uri=True, check_same_thread=False)


class Store:
    """A built index, opened for searching (read-only, immutable: a build never changes).
    One connection, used by one search at a time (SearchIndex holds a lock)."""

    def __init__(self, path: FilePath) -> None:
        self._con = read_connection(path)
        (self.count,) = self._con.execute("SELECT count(*) FROM documents").fetchone()
        self._lengths: dict[str, array] = {}
        self._languages: dict[str, frozenset[int]] = {}

    def close(self) -> None:
        self._con.close()

    def frequency(self, field: str, term: str) -> int:
        """The number of documents holding `term` in `field`."""
        row = self._con.execute("SELECT length(docs) FROM postings WHERE field = ? AND term = ?", (field, term)).fetchone()
        return row[0] // _NUMBER if row else 0

    def postings(self, field: str, term: str) -> tuple[array, array] | None:
        """The documents holding `term` in `field`, in order, and its weight in each."""
        row = self._con.execute("SELECT docs, weights FROM postings WHERE field = ? AND term = ?", (field, term)).fetchone()
        return None if row is None else (_unpacked("I", row[0]), _unpacked("f", row[1]))

    def lengths(self, field: str) -> array:
        """Every document's length in `field` (in tokens), by document number."""
        if field not in self._lengths:
            row = self._con.execute("SELECT lengths FROM lengths WHERE field = ?", (field,)).fetchone()
            self._lengths[field] = _unpacked("I", row[0] if row else b"")
        return self._lengths[field]

    def numbers(self, lang: str) -> frozenset[int]:
        """The documents in `lang` (read once per language the index holds: every search in
        it asks; a language it does not hold, which anyone may ask for, is not kept)."""
        found = self._languages.get(lang)
        if found is None:
            rows = self._con.execute("SELECT num FROM documents WHERE lang = ?", (lang,))
            found = frozenset(num for (num,) in rows)
            if found:
                self._languages[lang] = found
        return found

    def document(self, num: int) -> dict[str, Any]:
        """What the ranking reads of a document: id, lang, type, audience and `doc` (title,
        url, summary, zones)."""
        id_, lang, type_, audience, doc = self._con.execute(
            "SELECT id, lang, type, audience, doc FROM documents WHERE num = ?", (num,)).fetchone()
        return {"id": id_, "lang": lang, "type": type_, "audience": audience, "doc": json.loads(doc)}

    def page(self, num: int) -> bytes:
        """What only a shown result reads: its text, headings and rows (JSON)."""
        return self._con.execute("SELECT page FROM documents WHERE num = ?", (num,)).fetchone()[0]
