"""`kb index`, `kb search` and `kb eval`: build the indexes, search them, measure them."""

from __future__ import annotations

import html
import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import click

from kb.catalog import load_catalog
from kb.search.eval import Evaluation, Score, builtin_rankings, load_queries, report
from kb.search.index import BuildReport, build_index, index_root
from kb.search.searcher import IndexUnavailable, Results, SearchIndex
from kb.settings import Settings

_MARK = re.compile(r"<mark>(.*?)</mark>")


def index_audiences(settings: Settings, audiences: list[str]) -> list[BuildReport]:
    """Build the index of each audience from the articles as they are now."""
    catalog = load_catalog(settings)
    if catalog.errors:
        first = catalog.errors[0]
        raise click.ClickException(f"{len(catalog.errors)} article error(s), the first: {first}; run 'kb check' for the list")
    return [build_index(catalog, audience) for audience in audiences]


def open_index(settings: Settings, audience: str) -> SearchIndex:
    try:
        return SearchIndex(index_root(settings.root) / audience)
    except IndexUnavailable as exc:
        raise click.ClickException(f"{exc}: run 'kb index' (or 'kb build') first") from None


def results_json(results: Results) -> str:
    return json.dumps([hit.to_json() for hit in results.hits], ensure_ascii=False, indent=2)


def results_text(results: Results, query: str) -> str:
    """A ranked list for people: title, language, link, snippet with the matched words
    in bold."""
    if not results.hits:
        if results.query.empty:
            return "Type a few words to search for (the query had none)."
        hint = f" Did you mean: {results.did_you_mean!r}?" if results.did_you_mean else ""
        return f"No article matches {query.strip()[:80]!r}.{hint}"
    lines = []
    for number, hit in enumerate(results.hits, 1):
        snippet = _MARK.sub(lambda m: click.style(html.unescape(m.group(1)), bold=True), hit.snippet)
        snippet = html.unescape(re.sub(r"<(?!/?mark)[^>]*>", "", snippet))
        lines.append(f"{number:>2}. {click.style(hit.title, bold=True)}  [{hit.lang}]")
        lines.append(f"    {hit.link}")
        if snippet:
            lines.append(f"    {snippet}")
    if results.corrected:
        fixed = ", ".join(f"{word} -> {' / '.join(found[:2])}" for word, found in results.corrected.items())
        lines.append(f"(typos read as: {fixed})")
    return "\n".join(lines)


def run_eval(settings: Settings, queries_file: Path, build: Callable[[Path], None], site: Path | None = None,
             builtin: bool = True) -> tuple[Evaluation, str]:
    """Evaluate the search of the internal site, and the built-in search of the same site
    (built into a temporary folder by `build` unless `site` is given)."""
    try:
        queries = load_queries(queries_file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    catalog = load_catalog(settings)
    if catalog.errors:
        first = catalog.errors[0]
        raise click.ClickException(f"{len(catalog.errors)} article error(s), the first: {first}; run 'kb check' for the list")
    existing = {a.id for a in catalog.articles if not a.is_page}
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as temp:
        folder = Path(temp)
        build_index(catalog, "internal", folder / "index")
        index = SearchIndex(folder / "index" / "internal")
        start = time.perf_counter()
        ours = [[hit.id for hit in index.search(q.text, limit=5).hits] for q in queries]
        scores = [Score("kb search (Whoosh)", ours, queries, time.perf_counter() - start)]
        if builtin:
            if site is None:
                site = folder / "site"
                build(site)
            start = time.perf_counter()
            try:
                theirs = builtin_rankings(site, queries, settings.languages)
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from None
            scores.append(Score("built-in search (Material, lunr)", theirs, queries, time.perf_counter() - start))
    evaluation = Evaluation(queries, scores, existing)
    return evaluation, report(evaluation)
