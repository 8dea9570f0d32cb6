"""An address that does not exist: the 404 page speaks the language of the address and
offers a search, which leads to the answer."""

from __future__ import annotations

import pytest
from browser_pages import DEFAULT_LANG, OTHER, Site, search_results
from playwright.sync_api import Page, expect

from kb.labels import label

pytestmark = pytest.mark.browser

# (language, a missing address under that language, words typed in the 404 search, the answer)
CASES = {
    "fixture": [("en", "spei/no-such-page/", "refund", "payments/refunds"),
                ("es", "spei/no-existe/", "devolucion", "spei/returns")],
    "real": [("en", "payments/charge-backs/", "chargeback", "payments/chargebacks"),
             ("es", "spei/devoluciones/", "devoluciones spei", "spei/returns")],
}


@pytest.mark.parametrize("kind", ["fixture", "real"])
def test_404_page_is_in_the_address_language_and_its_search_finds_the_answer(kind: str, page: Page, page_log, request):
    site: Site = request.getfixturevalue(f"{kind}_public")
    for lang, missing, query, answer in CASES[kind]:
        home = site.page_url("index", lang)
        url = home + missing
        page_log.expect_not_found(url)
        assert page.goto(url).status == 404
        shown = page.locator("[data-kb-not-found] > section:not([hidden])")
        expect(shown).to_have_count(1)
        expect(shown).to_have_attribute("lang", lang)
        expect(shown.locator("h1")).to_have_text(label(lang, "not_found.title"))
        expect(page.locator("html")).to_have_attribute("lang", lang)
        box = shown.get_by_role("searchbox", name=label(lang, "not_found.search"))
        expect(box).to_have_value(missing.strip("/").replace("/", " ").replace("-", " "))  # the address's words
        box.fill(query)
        shown.get_by_role("button", name=label(lang, "not_found.submit")).click()
        expect(page).to_have_url(f"{home}?q={query.replace(' ', '+')}")
        results = search_results(page)
        wanted = ("/" if lang == DEFAULT_LANG else f"/{lang}/") + answer + "/"
        assert wanted in results[:5], f"the {lang} 404 search for {query!r} gives {results[:5]}"
        page_log.expect_not_found(url)


def test_404_page_language_selector_leads_to_each_language_home(fixture_public: Site, page: Page, page_log):
    for lang in ("en", "es"):
        url = fixture_public.page_url("index", lang) + "missing/"
        page_log.expect_not_found(url)
        page.goto(url)
        page.locator(".md-header__option .md-select").hover()
        page.locator(f'.md-select__link[hreflang="{OTHER[lang]}"]').click()
        expect(page).to_have_url(fixture_public.page_url("index", OTHER[lang]))
