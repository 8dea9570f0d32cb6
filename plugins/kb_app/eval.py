"""Search quality, measured: hit@1, hit@5 and MRR@5 of a query set, for our search and for
the site's built-in search (Material's lunr search, run as shipped in the built site's
own assets, in headless Chromium), side by side, with the misses of each.

A query set is a YAML list of `{q: "what the agent types", slug: id-or-list}`; a query
is answered when one of its slugs (an article id, in either language) is in the top 5.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import yaml

TOP = 5
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


class QuerySetError(ValueError):
    """The query file cannot be used; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Query:
    text: str
    slugs: tuple[str, ...]
    line: int


@dataclass
class Score:
    """How one search did on a query set."""

    name: str
    rankings: list[list[str]]  # per query, the ids found, best first
    queries: list[Query]
    seconds: float = 0.0

    def rank(self, number: int) -> int | None:
        """1-based rank of the first right answer among the top 5, or None."""
        for position, found in enumerate(self.rankings[number][:TOP], 1):
            if found in self.queries[number].slugs:
                return position
        return None

    def _over(self, numbers: list[int], value: Callable[[int | None], float]) -> float:
        return sum(value(self.rank(n)) for n in numbers) / len(numbers) if numbers else 0.0

    def hit_at_1(self, numbers: list[int]) -> float:
        return self._over(numbers, lambda r: 1.0 if r == 1 else 0.0)

    def hit_at_5(self, numbers: list[int]) -> float:
        return self._over(numbers, lambda r: 1.0 if r else 0.0)

    def mrr_at_5(self, numbers: list[int]) -> float:
        return self._over(numbers, lambda r: 1.0 / r if r else 0.0)

    def misses(self, numbers: list[int]) -> list[int]:
        return [n for n in numbers if self.rank(n) is None]


@dataclass
class Evaluation:
    queries: list[Query]
    scores: list[Score]
    existing: set[str] = field(default_factory=set)  # article ids the site holds

    @property
    def answerable(self) -> list[int]:
        """Queries at least one of whose answers exists (the others are content gaps)."""
        return [n for n, q in enumerate(self.queries) if set(q.slugs) & self.existing]

    @property
    def gaps(self) -> list[int]:
        return [n for n in range(len(self.queries)) if n not in set(self.answerable)]


def load_queries(path: Path) -> list[Query]:
    """Read a query set; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuerySetError(f"{path}: cannot read it ({exc.strerror}); pass the path of a YAML query set") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise QuerySetError(f"{path}:{mark.line + 1 if mark else 1}: not valid YAML ({getattr(exc, 'problem', exc)}); fix the syntax") from None
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise QuerySetError(f"{path}:1: a query set is a list of '- {{q: ..., slug: ...}}' lines")
    queries = []
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict) or not str(item.get("q") or "").strip() or not item.get("slug"):
            raise QuerySetError(f"{path}:{line}: each entry needs 'q' (the query) and 'slug' (an article id or a list of them); "
                                "write '- {q: \"validar clabe\", slug: spei/clabe}'")
        slugs = item["slug"] if isinstance(item["slug"], list) else [item["slug"]]
        queries.append(Query(str(item["q"]), tuple(str(s).strip().removesuffix(".md") for s in slugs), line))
    if not queries:
        raise QuerySetError(f"{path}:1: the query set is empty")
    return queries


def slug_of(url: str, languages: tuple[str, ...]) -> str:
    """The article id a site URL shows: '/es/spei/returns/?h=x#a' -> 'spei/returns'."""
    path = unquote(urlparse(url).path).strip("/")
    first, _, rest = path.partition("/")
    if first in languages:
        path = rest
    path = path.removesuffix("/index.html").removesuffix(".html")
    return path or "index"


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) while the block runs; yields its URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_WAIT_READY = "() => { const m = document.querySelector('.md-search-result__meta'); return m && !/initiali/i.test(m.textContent); }"
_MARK = "() => { document.querySelector('.md-search-result__meta').textContent = '__kb_eval__'; }"
_WAIT_RESULT = "() => document.querySelector('.md-search-result__meta').textContent != '__kb_eval__'"
_LINKS = "els => els.map(e => e.href)"


def builtin_rankings(site: Path, queries: list[Query], languages: tuple[str, ...]) -> list[list[str]]:
    """Type each query into the built site's own search box, in headless Chromium, and
    read the pages it lists, best first. (Run in a thread of its own: Playwright's
    synchronous API refuses a thread where an event loop runs, as under pytest-playwright.)"""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_rank_in_browser, site, queries, languages).result()


def playwright_api() -> tuple[Any, type[Exception]]:
    """Playwright's `sync_playwright` and its error type, once Chromium is known to be there;
    a missing tool is a one-line error saying how to install it."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise RuntimeError("Playwright is not installed: install the test tools with "
                           "'.venv/bin/pip install -e .[test]' (scripts/test does it)") from None
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package (scripts/test does it)")
    return sync_playwright, PlaywrightError


