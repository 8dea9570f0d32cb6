"""The queries the agents' index answers, and their scores: terms, with a boost, combined
as Or (the sum of the terms an article holds), And (all of them), AndMaybe (the first,
raised by the second where it also matches) and DisjunctionMax (the best of several
choices). A term scores BM25, over the weighted fields (a title word weighs 4).

Each query gives the scores of the documents it matches, restricted to `within` when
given (the documents already known to match a required part), so that a common word costs
only the documents a rare one found.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Collection, Iterator, Sequence
from math import log

from kb.search.store import Store

K1, B = 1.2, 0.75  # BM25's usual parameters

Scores = dict[int, float]


class Scorer:
    """Scores the queries of one opened index (its statistics and lengths read once)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.count = store.count
        self._norms: dict[str, list[float]] = {}

    def frequency(self, field: str, text: str) -> int:
        return self.store.frequency(field, text)

    def norms(self, field: str) -> list[float]:
        """Per document, BM25's length part of `field`: K1 * (1 - B + B * length / average)."""
        if field not in self._norms:
            lengths = self.store.lengths(field)
            average = (sum(lengths) / (self.count or 1)) or 1
            self._norms[field] = [K1 * ((1 - B) + B * length / average) for length in lengths]
        return self._norms[field]

    def term(self, field: str, text: str, boost: float, within: Collection[int] | None) -> Scores:
        found = self.store.postings(field, text)
        if found is None:
            return {}
        docs, weights = found
        idf = log(self.count / (len(docs) + 1)) + 1
        norms = self.norms(field)
        k = K1 + 1
        if within is None:
            held = zip(docs, weights)
        elif len(within) * 16 < len(docs):  # a few documents in a long list: look each one up
            held = _looked_up(docs, weights, within)
        else:
            held = ((d, w) for d, w in zip(docs, weights) if d in within)
        return {d: idf * ((w * k) / (w + norms[d])) * boost for d, w in held}

    def top(self, query: Query, limit: int, lang: str | None = None) -> list[tuple[int, float]]:
        """The `limit` best documents for `query` (only those in `lang` when given), best
        first, the lower number first among equal scores."""
        scores = query.scores(self, self.store.numbers(lang) if lang else None)
        return heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))


def _looked_up(docs: Sequence[int], weights: Sequence[float], within: Collection[int]) -> Iterator[tuple[int, float]]:
    """The documents of `within` that a postings list holds, with their weights."""
    for d in within:
        at = bisect_left(docs, d)
        if at < len(docs) and docs[at] == d:
            yield d, weights[at]


# Each query has `scores(scorer, within=None)`: the documents matching, with their scores
# (only those in `within` when given); and `size(scorer)`: at most how many documents it
# matches. The records of a search are collections' named tuples, neither dataclasses nor
# typing's NamedTuple: importing dataclasses takes 15 ms, typing 5 ms, of the 100 ms
# `kb search` may take as a whole (kb_app/commands/search.py).


class Term(namedtuple("Term", ["field", "text", "boost"], defaults=[1.0])):
    """A term of a field, its score multiplied by `boost`."""

    __slots__ = ()

    def scores(self, scorer: Scorer, within: Collection[int] | None = None) -> Scores:
        return scorer.term(self.field, self.text, self.boost, within)

    def size(self, scorer: Scorer) -> int:
        return scorer.frequency(self.field, self.text)


class Or(namedtuple("Or", ["queries"])):
    """The sum of the `queries` (a list) a document matches."""

    __slots__ = ()

    def scores(self, scorer: Scorer, within: Collection[int] | None = None) -> Scores:
        total: Scores = {}
        for query in self.queries:
            for doc, score in query.scores(scorer, within).items():
                total[doc] = total.get(doc, 0.0) + score
        return total

    def size(self, scorer: Scorer) -> int:
        return sum(query.size(scorer) for query in self.queries)


class And(namedtuple("And", ["queries"])):
    """The documents matching all the `queries` (a list), their scores added up."""

    __slots__ = ()

    def scores(self, scorer: Scorer, within: Collection[int] | None = None) -> Scores:
        if not self.queries:
            return {}
        found: Scores | None = None
        for query in sorted(self.queries, key=lambda q: q.size(scorer)):  # the rarest first
            scores = query.scores(scorer, within if found is None else found)
            found = scores if found is None else {doc: found[doc] + score for doc, score in scores.items()}
            if not found:
                break
        return found or {}

    def size(self, scorer: Scorer) -> int:
        return min((query.size(scorer) for query in self.queries), default=0)


class AndMaybe(namedtuple("AndMaybe", ["required", "optional"])):
    """The documents matching `required`, raised by `optional` where it also matches."""

    __slots__ = ()

    def scores(self, scorer: Scorer, within: Collection[int] | None = None) -> Scores:
        found = self.required.scores(scorer, within)
        if not found:
            return found
        extra = self.optional.scores(scorer, found)
        return {doc: score + extra.get(doc, 0.0) for doc, score in found.items()}

    def size(self, scorer: Scorer) -> int:
        return self.required.size(scorer)


class DisjunctionMax(namedtuple("DisjunctionMax", ["queries", "tiebreak"], defaults=[0.0])):
    """Each document scores its best choice of the `queries`, plus `tiebreak` times the others."""

    __slots__ = ()

    def scores(self, scorer: Scorer, within: Collection[int] | None = None) -> Scores:
        best: Scores = {}
        total: Scores = {}
        for query in self.queries:
            for doc, score in query.scores(scorer, within).items():
                total[doc] = total.get(doc, 0.0) + score
                if score > best.get(doc, -1.0):
                    best[doc] = score
        if not self.tiebreak:
            return best
        return {doc: score + self.tiebreak * (total[doc] - score) for doc, score in best.items()}

    def size(self, scorer: Scorer) -> int:
        return sum(query.size(scorer) for query in self.queries)


Query = Term | Or | And | AndMaybe | DisjunctionMax
