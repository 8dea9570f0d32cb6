"""English <-> Spanish synonyms: the glossary's groups of terms (read by kb.search.glossary
when the index is built, stored with their lookup ready) and the lookup of a query's runs of
words in them, so that "contracargo" finds the chargeback articles in English.

A query process loads only this module, not the Markdown reading of the glossary.
"""

from __future__ import annotations

from typing import NamedTuple

from kb.search.analysis import LANGUAGES, stem, terms


def phrase_keys(phrase: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A phrase's words as typed, and stemmed in each language (plurals meet singulars)."""
    keys = {phrase}
    for lang in LANGUAGES:
        keys.add(tuple(stem(word, lang) for word in phrase))
    return keys


class Expansion(NamedTuple):
    """Query words [start, end) mean the same as each of `phrases` (folded words)."""

    start: int
    end: int
    phrases: tuple[tuple[str, ...], ...]


class Synonyms:
    """Looks up the phrases of a query in the glossary groups."""

    def __init__(self, groups: list[dict[str, list[str]]]) -> None:
        self.groups = groups
        self._index: dict[tuple[str, ...], list[int]] = {}
        self._phrases: list[list[tuple[str, ...]]] = []
        for number, group in enumerate(groups):
            phrases = []
            for alternatives in group.values():
                for text in alternatives:
                    phrase = tuple(terms(text))
                    if phrase and phrase not in phrases:
                        phrases.append(phrase)
            self._phrases.append(phrases)
            for phrase in phrases:
                for key in phrase_keys(phrase):
                    self._index.setdefault(key, []).append(number)
        self.longest = max((len(p) for ps in self._phrases for p in ps), default=0)

    def to_json(self) -> dict:
        """The groups with their lookup ready (the index stores it: stemming every glossary
        term again would be most of the time a search process takes to open the index)."""
        return {"groups": self.groups, "phrases": self._phrases,
                "keys": [[list(key), numbers] for key, numbers in self._index.items()]}

    @classmethod
    def from_json(cls, data: dict) -> Synonyms:
        """The synonyms `to_json` stored, without stemming anything."""
        synonyms = cls([])
        synonyms.groups = data["groups"]
        synonyms._phrases = [[tuple(phrase) for phrase in phrases] for phrases in data["phrases"]]
        synonyms._index = {tuple(key): numbers for key, numbers in data["keys"]}
        synonyms.longest = max((len(p) for ps in synonyms._phrases for p in ps), default=0)
        return synonyms

    @property
    def phrases(self) -> list[list[tuple[str, ...]]]:
        """Each group's phrases (folded words), in the groups' order."""
        return self._phrases

    def __len__(self) -> int:
        return len(self.groups)

    def expand(self, words: list[str]) -> list[Expansion]:
        """Every run of query words that is a glossary term, with its other terms."""
        found = []
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + self.longest) + 1):
                run = tuple(words[start:end])
                numbers: list[int] = []
                for key in phrase_keys(run):
                    numbers += [n for n in self._index.get(key, []) if n not in numbers]
                if not numbers:
                    continue
                keys = phrase_keys(run)
                others = []
                for number in numbers:
                    for phrase in self._phrases[number]:
                        if not (phrase_keys(phrase) & keys) and phrase not in others:
                            others.append(phrase)
                if others:
                    found.append(Expansion(start, end, tuple(others)))
        return found
