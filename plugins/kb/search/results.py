"""What a search returns: one hit per article, pointing at the row or heading that
answers, and what was understood of the query (its language, typos read, a suggestion
when nothing matched)."""

from __future__ import annotations

from typing import NamedTuple

from kb.search.parse import ParsedQuery


class Hit(NamedTuple):
    id: str
    lang: str
    title: str
    url: str
    anchor: str
    snippet: str  # HTML: the text escaped, the query's words in <mark>
    score: float
    type: str = ""
    audience: str = ""
    row: str = ""  # the first cell of the table row that answers, if one does

    @property
    def link(self) -> str:
        return self.url + (f"#{self.anchor}" if self.anchor else "")

    def to_json(self) -> dict:
        return self._asdict()


class Results(NamedTuple):
    hits: list[Hit]
    query: ParsedQuery
    language: str | None = None  # the language the query seems to be in
    did_you_mean: str | None = None
    corrected: dict[str, list[str]] | None = None  # word -> typo candidates used
