"""The internal site as agents open it, from `kb serve` (the real command): the search box
asks the search API, finds the answer for an unaccented Spanish query and for an English
one, and the pages stay clean (no console error, no request to another host)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_pages import DEFAULT_LANG, Site
from playwright.sync_api import Page

from kb.catalog import load_catalog
from kb_mkdocs.settings import load_settings

pytestmark = pytest.mark.browser
KB = Path(sys.executable).parent / "kb"
QUERIES = [
    ("es", "devolucion conciliacion", "spei/returns"),
    ("es", "matriz escalamiento", "procedures/escalation"),
    ("en", "refund", "payments/refunds"),
]


def _version(origin: str) -> str | None:
    try:
        with urllib.request.urlopen(f"{origin}/_kb/version", timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


@pytest.fixture(scope="session")
def served_internal(fixture_project, tmp_path_factory):
    """`kb serve --audience internal` on a free port of 127.0.0.1, stopped at the end."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = fixture_project.root / "mkdocs.yml"
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(KB), "-f", str(config), "serve", "--audience", "internal", "--port", str(port)],
                                   stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    origin = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while _version(origin) in (None, "0"):
            assert process.poll() is None, f"kb serve stopped: {log.read_text()}"
            assert time.monotonic() < deadline, f"kb serve served nothing in 180 s: {log.read_text()}"
            time.sleep(0.2)
        yield Site("served-internal", "internal", fixture_project.root / "site", load_catalog(load_settings(config)), origin)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
