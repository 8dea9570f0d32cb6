"""`kb eval`: measure kb search and the site's built-in search on a query set, side by side,
and the suggestions on a ticket set."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import click

from kb.search.index import build_index
from kb.search.searcher import SearchIndex
from kb.settings import Settings
from kb.suggest import ReplyBook
from kb.vocabulary import Audience
from kb_app.commands.index import checked_catalog
from kb_app.eval import Evaluation, Score, builtin_rankings, load_queries, report
from kb_app.suggest_eval import Measure, TicketSetError, load_tickets, measure, measure_report
from kb_app.site_search import Engine, run_site_search


def run_eval(settings: Settings, queries_file: Path, build: Callable[[Path], None], site: Path | None = None,
             builtin: bool = True, static: bool = True) -> tuple[Evaluation, str]:
    """Evaluate the search of the internal site, and the built-in search and the static
    search of the same site (built into a temporary folder by `build` unless `site` is
    given)."""
    try:
        queries = load_queries(queries_file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    catalog = checked_catalog(settings)
    existing = {a.id for a in catalog.articles if not a.is_page}
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as temp:
        folder = Path(temp)
        build_index(catalog, Audience.INTERNAL, folder / "index")
        index = SearchIndex(folder / "index" / Audience.INTERNAL)
        start = time.perf_counter()
        ours = [[hit.id for hit in index.search(q.text, limit=5).hits] for q in queries]
        scores = [Score("kb search", ours, queries, time.perf_counter() - start)]
        if (builtin or static) and site is None:
            site = folder / "site"
            build(site)
        if builtin:
            start = time.perf_counter()
            try:
                theirs = builtin_rankings(site, queries, settings.languages)
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from None
            scores.append(Score("built-in search (Material, lunr)", theirs, queries, time.perf_counter() - start))
        if static:
            start = time.perf_counter()
            try:
                run = run_site_search(site, queries, settings.languages, Engine.STATIC)
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from None
            scores.append(Score(run.name, run.rankings, queries, time.perf_counter() - start))
    evaluation = Evaluation(queries, scores, existing)
    return evaluation, report(evaluation)


def run_ticket_eval(settings: Settings, tickets_file: Path) -> tuple[list[Measure], str]:
    """Evaluate the suggestions for the tickets of `tickets_file` (the internal index, built
    aside from the articles as they are now), beside the search of their subjects."""
    try:
        cases = load_tickets(tickets_file)
    except TicketSetError as exc:
        raise click.ClickException(str(exc)) from None
    catalog = checked_catalog(settings)
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as temp:
        build_index(catalog, Audience.INTERNAL, Path(temp) / "index")
        index = SearchIndex(Path(temp) / "index" / Audience.INTERNAL)
        measures = measure(index, ReplyBook.from_index(index.path), settings.languages, cases)
    return measures, measure_report(tickets_file, measures)
