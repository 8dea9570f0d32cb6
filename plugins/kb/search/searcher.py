"""Searching an index the way agents type: a few words, either language, no accents,
typos, codes. The public entry of the search: `SearchIndex(path).search(text)`.

A search parses the query (parse.py), expands its words (expansion.py: typos, completions
and synonyms from the vocabulary and the glossary), runs the planned queries (plan.py,
query.py), re-ranks the best candidates (ranking.py) and points each result at its answer
(answer.py, snippets.py). This module opens the index (store.py), follows its rebuilds
and wires those steps together.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections import OrderedDict

from kb.search.analysis import is_code, stems
from kb.search.answer import locate
from kb.search.expansion import QueryWord, expand, query_language
from kb.search.files import VERSION, read_info
from kb.search.lexicon import LEXICON, Lexicon
from kb.search.parse import ParsedQuery, parse
from kb.search.plan import Planner
from kb.search.query import Scorer
from kb.search.ranking import CANDIDATES, Candidate, holds_phrases, rank
from kb.search.results import Hit, Results
from kb.search.snippets import Marker
from kb.search.store import STORE, Store

TYPE_CHECKING = False  # pathlib is not loaded by a search process (files.py)
if TYPE_CHECKING:
    from os import PathLike

__all__ = ["MAX_RESULTS", "IndexUnavailable", "Results", "SearchIndex"]

MAX_RESULTS = 50  # a search's results at most (the command line and the API refuse more)

# Answers kept per open index: agents ask the same few questions all day, and a built index
# never changes (a rebuild is a new index, which starts with none).
ANSWERS = 2048


class IndexUnavailable(Exception):
    """There is no usable index (not built yet, or built by another version): build it."""


class SearchIndex:
    """A searchable index of one audience. It follows the index's symlink: the search after
    a rebuild reads the new build. Searches take turns (they share one connection to the
    index's file); each takes milliseconds. The answers of the last ANSWERS distinct
    queries are kept until the index is rebuilt: the Results returned are shared, not to be
    changed."""

    def __init__(self, path: str | PathLike[str]) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._target: str | None = None
        self._open()

    def _open(self) -> None:
        target = os.path.realpath(self.path)
        info = read_info(target) if os.path.isdir(target) else None
        if info is None or not all(os.path.exists(os.path.join(target, name)) for name in (STORE, LEXICON)):
            raise IndexUnavailable(f"no search index at {self.path}")
        if info.get("version") != VERSION:
            raise IndexUnavailable(f"the search index at {self.path} was built by another version of kb")
        store = None
        try:
            store = Store(os.path.join(target, STORE))
            lexicon = Lexicon(os.path.join(target, LEXICON))
        except (sqlite3.DatabaseError, KeyError, ValueError) as exc:
            if store is not None:  # the lexicon is the damaged part: the index stays as it was
                store.close()
            raise IndexUnavailable(f"the search index at {self.path} is damaged ({exc})") from None
        self.store = store
        self.scorer = Scorer(self.store)
        self.vocabulary, self.synonyms = lexicon.vocabulary, lexicon.synonyms
        self.planner = Planner(self.scorer.frequency, self.store.count)
        self.info = info
        self._answers: OrderedDict[tuple, Results] = OrderedDict()
        self._target = target

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the index was built with (empty if it records none)."""
        return tuple(self.info.get("languages") or self.info.get("documents") or ())

    def _fresh(self) -> None:
        """Follow the symlink to a newer build (called under the lock: no search is using
        the old store, which is closed; the old lexicon closes when nothing holds it, as a
        ticket's suggestions may, outside the lock)."""
        if os.path.realpath(self.path) != self._target:
            old = self.store
            self._open()
            old.close()

    def search(self, text: str, lang: str | None = None, limit: int = 10) -> Results:
        """The best articles for `text` (only in `lang` when given), best first."""
        parsed, key = self._asked(text, lang, limit)
        if parsed.empty:
            return Results([], parsed)
        with self._lock:
            self._fresh()
            if (known := self._recall(key)) is not None:
                return known
            results = self._answers[key] = self._search(parsed, lang, key[-1])
            if len(self._answers) > ANSWERS:
                self._answers.popitem(last=False)
            return results

    def kept(self, text: str, lang: str | None = None, limit: int = 10) -> Results | None:
        """The answer `search` would give if it is kept (None if not, if a search is
        running, or if the index was rebuilt: `search` opens the new one): never waits nor
        reads a file, so that a server can answer it without a thread."""
        parsed, key = self._asked(text, lang, limit)
        if parsed.empty:
            return Results([], parsed)
        if not self._lock.acquire(blocking=False):
            return None
        try:
            return self._recall(key) if os.path.realpath(self.path) == self._target else None
        finally:
            self._lock.release()

    def _recall(self, key: tuple) -> Results | None:
        """The kept answer of `key`, now the most recent one (called under the lock)."""
        if (known := self._answers.get(key)) is not None:
            self._answers.move_to_end(key)
        return known

    @staticmethod
    def _asked(text: str, lang: str | None, limit: int) -> tuple[ParsedQuery, tuple]:
        """The parsed query, and what makes two queries the same (their folded words)."""
        parsed = parse(text)
        limit = max(1, min(int(limit), MAX_RESULTS))
        return parsed, (tuple(parsed.words), tuple(map(tuple, parsed.phrases)), parsed.prefix, lang, limit)

    def _search(self, parsed: ParsedQuery, lang: str | None, limit: int) -> Results:
        corrected: dict[str, list[str]] = {}
        query_words = expand(parsed, self.vocabulary, self.synonyms, corrected)
        language = query_language(query_words, self.vocabulary)
        hits: list[tuple[int, float]] = []
        plans = self.planner.plans(query_words, parsed.phrases)
        for number, plan in enumerate(plans):
            hits = self.scorer.top(plan, CANDIDATES, lang)
            if len(hits) >= limit or number == len(plans) - 1:
                break
        candidates = (Candidate(d["id"], d["lang"], d["doc"], score, num, d["type"], d["audience"])
                      for num, score in hits for d in [self.store.document(num)])
        if parsed.phrases:
            candidates = (c for c in candidates if holds_phrases(self._phrase_texts(c), parsed.phrases))
        ranked = rank(candidates, query_words, language, limit)
        marker = Marker(self._forms(query_words, parsed.phrases))
        codes = {w.text for w in query_words if is_code(w.text)}
        found = []
        for candidate in ranked:
            doc = candidate.doc
            answer = locate(doc | json.loads(self.store.page(candidate.number)), marker, codes, len(query_words))
            found.append(Hit(candidate.id, candidate.lang, doc["title"], doc["url"], answer.anchor, answer.snippet,
                             round(candidate.score, 3), candidate.type, candidate.audience, answer.row))
        return Results(found, parsed, language, None if found else self.did_you_mean(parsed), corrected)

    def is_row_code(self, word: str) -> bool:
        """Whether a (folded) code names a table row of some article: a decline, return or
        HTTP code, not an amount."""
        with self._lock:
            self._fresh()
            return self.planner.known("code", word)

    def headed(self, word: str) -> bool:
        """Whether some article holds a (folded) word above its body: in a title, summary,
        tag or heading (a word articles are about, not one they happen to use)."""
        with self._lock:
            self._fresh()
            return any(self.planner.known("h", form) for form in ({word} if is_code(word) else stems(word)))

    def _phrase_texts(self, candidate: Candidate) -> list[str]:
        return [candidate.doc["title"], candidate.doc["summary"], json.loads(self.store.page(candidate.number))["text"]]

    @staticmethod
    def _forms(query_words: list[QueryWord], phrases: list[list[str]]) -> set[str]:
        """Every form of the query's words (and of their phrases) that a result shows."""
        forms = set().union(*(w.forms for w in query_words)) if query_words else set()
        for phrase_words in [p for w in query_words for p in w.phrases] + phrases:
            forms |= set(phrase_words)
        return forms

    def did_you_mean(self, parsed: ParsedQuery) -> str | None:
        """The query with each unknown word replaced by the closest known one, if any."""
        return self.vocabulary.did_you_mean(parsed.words)
