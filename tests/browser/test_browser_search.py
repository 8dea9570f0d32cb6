"""The search box, as an agent or a merchant types in it: Spanish without accents,
English, on the public site and the internal one, served as static files (Material's
built-in search, made accent-insensitive by the kb-browser plugin)."""

from __future__ import annotations

import pytest
from browser_pages import DEFAULT_LANG, Site, search
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# (language of the page searched from, query as typed, the article that answers it)
FIXTURE_QUERIES = [
    ("es", "devolucion", "spei/returns"),
    ("es", "CONCILIACION deposito devuelto", "spei/returns"),
    ("es", "comprobante electronico", "spei/cep"),
    ("es", "reembolso", "payments/refunds"),
    ("en", "refund", "payments/refunds"),
    ("en", "electronic payment receipt", "spei/cep"),
]
# The real articles of the content plan, searched the way agents type (accents left out).
REAL_QUERIES = [
    ("es", "devoluciones spei causas", "spei/returns"),
    ("es", "dias inhabiles bancarios", "reconciliation/bank-holidays"),
    ("es", "comprobante electronico de pago", "spei/cep"),
    ("es", "contracargo plazo", "payments/chargebacks"),
    ("en", "chargeback", "payments/chargebacks"),
    ("en", "card decline codes", "payments/card-decline-codes"),
    ("en", "idempotency key", "api/idempotency"),
    ("en", "payout missing", "reconciliation/payout-mismatch"),
]
INTERNAL_QUERIES = {
    "fixture": [("es", "matriz de escalamiento", "procedures/escalation"), ("en", "escalation matrix", "procedures/escalation")],
    "real": [("es", "matriz de escalamiento", "procedures/escalation"), ("en", "escalation matrix", "procedures/escalation")],
}


def path_of(slug: str, lang: str) -> str:
    return ("/" if lang == DEFAULT_LANG else f"/{lang}/") + slug + "/"


def in_language(results: list[str], lang: str) -> list[str]:
    """The results in `lang`, best first (both languages share one index)."""
    return [path for path in results if path.startswith("/es/") == (lang == "es")]


def check(site: Site, page: Page, queries: list[tuple[str, str, str]], within: int) -> None:
    """Each query, typed from the home page of its language, has its article among the
    first `within` results in that language."""
    for lang, query, slug in queries:
        page.goto(site.page_url("index", lang))
        results = in_language(search(page, query), lang)
        assert path_of(slug, lang) in results[:within], \
            f"{site.name}: searching {query!r} from the {lang} home gives {results[:5]}"


@pytest.mark.parametrize("site_name", ["fixture_public", "fixture_internal"])
def test_search_box_finds_the_article_for_unaccented_spanish_and_for_english(site_name: str, page: Page, request):
    check(request.getfixturevalue(site_name), page, FIXTURE_QUERIES, within=1)


@pytest.mark.parametrize("site_name", ["real_public", "real_internal"])
def test_search_box_finds_the_real_articles(site_name: str, page: Page, request):
    check(request.getfixturevalue(site_name), page, REAL_QUERIES, within=3)


@pytest.mark.parametrize("kind", ["fixture", "real"])
def test_internal_articles_are_found_on_the_internal_site_only(kind: str, page: Page, request):
    internal: Site = request.getfixturevalue(f"{kind}_internal")
    public: Site = request.getfixturevalue(f"{kind}_public")
    check(internal, page, INTERNAL_QUERIES[kind], within=1 if kind == "fixture" else 3)
    for lang, query, slug in INTERNAL_QUERIES[kind]:
        page.goto(public.page_url("index", lang))
        shown = search(page, query)
        assert not any(path.startswith(path_of("procedures", lang)) for path in shown), shown