def _rank_in_browser(site: Path, queries: list[Query], languages: tuple[str, ...]) -> list[list[str]]:
    sync_playwright, PlaywrightError = playwright_api()
    rankings = []
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script("window.__kbBuiltinSearch = true;")  # Material's own, not the static search
            page.goto(url)
            page.wait_for_function(_WAIT_READY, timeout=60_000)
            box = "input.md-search__input"
            for query in queries:
                page.evaluate(_MARK)
                page.fill(box, query.text)
                page.press(box, "End")  # Material searches on key events
                page.wait_for_function(_WAIT_RESULT, timeout=30_000)
                found: list[str] = []
                for href in page.eval_on_selector_all(".md-search-result__item a", _LINKS):
                    slug = slug_of(href, languages)
                    if slug not in found:
                        found.append(slug)
                rankings.append(found)
        except PlaywrightError as exc:
            raise RuntimeError(f"the built-in search could not be run in Chromium: {str(exc).splitlines()[0]}") from None
        finally:
            browser.close()
    return rankings


def report(evaluation: Evaluation) -> str:
    """The figures side by side, then the misses of each search."""
    answerable = evaluation.answerable
    everything = list(range(len(evaluation.queries)))
    lines = [f"{len(evaluation.queries)} queries; {len(answerable)} with their answer on the site"
             + (f", {len(evaluation.gaps)} content gaps (no answer written yet)" if evaluation.gaps else "")]
    width = max(len(s.name) for s in evaluation.scores)
    lines.append(f"{'search':<{width}}  hit@1  hit@5  MRR@5   time")
    for score in evaluation.scores:
        lines.append(f"{score.name:<{width}}  {score.hit_at_1(answerable):5.3f}  {score.hit_at_5(answerable):5.3f}  "
                     f"{score.mrr_at_5(answerable):5.3f}   {score.seconds:.1f} s")
    if evaluation.gaps:
        lines.append(f"(over all {len(everything)} queries, gaps counted as misses: "
                     + "; ".join(f"{s.name} hit@5 {s.hit_at_5(everything):.3f}, MRR@5 {s.mrr_at_5(everything):.3f}"
                                 for s in evaluation.scores) + ")")
    for score in evaluation.scores:
        misses = score.misses(answerable)
        lines.append(f"\nmisses of {score.name} ({len(misses)}):")
        for number in misses:
            query = evaluation.queries[number]
            got = ", ".join(score.rankings[number][:TOP]) or "nothing"
            lines.append(f"  line {query.line}: {query.text!r} wants {' or '.join(query.slugs)}; got {got}")
    if evaluation.gaps:
        lines.append("\ncontent gaps (no article with the answer's id exists):")
        for number in evaluation.gaps:
            query = evaluation.queries[number]
            lines.append(f"  line {query.line}: {query.text!r} wants {' or '.join(query.slugs)}")
    return "\n".join(lines)
