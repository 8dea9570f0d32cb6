"""The search box in a real browser: on `kb serve` it asks /api/search; hosted as static
files it is Material's built-in search, untouched."""

import socket
import threading
import time

import pytest
import uvicorn

from kb_app.search_api import search_routes
from kb_app.eval import serve_folder
from kb.labels import label
from kb.search.index import index_root
from kb_app.server import create_app
from kb_mkdocs.site import build_site

pytestmark = [pytest.mark.slow, pytest.mark.browser]
READY = "() => !/initiali/i.test(document.querySelector('.md-search-result__meta').textContent)"


@pytest.fixture
def chromium(browser):
    """pytest-playwright's browser (Debian's Chromium: see conftest.py)."""
    return browser


def type_query(page, text: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(text, delay=10)


def test_served_site_searches_through_the_api(indexed, kb, chromium):
    indexed()
    site = kb.root / "site-api"
    build_site(kb.root / "mkdocs.yml", "internal", site, search_api=True)
    app = create_app(site, lambda: "1", search_routes(lambda name: index_root(kb.root) / name, ("internal",), ("en", "es")))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{sock.getsockname()[1]}/es/")
        page.wait_for_selector("html[data-kb-search=api]", state="attached")
        page.wait_for_function(READY)  # Material's own search has started too
        type_query(page, "devolucoin 03")  # a typo and a code: only the API finds the row
        # the answer to the whole query (those to its first letters come before it): the row
        page.wait_for_function("() => { const a = document.querySelector('.md-search-result__item a');"
                               " return a && a.innerText.includes('cancelada'); }")
        first = page.locator(".md-search-result__item a").first
        assert first.get_attribute("href") == "/es/spei/returns/#causas-de-devolucion"
        assert "03" in first.inner_text()
        type_query(page, "xargebak")
        # (the answers to the first letters typed may suggest other words)
        page.wait_for_selector(".md-search-result__meta a[data-kb-suggest='chargeback']")
        assert label("es", "search.mean") in page.inner_text(".md-search-result__meta")  # the page's language
        page.click(".md-search-result__meta a[data-kb-suggest='chargeback']")
        page.wait_for_selector("li[data-kb-hit='payments/chargebacks']", state="attached")
        assert page.input_value("input.md-search__input") == "chargeback"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.mark.parametrize("api_flag", [False, True], ids=["static build", "serve build without its API"])
def test_static_site_answers_with_the_static_search(kb, chromium, api_flag):
    site = kb.root / "site-static"
    build_site(kb.root / "mkdocs.yml", "internal", site, search_api=api_flag)
    with serve_folder(site) as url:
        page = chromium.new_page()
        page.goto(url)
        page.wait_for_function(READY)
        type_query(page, "contracargo")  # a glossary synonym: not a word of the English page
        page.wait_for_selector("li[data-kb-hit='payments/chargebacks'] a[href*='payments/chargebacks']", state="attached")
        assert page.get_attribute("html", "data-kb-search") == "static"
