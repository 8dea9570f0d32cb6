"""`kb stubs` and the `kb-stubs` plugin: read the ticket exports, count tickets by tag,
and write a draft stub for every tag that keeps coming back and that no article answers.

Every export is read to the end before anything is written, so a bad export stops
the run with its file and line and leaves the docs as they were.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kb.catalog import Catalog, load_catalog
from kb.fingerprint import fingerprint
from kb.redaction import redact
from kb.settings import Settings
from kb.stubs.coverage import Coverage, build_coverage
from kb.stubs.plan import FOLDER, StubResult, Write, apply, plan_subject, tidy
from kb.stubs.tally import Tally
from kb.tickets import Export, find_exports
from kb.vocabulary import ExportFormat
from kb.vocabulary import StubOutcome as Outcome

DEFAULT_MIN_TICKETS = 5


@dataclass(frozen=True)
class Options:
    min_tickets: int = DEFAULT_MIN_TICKETS
    format: str = ExportFormat.AUTO
    mapping: dict[str, str] = field(default_factory=dict)
    ignore_tags: tuple[str, ...] = ()
    dry_run: bool = False
    progress: bool = False  # a progress bar on stderr, when it is a terminal
    today: dt.date | None = None


@dataclass
class ExportRead:
    file: str
    format: str
    encoding: str
    tickets: int
    tags_column: bool = True  # False: a CSV with no tags column, whose tickets all count as untagged


@dataclass
class TagResult:
    tag: str
    tickets: int
    outcome: Outcome
    articles: list[str] = field(default_factory=list)  # the articles that cover it
    stub: str = ""  # the stub's id


@dataclass
class Result:
    exports: list[ExportRead]
    tickets: int
    duplicates: int
    untagged: int
    min_tickets: int
    dry_run: bool
    tags: list[TagResult] = field(default_factory=list)
    stubs: list[StubResult] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)  # untouched stubs whose tags are all covered now


class ReadCache:
    """The counts of the last exports read, reused while the exports, the options and
    what the articles cover stay the same (so `kb serve` reads a big export once, not
    on every rebuild)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._value: tuple[Tally, list[ExportRead]] | None = None

    def get(self, key: tuple) -> tuple[Tally, list[ExportRead]] | None:
        return self._value if key == self._key else None

    def put(self, key: tuple, value: tuple[Tally, list[ExportRead]]) -> None:
        self._key, self._value = key, value


def read_exports(files: Sequence[Path], settings: Settings, coverage: Coverage, options: Options) -> tuple[Tally, list[ExportRead]]:
    """Count every ticket of every export; ExportError at the first bad record."""
    tally = Tally(coverage.route)
    exports = [Export(path, settings.display(path), options.format, options.mapping) for path in files]
    reads = []
    total = sum(export.size for export in exports)
    disabled = not options.progress or not sys.stderr.isatty()
    with tqdm(total=total, unit="B", unit_scale=True, desc="reading exports", file=sys.stderr,
              disable=disabled, delay=0.5, leave=False) as bar:
        done = 0
        for export in exports:
            tickets = export.tickets()
            first = next(tickets, None)
            count = 0
            if first is not None:
                def tick(export: Export = export, offset: int = done) -> None:
                    bar.update(offset + export.position() - bar.n)

                count = tally.add_all(itertools.chain([first], tickets), tally.seen(export.format), None if disabled else tick)
            done += export.size
            bar.update(done - bar.n)
            reads.append(ExportRead(export.display, export.format, export.encoding_name, count, export.tags_column))
    return tally, reads


def run_stubs(settings: Settings, paths: Sequence[Path], options: Options = Options(),
              cache: ReadCache | None = None, catalog: Catalog | None = None) -> Result:
    """Read the exports (files, or folders of them) and create or update the stubs."""
    today = options.today or dt.date.today()
    if not options.dry_run:  # first, so that a stub an interrupted run moved aside is read back in place
        tidy([settings.docs_dir / lang / FOLDER for lang in settings.languages])
    catalog = catalog or load_catalog(settings, today)
    coverage = build_coverage(catalog, options.ignore_tags)
    files = find_exports(paths)
    key = (fingerprint(files), options.format, tuple(sorted(options.mapping.items())), coverage.key()) if cache else ()
    cached = cache.get(key) if cache else None
    tally, reads = cached or read_exports(files, settings, coverage, options)
    if cache and not cached:
        cache.put(key, (tally, reads))
    result = Result(reads, tally.tickets, tally.duplicates, tally.untagged, options.min_tickets, options.dry_run)
    taken: set[str] = set()
    by_subject: dict[str, StubResult] = {}
    writes: list[Write] = []
    # Topics first, so that a topic keeps its own slug if a tag makes the same one.
    for subject in sorted(tally.subjects.values(), key=lambda s: (s.topic is None, s.key)):
        by_subject[subject.key], planned = plan_subject(subject, catalog, coverage, taken, options.min_tickets, today)
        writes += planned
    late = set() if options.dry_run else apply(writes)
    for stub in by_subject.values():
        if stub.id in late:
            stub.outcome = Outcome.EDITED  # a person got there first
    result.stubs = [stub for stub in by_subject.values() if stub.outcome != Outcome.BELOW]
    for tag, count in tally.tag_counts.items():
        route = coverage.route(tag)
        if route.private:
            result.tags.append(TagResult(redact(tag), count, Outcome.PRIVATE))
            continue
        if route.subject is None:
            result.tags.append(TagResult(tag, count, Outcome.COVERED, coverage.covering(tag)))
            continue
        stub = by_subject[route.subject]
        result.tags.append(TagResult(tag, count, stub.outcome, stub=stub.id if stub.outcome != Outcome.BELOW else ""))
    result.tags.sort(key=lambda row: (-row.tickets, row.tag))
    for stub_id, tags in sorted(coverage.own_stubs.items()):
        routes = [coverage.route(tag) for tag in tags]
        if routes and all(route is None or (route.subject is None and not route.private) for route in routes):
            result.superseded.append(stub_id)
    return result
