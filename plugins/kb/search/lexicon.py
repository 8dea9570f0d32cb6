"""The index's words and the glossary's synonyms, in a file of their own beside the store
(`LEXICON`), looked up word by word: a search reads the few words its query holds, not the
whole vocabulary (reading it as JSON was most of the time a search process took to open
the index, and grows with the knowledge base).

Written whole by every build (it is small beside the store); read-only and immutable once
searched, like the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence

from kb.search.analysis import is_code
from kb.search.store import build_connection, read_connection
from kb.search.synonyms import Synonyms
from kb.search.vocabulary import Vocabulary, language_totals

TYPE_CHECKING = False  # typing is not loaded by a search process (files.py)
if TYPE_CHECKING:
    from os import PathLike

LEXICON = "lexicon.sqlite"

_SCHEMA = """
CREATE TABLE words (word TEXT PRIMARY KEY, counts TEXT, size INTEGER, code INTEGER) WITHOUT ROWID;
CREATE INDEX words_sizes ON words (code, size, word);
CREATE TABLE synonym_keys (key TEXT PRIMARY KEY, groups TEXT) WITHOUT ROWID;
CREATE TABLE synonym_groups (num INTEGER PRIMARY KEY, phrases TEXT);
CREATE TABLE about (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
"""


def write_lexicon(path: str | PathLike[str], languages: list[str], df: dict[str, list[int]], synonyms: Synonyms) -> None:
    """Write the vocabulary (word -> documents holding it, per language) and the synonyms
    into a new file at `path`."""
    con = build_connection(path)
    try:
        con.executescript(_SCHEMA)
        con.execute("BEGIN")
        con.executemany("INSERT INTO words VALUES (?, ?, ?, ?)",
                        ((w, json.dumps(c), len(w), is_code(w)) for w, c in sorted(df.items())))
        index, phrases = synonyms.lookup
        con.executemany("INSERT INTO synonym_keys VALUES (?, ?)", ((" ".join(key), json.dumps(numbers))
                                                                   for key, numbers in sorted(index.items())))
        con.executemany("INSERT INTO synonym_groups VALUES (?, ?)",
                        ((num, json.dumps(group, ensure_ascii=False)) for num, group in enumerate(phrases)))
        about = {"languages": languages, "totals": language_totals(df, len(languages)), "longest": synonyms.longest}
        con.executemany("INSERT INTO about VALUES (?, ?)", ((name, json.dumps(value)) for name, value in about.items()))
        con.execute("COMMIT")
    finally:
        con.close()


class Lexicon:
    """A built lexicon, opened for searching: its vocabulary and synonyms read on demand.
    Its connection may be used by several threads (SQLite serializes them)."""

    def __init__(self, path: str | PathLike[str]) -> None:
        con = read_connection(path)
        about = {name: json.loads(value) for name, value in con.execute("SELECT name, value FROM about")}
        self.vocabulary = StoredVocabulary(con, about["languages"], about["totals"])
        self.synonyms = Synonyms.looked_up(_StoredKeys(con), _StoredGroups(con), about["longest"])


class StoredVocabulary(Vocabulary):
    """The vocabulary as the lexicon holds it: the words a typo may be, or a word's
    completions, found by its indexes rather than by sorting every word."""

    def __init__(self, con: sqlite3.Connection, languages: list[str], totals: list[int]) -> None:
        super().__init__(languages, _StoredWords(con), totals)
        self._con = con
        self._lengths: dict[int, list[str]] = {}  # kept: a ticket's suggestions try up to 200 typos

    def of_length(self, length: int) -> list[str]:
        found = self._lengths.get(length)
        if found is None:
            rows = self._con.execute("SELECT word FROM words WHERE code = 0 AND size = ? ORDER BY word", (length,))
            found = self._lengths[length] = [word for (word,) in rows]
        return found

    def starting(self, prefix: str, most: int) -> list[str]:
        found: list[str] = []
        for (word,) in self._con.execute("SELECT word FROM words WHERE word >= ? ORDER BY word", (prefix,)):
            if len(found) == most or not word.startswith(prefix):
                break  # the rows are read one by one: none past the last word starting with it
            found.append(word)
        return found


class _StoredWords(Mapping[str, list[int]]):
    """The vocabulary's words and their counts per language, in word order. Known words
    are kept once read (at most the vocabulary); unknown ones, which tickets hold without
    end, are not."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con
        self._known: dict[str, list[int]] = {}

    def __getitem__(self, word: str) -> list[int]:
        found = self._known.get(word)
        if found is None:
            row = self._con.execute("SELECT counts FROM words WHERE word = ?", (word,)).fetchone()
            if row is None:
                raise KeyError(word)
            found = self._known[word] = json.loads(row[0])
        return found

    def __iter__(self) -> Iterator[str]:
        return (word for (word,) in self._con.execute("SELECT word FROM words ORDER BY word"))

    def __len__(self) -> int:
        return self._con.execute("SELECT count(*) FROM words").fetchone()[0]


class _StoredKeys(Mapping[tuple[str, ...], list[int]]):
    """The synonyms' lookup: a phrase's key (its words, or their stems) -> its groups."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    def __getitem__(self, key: tuple[str, ...]) -> list[int]:
        row = self._con.execute("SELECT groups FROM synonym_keys WHERE key = ?", (" ".join(key),)).fetchone()
        if row is None:
            raise KeyError(key)
        return json.loads(row[0])

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (tuple(key.split(" ")) for (key,) in self._con.execute("SELECT key FROM synonym_keys ORDER BY key"))

    def __len__(self) -> int:
        return self._con.execute("SELECT count(*) FROM synonym_keys").fetchone()[0]


class _StoredGroups(Sequence[list[tuple[str, ...]]]):
    """The synonym groups' phrases, by group number."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    def __getitem__(self, number: int) -> list[tuple[str, ...]]:  # type: ignore[override]  # no slices
        row = self._con.execute("SELECT phrases FROM synonym_groups WHERE num = ?", (number,)).fetchone()
        if row is None:
            raise IndexError(number)
        return [tuple(phrase) for phrase in json.loads(row[0])]

    def __len__(self) -> int:
        return self._con.execute("SELECT count(*) FROM synonym_groups").fetchone()[0]

