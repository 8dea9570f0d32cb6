"""The internal site as agents open it, from `kb serve` (the real command): the search box
asks the search API, finds the answer for an unaccented Spanish query and for an English
one, and the pages stay clean (no console error, no request to another host)."""

from __future__ import annotations

import pytest
from browser_pages import DEFAULT_LANG, Site
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
QUERIES = [
    ("es", "devolucion conciliacion", "spei/returns"),
    ("es", "matriz escalamiento", "procedures/escalation"),
    ("en", "refund", "payments/refunds"),
]


def api_search(page: Page, query: str) -> list[str]:
    """Type `query` in the box of a page served by `kb serve`; the paths of the hits."""
    page.wait_for_selector("html[data-kb-search=api]", state="attached")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector("li[data-kb-hit]", state="attached")
    return page.locator("li[data-kb-hit] > a").evaluate_all("links => links.map(a => a.pathname)")


def test_served_internal_site_searches_through_the_api_and_stays_clean(served_internal: Site, page: Page):
    for lang, query, slug in QUERIES:
        page.goto(served_internal.page_url("index", lang))
        hits = [path for path in api_search(page, query) if path.startswith("/es/") == (lang == "es")]
        expected = ("/" if lang == DEFAULT_LANG else f"/{lang}/") + slug + "/"
        assert hits[:1] == [expected], f"kb serve: {query!r} from the {lang} home gives {hits[:5]}"
        page.goto(served_internal.page_url(slug, lang))
        page.wait_for_selector("html[data-kb-search=api]", state="attached")
