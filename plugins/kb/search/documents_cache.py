"""The search documents of an audience, computed once per process and kept between runs:
both indexes of a build (the agents' one and the static one) read the same documents, and an
article whose inputs did not change since the last run is neither read, parsed nor
analysed again (kb.memo, one cache per audience under `.kb/cache/`).

What a document is made of decides how it is found again. Its entry's key is the article
itself (every field read from its file: path, front matter, body) and the audience. What
it reads of the rest of the catalog is the cache's context, with the code (kb.memo): the
settings, the facts (data/platform.yml), the taxonomy's labels and every article's fields
but its body (titles in related lists, summaries in section lists, which articles exist
and who may see them). A body edit changes one key; anything else that may change a
document changes the context, and no entry is used (as a front matter edit renders every
page again). Both digests are of the catalog in memory, the very data the documents are
made from, never of the files read again: an edit during a build would otherwise file a
stale document under the new file's digest.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, is_dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from kb.articles import Article
from kb.audience import AUDIENCES
from kb.catalog import Catalog
from kb.memo import Memo, cache_root, digest
from kb.search.article_document import Document, article_document, is_indexed

def cache_file(root: Path, audience: str) -> Path:
    """The cache of an audience's documents (one per audience: two builds at once each
    save their own)."""
    name = audience if audience in AUDIENCES else digest(audience)[:16]
    return cache_root(root) / f"search-documents-{name}.json"


def search_documents(catalog: Catalog, audience: str) -> list[Document]:
    """One document per article `audience` may see, in the catalog's order: computed
    once per catalog in this process, and only for the articles whose inputs changed
    since the last run. The documents are shared: read them, never change them."""
    computed = catalog.derived.setdefault(__name__, {})
    if audience not in computed:
        computed[audience] = _kept_documents(catalog, audience)
    return computed[audience]


def document_frequencies(catalog: Catalog, audience: str) -> dict[str, list[int]]:
    """Per word of the vocabularies of `audience`'s documents, how many documents of each of
    the catalog's languages hold it (a document of a language not listed counts as the
    first): counted once per catalog, as the documents are (both indexes of a build ask).
    Shared: read it, never change it."""
    counted = catalog.derived.setdefault(f"{__name__}.document_frequencies", {})
    if audience not in counted:
        counted[audience] = _frequencies(search_documents(catalog, audience), list(catalog.settings.languages))
    return counted[audience]


def _frequencies(documents: list[Document], languages: list[str]) -> dict[str, list[int]]:
    df: dict[str, list[int]] = {}
    for doc, vocabulary in documents:
        column = languages.index(doc["lang"]) if doc["lang"] in languages else 0
        for word in vocabulary:
            df.setdefault(word, [0] * len(languages))[column] += 1
    return df


def _kept_documents(catalog: Catalog, audience: str) -> list[Document]:
    memo = Memo(cache_file(catalog.settings.root, audience), catalog_digest(catalog))
    found = []
    for article in catalog.articles:
        if not is_indexed(article, audience):
            continue
        key = article_key(article, audience)
        document = _loaded(memo.get(key))
        if document is None:
            document = article_document(article, catalog, audience)
            memo.put(key, _stored(document))
        found.append(document)
    memo.save()
    return found


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    """Dataclasses (a source, a tag) as their fields; paths, dates and the rest as text."""
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else str(value)


def article_key(article: Article, audience: str) -> str:
    """The key of an article's document: everything read from its file, and the audience."""
    return digest(audience, _json({f.name: getattr(article, f.name) for f in fields(article)}))


def catalog_digest(catalog: Catalog) -> str:
    """What any document may read beyond its own article: the settings, the facts, the
    taxonomy, every article but its body, and the stemmers' version (PyStemmer's)."""
    articles = [{f.name: getattr(a, f.name) for f in fields(a) if f.name != "body"} for a in catalog.articles]
    # Not the output folder: each build writes into a new one, and no document reads it.
    settings = {f.name: getattr(catalog.settings, f.name) for f in fields(catalog.settings) if f.name != "site_dir"}
    return digest(_json(settings), _json(catalog.facts), _json(catalog.taxonomy), _json(articles),
                  metadata.version("pystemmer"))


def _stored(document: Document) -> dict[str, Any]:
    """A document as JSON data: its page as text, its vocabulary as a sorted list."""
    fields_, vocabulary = document
    return {"fields": {**fields_, "page": fields_["page"].decode("utf-8")}, "vocabulary": sorted(vocabulary)}


def _loaded(stored: Any) -> Document | None:
    """A kept document, or None when the entry is not one (it is then made again)."""
    try:
        kept, vocabulary = stored["fields"], stored["vocabulary"]
        return {**kept, "page": kept["page"].encode("utf-8")}, set(vocabulary)
    except (KeyError, TypeError, AttributeError):
        return None
