"""`kb build`: build each audience's site in its own folder, then its search index."""

from __future__ import annotations

from collections.abc import Iterator
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


def build_sites(config_file: Path, settings: Settings, audiences: list[str], site_dir: Path | None) -> Iterator[str]:
    """Build each audience's site (in `site_dir`, or site/<audience>) and its index; a line a step."""
    for audience in audiences:
        target = site_dir or settings.site_dir / audience
        seconds = build_one(config_file, audience, target)
        yield f"built the {audience} site in {settings.display(target)} ({seconds:.1f} s)"
        yield from index_lines(settings, [audience])
