"""`kb report tickets`: the leads' ticket insights from the exports, for people or machines."""

from __future__ import annotations

from pathlib import Path

import click

from kb.insights.page import report_json, report_text
from kb.insights.run import read_insights
from kb.settings import Settings
from kb.tickets import ExportError
from kb.tickets.columns import parse_mapping


def tickets_report(settings: Settings, exports: tuple[Path, ...], fmt: str, mapping: tuple[str, ...],
                   ignore: tuple[str, ...], as_json: bool) -> str:
    try:
        columns = parse_mapping(mapping)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--map") from None
    try:
        insights = read_insights(settings, exports, fmt, columns, ignore)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    return report_json(insights) if as_json else report_text(insights)
