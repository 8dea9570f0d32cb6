"""The Markdown of a draft stub, in each language: the article contract's front matter,
the type's template sections to fill, and what the tickets say.

Ticket text is untrusted: everything from an export is redacted, put on one line and
escaped, so HTML arrives as text and Markdown syntax as the characters themselves.
Titles and summaries are made only from the taxonomy and the tag's slug.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from kb import frontmatter
from kb.labels import STUB_TEXTS as TEXTS
from kb.scaffold import template_body
from kb.stubs import seal
from kb.vocabulary import ArticleType, Audience, Status

OWNER = "support-leads"
# Characters Markdown (with this site's extensions) would read as syntax in running
# text: emphasis, code, links and images, attribute lists, escapes.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()!])")


def inert(text: str) -> str:
    """Untrusted text as Markdown that renders exactly as the text: one line, HTML
    escaped, Markdown syntax backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", html.escape(" ".join(text.split()), quote=True))


@dataclass
class Stub:
    """Everything a stub says, the same in every language but the words around it."""

    id: str
    type: str
    tags: list[str]  # taxonomy tags
    ticket_tags: list[str]
    titles: dict[str, str]
    tickets: int
    first: str
    last: str
    channels: list[tuple[str, int]]
    phrasings: list[tuple[str, str]]  # (redacted text, ticket id)
    ids: list[str]  # most recent first
    closest: list[str]  # article ids


@lru_cache(maxsize=None)
def _template(article_type: str, lang: str) -> str:
    """The type's template sections (read once a run, not once a stub)."""
    return template_body(article_type, lang).strip()


def _texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["en"])


def markdown(stub: Stub, lang: str, links: dict[str, tuple[str, str]], today: dt.date) -> str:
    """The sealed file for `lang`; `links` maps an article id to its (title, path) in
    this language, for the closest articles that exist in it."""
    t = _texts(lang)
    span = t["range" if stub.last != stub.first else "day"].format(first=stub.first, last=stub.last) if stub.first else ""
    data = {
        "id": stub.id,
        "title": stub.titles.get(lang) or stub.titles["en"],
        "summary": t["summary"].format(count=stub.tickets, range=span),
        "type": ArticleType(stub.type).value,
        "audience": Audience.INTERNAL.value,
        "status": Status.DRAFT.value,
        "tags": stub.tags,
        "owner": OWNER,
        "last_reviewed": today,
        "ticket_tags": stub.ticket_tags,
    }
    body = [
        f'!!! info "{t["note_title"]}"',
        "",
        "    " + t["note"].format(count=stub.tickets, evidence=t["evidence"]),
        "",
        _template(stub.type, lang),
        "",
        f"## {t['evidence']}",
        "",
        f"- **{t['tickets']}:** {t['tickets_line'].format(count=stub.tickets, range=span)}",
        f"- **{t['tags']}:** " + ", ".join(inert(tag) for tag in stub.ticket_tags),
    ]
    if stub.channels:
        body.append(f"- **{t['channels']}:** " + ", ".join(f"{inert(name) if name else t['unknown']} ({count})" for name, count in stub.channels))
    body += ["", f"### {t['say']}", ""]
    body += [f"- “{inert(text)}” (#{inert(ident)})" for text, ident in stub.phrasings] or [t["none"]]
    more = f" ({t['ids_more'].format(shown=len(stub.ids), count=stub.tickets)})" if len(stub.ids) < stub.tickets else ""
    # `\#`: a line starting with `#` would be a heading.
    body += ["", f"### {t['ids']}", "", ", ".join(f"\\#{inert(ident)}" for ident in stub.ids) + more, ""]
    body += [f"### {t['closest']}", "", t["closest_intro"], ""]
    items = []
    for article_id in stub.closest:
        if article_id in links:
            title, path = links[article_id]
            items.append(f"- [{inert(title)}]({posixpath.relpath(path, posixpath.dirname(stub.id))})")
        else:
            items.append(f"- {inert(article_id)}")
    body += items or [t["none"]]
    return seal.seal(frontmatter.dump(data, "\n".join(body) + "\n"))


def reviewed_on(text: str) -> dt.date | None:
    """The `last_reviewed` day of an existing stub (kept when nothing else changes)."""
    match = re.search(r"^last_reviewed: '?(\d{4}-\d{2}-\d{2})'?$", text, re.M)
    try:
        return dt.date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        return None
