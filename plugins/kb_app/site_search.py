"""A static site's search as a reader meets it, in headless Chromium: each query typed on a
freshly opened page (nothing cached), the pages it lists read, and what it cost: the bytes
the search fetched and the time from typing to the first result.

Three searches on the same built site: the knowledge base's static search (the site as
built), Material's built-in lunr search (the same site, told to start its own search:
`window.__kbBuiltinSearch`) and Pagefind (its index built on the same pages into
`pagefind/`, asked through its JavaScript API from the same page).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kb_app.eval import CHROMIUM, CHROMIUM_ARGS, Query, playwright_api, serve_folder, slug_of


class Engine(StrEnum):
    STATIC = "static"
    BUILTIN = "builtin"
    PAGEFIND = "pagefind"


NAMES = {Engine.STATIC: "static search (kb-search)", Engine.BUILTIN: "built-in search (Material, lunr)",
         Engine.PAGEFIND: "Pagefind"}
# The files of each search: what counts as "fetched by the search".
_SEARCH_FILES = ("/kb-search/", "kb-static-search.js", "/search/", "/workers/", "/lunr/", "/pagefind/")
_TIMEOUT = 60_000

_TYPE_AND_WAIT = """async (query) => {
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const input = document.querySelector('input.md-search__input');
  const start = performance.now();
  const shown = new Promise((resolve) => {
    const done = () => list.querySelector('.md-search-result__item') || /^\\s*(no|ning)/i.test(meta.textContent);
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
    observer.observe(list.parentNode, { childList: true, subtree: true, characterData: true });
  });
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent('keyup', { key: 'End', bubbles: true }));
  await shown;
  const ms = performance.now() - start;
  return [ms, [...list.querySelectorAll('.md-search-result__item a')].map((a) => a.href), performance.timeOrigin + start + ms];
}"""

_PAGEFIND = """async (query) => {
  const start = performance.now();
  const pagefind = await import(new URL('/pagefind/pagefind.js', location.href).href);
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  const ms = performance.now() - start;
  return [ms, data.map((d) => new URL(d.url, location.href).href), performance.timeOrigin + start + ms];
}"""


@dataclass
class SiteRun:
    """One search's answers to a query set, with its cost per query."""

    engine: Engine
    rankings: list[list[str]] = field(default_factory=list)
    milliseconds: list[float] = field(default_factory=list)  # typing to first result
    fetched: list[int] = field(default_factory=list)  # bytes the search fetched for the query

    @property
    def name(self) -> str:
        return NAMES[self.engine]

    def median_ms(self) -> float:
        return statistics.median(self.milliseconds) if self.milliseconds else 0.0

    def p95_ms(self) -> float:
        ordered = sorted(self.milliseconds)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0

    def median_bytes(self) -> float:
        return statistics.median(self.fetched) if self.fetched else 0.0

    def max_bytes(self) -> int:
        return max(self.fetched, default=0)


def run_site_search(site: Path, queries: Sequence[Query], languages: tuple[str, ...], engine: Engine) -> SiteRun:
    """Each query on a fresh page of the served site (in a thread of its own: Playwright's
    synchronous API refuses a thread where an event loop runs, as under pytest)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_run, site, list(queries), languages, engine).result()


def _run(site: Path, queries: list[Query], languages: tuple[str, ...], engine: Engine) -> SiteRun:
    sync_playwright, PlaywrightError = playwright_api()
    if engine is Engine.PAGEFIND and not (site / "pagefind" / "pagefind.js").exists():
        raise RuntimeError(f"no Pagefind index in {site}/pagefind: run 'python -m pagefind --site {site}'")
    run = SiteRun(engine)
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()  # nothing cached from the query before
                if engine is Engine.BUILTIN:
                    context.add_init_script("window.__kbBuiltinSearch = true;")
                page = context.new_page()
                sizes: list[tuple[float, int]] = []  # (when the request started, epoch ms; bytes)
                page.on("requestfinished", lambda request: sizes.append((request.timing["startTime"], _search_bytes(request))))
                page.goto(url, wait_until="domcontentloaded")
                if engine is Engine.PAGEFIND:
                    ms, hrefs, shown = page.evaluate(_PAGEFIND, query.text)
                else:
                    ms, hrefs, shown = page.evaluate(_TYPE_AND_WAIT, query.text)
                page.wait_for_timeout(300)  # the events of the last requests arrive after the answer
                found: list[str] = []
                for href in hrefs:
                    slug = slug_of(href, languages)
                    if slug not in found:
                        found.append(slug)
                run.rankings.append(found)
                run.milliseconds.append(ms)
                run.fetched.append(sum(size for started, size in sizes if started <= shown))
                context.close()
        except PlaywrightError as exc:
            raise RuntimeError(f"the {NAMES[engine]} could not be run in Chromium: {str(exc).splitlines()[0]}") from None
        finally:
            browser.close()
    return run


def _search_bytes(request) -> int:
    """The bytes a request of the search brought (body and headers), 0 for the page's own."""
    if not any(part in request.url for part in _SEARCH_FILES):
        return 0
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]
