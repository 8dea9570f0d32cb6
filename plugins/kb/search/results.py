"""What a search returns: one hit per article, pointing at the row or heading that
answers, and what was understood of the query (its language, typos read, a suggestion
when nothing matched)."""

from __future__ import annotations

from collections import namedtuple


class Hit(namedtuple("Hit", ["id", "lang", "title", "url", "anchor", "snippet", "score", "type", "audience", "row"],
                     defaults=["", "", ""])):
    """One article found: its id, language, title and url; the `anchor` of the heading
    or row that answers; the `snippet` (HTML: the text escaped, the query's words in
    <mark>); its score; its type and audience; the first cell of the table `row` that
    answers, if one does."""

    __slots__ = ()

    @property
    def link(self) -> str:
        return self.url + (f"#{self.anchor}" if self.anchor else "")

    def to_json(self) -> dict:
        return self._asdict()


class Results(namedtuple("Results", ["hits", "query", "language", "did_you_mean", "corrected"],
                         defaults=[None, None, None])):
    """A search's `hits`, best first, and what was understood: the ParsedQuery, the
    `language` the query seems to be in, a query to suggest when nothing matched
    (`did_you_mean`), and the typos read (`corrected`: word -> the corrections used)."""

    __slots__ = ()
