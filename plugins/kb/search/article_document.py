"""What the search holds of one article: its zones of words and stems (title, meta, head,
body), the codes its table rows lead to, and what a result shows of it. One document per
language version of an article; both indexes (Whoosh's, index.py, and the static one,
static_index.py) are made of the same documents."""

from __future__ import annotations

import json
from typing import Any

from kb.articles import Article
from kb.audience import visible
from kb.catalog import Catalog
from kb.labels import label
from kb.render import page_markdown, related_section, sources_section
from kb.search.analysis import analyze, is_code
from kb.search.document import read_page

# Zones of an article and their weight: a word in the title counts as this many words of
# body text. The zones share one field of stems (one postings list per stem: fast
# queries); the final ranking looks at each zone's words again (ranking.py).
ZONES = {"title": 4.0, "meta": 2.5, "head": 1.6, "body": 1.0}
TEXT_LIMIT = 20_000  # characters of body text kept for snippets

# A document: the fields of the Whoosh index, and the words that tell its language.
Document = tuple[dict[str, Any], set[str]]


def _weighted(words: str, weight: float) -> str:
    return " ".join(f"{word}^{weight:g}" for word in words.split()) if weight != 1 else words


def page_url(article_slug: str, lang: str, default_language: str) -> str:
    """The site path of an article, as MkDocs (directory URLs) and the i18n plugin make it."""
    path = article_slug[: -len("index")] if article_slug.endswith("index") else article_slug + "/"
    prefix = "" if lang == default_language else f"{lang}/"
    return "/" + prefix + path.lstrip("/")


def is_indexed(article: Article, audience: str) -> bool:
    """An article `audience` may see has a document; navigation pages are not answers."""
    return not article.is_page and bool(article.id) and visible(article, audience)


def _shown_text(article: Article, catalog: Catalog, audience: str) -> str:
    """The Markdown the site shows, less the lists of related articles and sources that
    it adds at the end (other articles' titles would make every neighbour match)."""
    text = page_markdown(article, catalog, audience)
    for tail in (sources_section(article), related_section(article, catalog, audience)):
        if tail and text.endswith(tail):
            text = text[: -len(tail)]
    return text


def article_document(article: Article, catalog: Catalog, audience: str) -> Document:
    """The index document of `article` (one `is_indexed` for `audience`), with what
    results need to show stored beside it."""
    settings = catalog.settings
    lang = article.lang
    page = read_page(_shown_text(article, catalog, audience))
    summary = catalog.facts.render(article.summary, lang)
    tags = [catalog.taxonomy.label(tag, lang) for tag in article.tags]
    # Tags in the other languages too: one more bridge between the languages, kept out
    # of the words that tell which language a query is in (the vocabulary).
    other_tags = [catalog.taxonomy.label(tag, other) for tag in article.tags for other in settings.languages if other != lang]
    meta_parts = [summary, " ".join(tags), label(lang, article.type) if article.type else ""]
    own_meta = analyze(" ".join(meta_parts), lang)
    # Not the article's language either: the id is English, ticket tags are either.
    meta_parts += [" ".join(other_tags), article.id.replace("/", " ").replace("-", " "),
                   " ".join(article.ticket_tags).replace("_", " ")]
    fields = {
        "title": analyze(article.title, lang),
        "meta": analyze(" ".join(meta_parts), lang),
        "head": analyze(" ".join(h.text for h in page.headings), lang),
        "body": analyze(page.body, lang),
    }
    codes = {word for row in page.rows for word in analyze(row.key, lang).exact.split() if is_code(word)}
    codes |= {word for word in fields["title"].exact.split() if is_code(word)}
    vocabulary = set()
    zone_terms = {}
    for name, analyzed in fields.items():
        exact = set(analyzed.exact.split())
        vocabulary |= set(own_meta.exact.split()) if name == "meta" else exact
        zone_terms[name] = " " + " ".join(sorted(exact | set(analyzed.stem.split()))) + " "
    stored = {
        "title": article.title,
        "summary": summary,
        "url": page_url(article.slug, lang, settings.default_language),
        "zones": zone_terms,  # each zone's words and stems, " a b c " (for a quick " b " in it)
    }
    shown = {
        "text": page.body[:TEXT_LIMIT],
        "headings": [[h.text, h.anchor] for h in page.headings],
        "rows": [[row.key, row.text, row.anchor] for row in page.rows],
    }
    doc = {
        "key": f"{lang}:{article.id}",
        "id": article.id,
        "lang": lang,
        "type": article.type,
        "audience": article.audience,
        "status": article.status,
        "code": " ".join(sorted(codes)),
        "doc": stored,
        "page": json.dumps(shown, ensure_ascii=False).encode("utf-8"),
    }
    doc["s"] = " ".join(_weighted(fields[name].stem, weight) for name, weight in ZONES.items())
    doc["h"] = " ".join(_weighted(fields[name].stem, weight) for name, weight in ZONES.items() if name != "body")
    return doc, vocabulary
