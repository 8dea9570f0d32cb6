"""Reading the exports and the articles into insights (the same readers and coverage as
`kb stubs`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kb.catalog import load_catalog
from kb.insights.tally import Insights, tally
from kb.settings import Settings
from kb.stubs.coverage import build_coverage
from kb.tickets import Export, Ticket, find_exports
from kb.vocabulary import ExportFormat


def read_insights(settings: Settings, exports: Iterable[Path], fmt: str = ExportFormat.AUTO,
                  mapping: Mapping[str, str] | None = None, ignore: Iterable[str] = ()) -> Insights:
    """The insights of the exports (files or folders); ExportError on a bad export."""
    coverage = build_coverage(load_catalog(settings), ignore)

    def tickets() -> Iterator[Ticket]:
        for path in find_exports(exports):
            yield from Export(path, settings.display(path), fmt=fmt, mapping=mapping).tickets()

    return tally(tickets(), coverage)
