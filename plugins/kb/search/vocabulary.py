"""The index's words, for what the index alone cannot do: typos, completions of an
unfinished last word, "did you mean", and guessing the query's language.

Typos as the hosted engines allow them (Algolia, Meilisearch): a word the index does not
know is matched with 1 typo from 4 letters and 2 from 8 (a swap of two letters is one
typo); codes and numbers never are.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from functools import cached_property

from kb.search.analysis import is_code


def typo_budget(word: str) -> int:
    """Typos allowed in a word: none under 4 letters or in codes, 1 from 4, 2 from 8."""
    if is_code(word) or len(word) < 4:
        return 0
    return 2 if len(word) >= 8 else 1


def language_totals(words: Mapping[str, list[int]], languages: int) -> list[int]:
    """Per language, the words' document counts added up (at least 1): what a word's count
    is weighed against to guess a query's language, here and in the static search's client."""
    columns = zip(*words.values()) if words else ([] for _ in range(languages))  # one per language
    return [max(1, sum(column)) for column in columns]


class Vocabulary:
    """The index's words with their document counts per language, in `languages`' order
    (a dict at build time; the lexicon's words, read on demand, in a search: lexicon.py)."""

    def __init__(self, languages: list[str], df: Mapping[str, list[int]], totals: list[int] | None = None) -> None:
        self.languages = languages
        self.df = df
        if totals is not None:
            self.totals = totals  # the lexicon's: adding up every word's counts would read them all

    # What only typos and completions need is made on first use, from the words in memory
    # (the lexicon looks them up instead: lexicon.StoredVocabulary).
    @cached_property
    def sorted(self) -> list[str]:
        return sorted(self.df)

    @cached_property
    def by_length(self) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for word in self.sorted:
            if not is_code(word):
                found.setdefault(len(word), []).append(word)
        return found

    def of_length(self, length: int) -> Sequence[str]:
        """The words of `length` letters that are not codes, in order (what a typo may be)."""
        return self.by_length.get(length, ())

    def starting(self, prefix: str, most: int) -> list[str]:
        """The first `most` words starting with `prefix`, in order."""
        start = bisect.bisect_left(self.sorted, prefix)
        found = []
        for word in self.sorted[start:start + most]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    @cached_property
    def totals(self) -> list[int]:
        return language_totals(self.df, len(self.languages))

    def __contains__(self, word: str) -> bool:
        return word in self.df

    def count(self, word: str) -> int:
        return sum(self.df.get(word, ()))

    def near(self, word: str, distance: int, limit: int = 3) -> list[str]:
        """Known words within `distance` typos of `word`, closest and commonest first."""
        if distance <= 0:
            return []
        from rapidfuzz import process  # only a query with an unknown word pays for loading it
        from rapidfuzz.distance import OSA

        found = []
        for length in range(len(word) - distance, len(word) + distance + 1):
            bucket = self.of_length(length)
            if bucket:
                found += process.extract(word, bucket, scorer=OSA.distance, score_cutoff=distance, limit=None)
        found.sort(key=lambda item: (item[1], -self.count(item[0])))
        return [w for w, _, _ in found if w != word][:limit]

    def completions(self, prefix: str, limit: int = 5) -> list[str]:
        """Known words starting with `prefix`, commonest first."""
        found = [word for word in self.starting(prefix, 2000) if word != prefix]
        return sorted(found, key=lambda w: -self.count(w))[:limit]

    def language(self, query_words: list[str]) -> str | None:
        """The language whose articles use the query's words more, if one clearly does."""
        votes = [0.0] * len(self.languages)
        for word in query_words:
            counts = self.df.get(word)
            if not counts or is_code(word):
                continue
            rates = [(counts[i] + 0.5) / self.totals[i] for i in range(len(self.languages))]
            best = max(range(len(rates)), key=rates.__getitem__)
            ratio = rates[best] / max(min(rates), 1e-9)
            if ratio >= 2:
                votes[best] += math.log(ratio)
        if not any(votes):
            return None
        ranked = sorted(range(len(votes)), key=votes.__getitem__, reverse=True)
        if len(ranked) > 1 and votes[ranked[0]] == votes[ranked[1]]:
            return None
        return self.languages[ranked[0]]

    def did_you_mean(self, query_words: list[str]) -> str | None:
        """The query with each unknown word replaced by the closest known one, if any (a
        wider search than the typos tried: it is asked only when nothing matched)."""
        changed, out = False, []
        for word in query_words:
            if word in self or is_code(word):
                out.append(word)
                continue
            near = self.near(word, max(1, typo_budget(word) + 1))
            out.append(near[0] if near else word)
            changed = changed or bool(near)
        return " ".join(out) if changed else None
