"""`kb build`: build each audience's site in its own folder, then its search index."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from kb.settings import Settings
from kb_app.commands.index import index_audiences
from kb_mkdocs.site import BuildFailed, build_site


def build_one(config_file: Path, audience: str, target: Path) -> float:
    """Build the site of `audience` into `target` (strict); a failure is a one-line error."""
    try:
        return build_site(config_file, audience, target)
    except BuildFailed as exc:
        raise click.ClickException(str(exc)) from None


def index_lines(settings: Settings, audiences: list[str]) -> Iterator[str]:
    """Build the index of each audience; a line each, saying what was indexed."""
    for report in index_audiences(settings, audiences):
        per_language = ", ".join(f"{lang} {count}" for lang, count in sorted(report.languages.items()))
        yield (f"indexed {report.documents} {report.audience} pages ({per_language}) for search in "
               f"{settings.display(report.path.parent)}/{report.audience} ({report.seconds:.1f} s)")


def build_audience(config_file: Path, settings: Settings, audience: str, target: Path) -> list[str]:
    """Build one audience's site into `target`, then its index; a line a step."""
    seconds = build_one(config_file, audience, target)
    return [f"built the {audience} site in {settings.display(target)} ({seconds:.1f} s)",
            *index_lines(settings, [audience])]


def build_sites(config_file: Path, settings: Settings, audiences: list[str], site_dir: Path | None) -> Iterator[str]:
    """Build each audience's site (in `site_dir`, or site/<audience>) and its index; a line a
    step. Two audiences are built at once, each in a process of its own (a MkDocs build is
    one busy core, and its audience is read from the environment)."""
    targets = {audience: site_dir or settings.site_dir / audience for audience in audiences}
    if len(audiences) == 1 or (os.cpu_count() or 1) == 1:
        for audience in audiences:
            yield from build_audience(config_file, settings, audience, targets[audience])
        return
    with ProcessPoolExecutor(max_workers=len(audiences), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {audience: pool.submit(build_audience, config_file, settings, audience, targets[audience])
                   for audience in audiences}
        failed = []
        for audience, future in futures.items():
            try:
                yield from future.result()
            except click.ClickException as exc:
                failed.append(exc.format_message())
        if failed:
            raise click.ClickException("; ".join(failed))
