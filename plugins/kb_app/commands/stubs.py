"""`kb stubs`: draft stubs from ticket exports for the tags no article answers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from kb.settings import Settings
from kb.stubs.report import report_json, report_text
from kb.stubs.run import Options, run_stubs
from kb.tickets import ExportError
from kb.tickets.columns import parse_mapping


def options_of(mapping: tuple[str, ...], **values: object) -> Options:
    """The run's options; a bad --map is a usage error naming the option."""
    try:
        columns = parse_mapping(mapping)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--map") from None
    return Options(mapping=columns, progress=True, **values)


def stubs_report(settings: Settings, exports: tuple[Path, ...], options: Options, docs_dir: Path | None,
                 as_json: bool) -> str:
    """Run the stubs and report what was (or would be) written; a bad export writes nothing."""
    if docs_dir:
        settings = dataclasses.replace(settings, docs_dir=docs_dir.resolve())
    try:
        result = run_stubs(settings, exports, options)
    except ExportError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    return report_json(result) if as_json else report_text(result)
