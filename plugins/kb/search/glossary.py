"""The synonym groups of the glossary article: the glossary that agents read is the one
search uses (kb.search.synonyms looks a query up in its groups).

The glossary's tables give a pair per row: the first two columns, whose headers name
their language (English / Inglés, Spanish / Español). A cell may hold alternatives
separated by " / ", and a parenthesis that abbreviates the term is one more alternative:
"meses sin intereses (MSI)" -> "meses sin intereses", "MSI" (but "return (SPEI)" -> "return").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.labels import language_named
from kb.search.analysis import fold, terms
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
