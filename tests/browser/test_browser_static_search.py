"""The static search (kb-search/ beside the pages, kb-static-search.js) as a merchant
meets it on a site hosted as static files: Spanish without accents, English, a typo and a
code, answered from a few small files; never Material's whole index."""

from __future__ import annotations

import json

import pytest
from browser_pages import Site, search
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# (page language, query as typed, the result expected first, the anchor it points at)
QUERIES = [
    ("es", "devolucion spei", "/es/spei/returns/", ""),
    ("en", "refund", "/payments/refunds/", ""),
    ("en", "electronic paymnet receipt", "/spei/cep/", ""),  # a typo
    ("es", "reembolzo", "/es/payments/refunds/", ""),  # a typo
    ("es", "01", "/es/spei/returns/", "causas-de-devolucion"),  # a code leads to its row
]


@pytest.mark.parametrize("lang, query, first, anchor", QUERIES)
def test_static_search_answers_from_a_few_small_files(fixture_public: Site, page: Page, page_log, lang, query, first, anchor):
    page.goto(fixture_public.page_url("index", lang))
    page.wait_for_function("() => document.documentElement.dataset.kbSearch === 'static'")
    found = search(page, query)
    assert found and found[0] == first, f"{query!r} from the {lang} home gives {found}"
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.hash)")
    assert hrefs[0] == (f"#{anchor}" if anchor else ""), hrefs
    asked = [url for url in page_log.requests if "/search/" in url or "/kb-search/" in url]
    assert not any("search_index.json" in url for url in asked), asked  # Material's index is not fetched
    assert any("/kb-search/terms/" in url for url in asked), asked


def test_results_in_the_readers_language(fixture_public: Site, page: Page):
    """A Spanish word typed on an English page finds the article, shown in English."""
    page.goto(fixture_public.page_url("index", "en"))
    found = search(page, "reembolso")
    assert found[:1] == ["/payments/refunds/"], found


def test_the_public_static_index_holds_no_internal_or_draft_article(fixture_public: Site, fixture_internal: Site):
    def ids(site: Site) -> set[str]:
        return {doc["id"] for block in (site.folder / "kb-search" / "docs").glob("*.json")
                for doc in json.loads(block.read_text(encoding="utf-8")).values()}

    public, internal = ids(fixture_public), ids(fixture_internal)
    assert "spei/returns" in public and "procedures/escalation" in internal and "spei/new-rules" in internal
    assert "procedures/escalation" not in public and "spei/new-rules" not in public
    words = set()
    for shard in (fixture_public.folder / "kb-search" / "terms").glob("*.json"):
        words |= set(json.loads(shard.read_text(encoding="utf-8")))
    assert "devolucion" in words and "escalamiento" not in words and "escalation" not in words
