"""The ready replies of the articles, in each language, as the site shows them (facts
resolved in the tab's language, internal blocks gone for the public audience).

A ready reply is a `!!! reply` admonition holding one `=== "Español"` / `=== "English"` tab
per language, each with a fenced ```` ```text ```` block: the text an agent pastes.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from kb.audience import visible
from kb.catalog import Catalog
from kb.labels import language_named
from kb.render import page_markdown
from kb.search.files import REPLIES
from kb.search.searcher import IndexUnavailable

_REPLY = re.compile(r'^([ \t]*)!!!\+?[ \t]+reply\b')
_TAB = re.compile(r'^([ \t]*)===\+?[ \t]+"([^"]+)"[ \t]*$')
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _block(lines: list[str], start: int, indent: int) -> list[str]:
    """The lines after `start` indented deeper than `indent` (blank lines inside kept)."""
    out = []
    for line in lines[start + 1:]:
        if line.strip() and _indent(line) <= indent:
            break
        out.append(line)
    return out


def _tab_text(lines: list[str]) -> str:
    """A tab's reply: its first fenced block, else its text."""
    inside, fenced, found = False, [], False
    for line in lines:
        if _FENCE.match(line):
            if inside:
                found = True
                break
            inside = True
            continue
        if inside:
            fenced.append(line)
    chosen = fenced if found or fenced else lines
    return textwrap.dedent("\n".join(chosen)).strip()


def ready_replies(markdown: str) -> dict[str, str]:
    """The first ready reply of a page, as {language: text}."""
    lines = markdown.splitlines()
    for number, line in enumerate(lines):
        match = _REPLY.match(line)
        if not match:
            continue
        body = _block(lines, number, _indent(line))
        replies: dict[str, str] = {}
        for position, inner in enumerate(body):
            tab = _TAB.match(inner)
            lang = tab and language_named(tab.group(2))
            if lang and lang not in replies:
                text = _tab_text(_block(body, position, len(tab.group(1))))
                if text:
                    replies[lang] = text
        if replies:
            return replies
    return {}


@dataclass
class ReplyBook:
    """Every article's ready reply by (article id, language)."""

    replies: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_catalog(cls, catalog: Catalog, audience: str) -> ReplyBook:
        book = cls()
        for article in (a for a in catalog.articles if not a.is_page and visible(a, audience)):
            # An article's own language version wins over the other version's tab.
            for lang, text in ready_replies(page_markdown(article, catalog, audience)).items():
                if lang == article.lang or (article.id, lang) not in book.replies:
                    book.replies[(article.id, lang)] = text
        return book

    @classmethod
    def from_index(cls, folder: Path) -> ReplyBook:
        """The replies a search index was built with (`to_json`, written beside it)."""
        path = Path(folder) / REPLIES
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise IndexUnavailable(f"no ready replies in the search index at {folder}") from None
        return cls({(article_id, lang): text for article_id, lang, text in rows})

    def to_json(self) -> list[list[str]]:
        return [[article_id, lang, text] for (article_id, lang), text in sorted(self.replies.items())]

    def get(self, article_id: str, lang: str) -> str:
        return self.replies.get((article_id, lang), "")
