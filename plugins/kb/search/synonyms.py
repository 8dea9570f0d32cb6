"""English <-> Spanish synonyms: the glossary's groups of terms (read by kb.search.glossary
when the index is built, stored with their lookup ready) and the lookup of a query's runs of
words in them, so that "contracargo" finds the chargeback articles in English.

A query process loads only this module, not the Markdown reading of the glossary.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping, Sequence

from kb.search.analysis import LANGUAGES, stem, terms


def phrase_keys(phrase: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A phrase's words as typed, and stemmed in each language (plurals meet singulars)."""
    keys = {phrase}
    for lang in LANGUAGES:
        keys.add(tuple(stem(word, lang) for word in phrase))
    return keys


class Expansion(namedtuple("Expansion", ["start", "end", "phrases"])):
    """Query words [start, end) mean the same as each of `phrases` (tuples of folded words)."""

    __slots__ = ()


class Synonyms:
    """Looks up the phrases of a query in the glossary groups."""

    def __init__(self, groups: list[dict[str, list[str]]]) -> None:
        index: dict[tuple[str, ...], list[int]] = {}
        every: list[list[tuple[str, ...]]] = []
        for number, group in enumerate(groups):
            phrases = []
            for alternatives in group.values():
                for text in alternatives:
                    phrase = tuple(terms(text))
                    if phrase and phrase not in phrases:
                        phrases.append(phrase)
            every.append(phrases)
            for phrase in phrases:
                for key in phrase_keys(phrase):
                    index.setdefault(key, []).append(number)
        self._index: Mapping[tuple[str, ...], list[int]] = index
        self._phrases: Sequence[list[tuple[str, ...]]] = every
        self.longest = max((len(p) for ps in every for p in ps), default=0)

    @property
    def lookup(self) -> tuple[Mapping[tuple[str, ...], list[int]], Sequence[list[tuple[str, ...]]]]:
        """What `expand` reads: each phrase key's groups, and each group's phrases (the
        index stores them: stemming every glossary term again would be most of the time a
        search process takes to open the index)."""
        return self._index, self._phrases

    @classmethod
    def looked_up(cls, index: Mapping[tuple[str, ...], list[int]], phrases: Sequence[list[tuple[str, ...]]],
                  longest: int) -> Synonyms:
        """The synonyms of a `lookup` stored by the index (lexicon.py), without stemming anything."""
        synonyms = cls([])
        synonyms._index, synonyms._phrases, synonyms.longest = index, phrases, longest
        return synonyms

    @property
    def phrases(self) -> Sequence[list[tuple[str, ...]]]:
        """Each group's phrases (folded words), in the groups' order."""
        return self._phrases

    def __len__(self) -> int:
        return len(self._phrases)

    def expand(self, words: list[str]) -> list[Expansion]:
        """Every run of query words that is a glossary term, with its other terms."""
        found = []
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + self.longest) + 1):
                run = tuple(words[start:end])
                keys = phrase_keys(run)
                numbers: list[int] = []
                for key in keys:
                    numbers += [n for n in self._index.get(key, []) if n not in numbers]
                if not numbers:
                    continue
                others = []
                for number in numbers:
                    for phrase in self._phrases[number]:
                        if not (phrase_keys(phrase) & keys) and phrase not in others:
                            others.append(phrase)
                if others:
                    found.append(Expansion(start, end, tuple(others)))
        return found
