"""What a reader sees of an article, beyond its own Markdown: facts filled in, internal
parts removed for merchants, section lists, related articles, sources, badges and notices.

Both the site and the search index take an article's text from `page_markdown`, so what
is searchable is exactly what is shown.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import TYPE_CHECKING, Any

from kb.audience import INTERNAL, PUBLIC, strip_internal, visible
from kb.labels import label
from kb.markup import as_markdown, as_markdown_url
from kb.vocabulary import Status

if TYPE_CHECKING:
    from kb.articles import Article
    from kb.catalog import Catalog

SECTION_MARKER = "<!-- kb:articles -->"


def page_markdown(article: Article, catalog: Catalog, audience: str, text: str | None = None) -> str:
    """The Markdown to render for `article` (or `text`, its body as the site read it) in
    the site of `audience`."""
    text = article.body if text is None else text
    if audience == PUBLIC:
        text = strip_internal(text)
    text = catalog.facts.render(text, article.lang)
    if SECTION_MARKER in text:
        text = text.replace(SECTION_MARKER, section_list(article, catalog, audience))
    if not article.is_page:
        text = text.rstrip() + "\n" + related_section(article, catalog, audience) + sources_section(article)
    return text


def nav_title(title: str) -> str:
    """The name of an article in navigation and lists: its title up to the first colon
    ("Webhooks: signature failures, retries..." is "Webhooks"); the whole title heads the page."""
    head, colon, _ = title.partition(": ")
    return head.strip() if colon and len(head.strip()) >= 3 else title


def _link(source: Article, target: Article) -> str:
    start = posixpath.dirname(source.slug)
    return posixpath.relpath(target.slug + ".md", start or ".")


def section_list(index: Article, catalog: Catalog, audience: str) -> str:
    """A list of the articles under the folder of a section index page."""
    folder = posixpath.dirname(index.slug)
    prefix = f"{folder}/" if folder else ""
    candidates = [a for a in catalog.articles
                  if not a.is_page and a.slug.startswith(prefix) and visible(a, audience)]
    chosen = {a.id: a for a in candidates if a.lang == index.lang}
    for article in candidates:  # untranslated articles appear in the default language
        if article.lang == catalog.settings.default_language:
            chosen.setdefault(article.id, article)
    lines = []
    for article in sorted(chosen.values(), key=lambda a: a.title.lower()):
        summary = catalog.facts.render(article.summary, article.lang)
        lines.append(f"- [{as_markdown(nav_title(article.title))}]({_link(index, article)}) — {as_markdown(summary)}")
    return "\n".join(lines) + "\n"


def related_section(article: Article, catalog: Catalog, audience: str) -> str:
    targets = [t for rid in article.related if (t := catalog.get(rid, article.lang)) and visible(t, audience)]
    if not targets:
        return ""
    items = "\n".join(f"- [{as_markdown(nav_title(t.title))}]({_link(article, t)})" for t in targets)
    return f"\n## {label(article.lang, 'related')}\n\n{items}\n"


def sources_section(article: Article) -> str:
    if not article.sources:
        return ""
    items = []
    for source in article.sources:
        publisher = f"{as_markdown(source.publisher)}: " if source.publisher else ""
        items.append(f"- {publisher}[{as_markdown(source.title)}]({as_markdown_url(source.url)})")
    return f"\n## {label(article.lang, 'sources')}\n\n" + "\n".join(items) + "\n"


def page_notices(article: Article, audience: str, lang: str, today: dt.date) -> dict[str, Any]:
    """Badges, banners and the facts line a page shows above its text."""
    badges = []
    banners = []
    facts = []
    if audience == INTERNAL and not article.is_page:
        if article.audience == INTERNAL:
            badges.append({"kind": "internal", "text": label(lang, "internal")})
        if article.status == Status.DRAFT:
            badges.append({"kind": "draft", "text": label(lang, "draft")})
        if article.is_overdue(today):
            banners.append({"kind": "overdue", "text": label(lang, "overdue", reviewed=article.last_reviewed.isoformat(), due=article.review_due.isoformat())})
        facts = [
            {"label": label(lang, "owner"), "value": article.owner},
            {"label": label(lang, "reviewed"), "value": article.last_reviewed.isoformat() if article.last_reviewed else ""},
        ]
    if not article.is_page and article.type:
        facts.insert(0, {"label": label(lang, "type"), "value": label(lang, article.type)})
    if article.lang != lang:
        banners.append({"kind": "translation", "text": label(lang, "missing_translation", other=label(lang, f"language.{article.lang}"))})
    return {"badges": badges, "banners": banners, "facts": facts}
