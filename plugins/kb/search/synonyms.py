"""English <-> Spanish synonyms, read from the glossary article: the glossary that agents
read is the one search uses, so "contracargo" finds the chargeback articles in English.

The glossary's tables give a pair per row: the first two columns, whose headers name
their language (English / Inglés, Spanish / Español). A cell may hold alternatives
separated by " / ", and a parenthesis that abbreviates the term is one more alternative:
"meses sin intereses (MSI)" -> "meses sin intereses", "MSI" (but "return (SPEI)" -> "return").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.labels import language_named
from kb.search.analysis import LANGUAGES, fold, stem, terms
from kb.search.document import read_page

GLOSSARY_ID = "glossary"
_PARENS = re.compile(r"\(([^()]*)\)")
MAX_PHRASE = 4  # words: longer cells are definitions, not terms


@dataclass
class Group:
    """Terms that mean the same, per language."""

    terms: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, list[str]]:
        return self.terms


def _is_acronym(short: str, words: str) -> bool:
    """Whether `short` ("MSI") is made of the initials of `words` ("meses sin intereses"),
    in order, some words skipped ("Comprobante Electrónico de Pago" -> "CEP")."""
    letters = [ch for ch in fold(short) if ch.isalnum()]
    initials = iter(fold(word)[0] for word in words.split() if word)
    return len(letters) >= 2 and all(letter in initials for letter in letters)


def _alternatives(cell: str) -> list[str]:
    found = []
    for part in cell.split(" / "):
        outer = _PARENS.sub(" ", part).strip(" .;,")
        # A parenthesis is an alternative when it abbreviates the term ("(MSI)"), not when
        # it qualifies it ("return (SPEI)").
        inner = [m.strip() for m in _PARENS.findall(part) if _is_acronym(m.strip(), outer)]
        for candidate in [outer, *inner]:
            if candidate and 0 < len(list(terms(candidate))) <= MAX_PHRASE and candidate not in found:
                found.append(candidate)
    return found


def _column_languages(header: list[str]) -> list[str] | None:
    if len(header) < 2:
        return None
    langs = [language_named(cell) for cell in header[:2]]
    if None in langs or langs[0] == langs[1]:
        return None
    return langs  # type: ignore[return-value]


def parse_glossary(markdown: str) -> list[Group]:
    """The pairs of every table whose first two headers name English and Spanish."""
    groups = []
    for row in read_page(markdown).rows:
        langs = _column_languages(row.header)
        if langs is None or len(row.cells) < 2:
            continue
        group = Group({lang: _alternatives(cell) for lang, cell in zip(langs, row.cells[:2])})
        if all(group.terms.get(lang) for lang in langs):
            groups.append(group)
    return groups


def phrase_keys(phrase: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A phrase's words as typed, and stemmed in each language (plurals meet singulars)."""
    keys = {phrase}
    for lang in LANGUAGES:
        keys.add(tuple(stem(word, lang) for word in phrase))
    return keys


@dataclass(frozen=True)
class Expansion:
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
