"""Telling which help desk wrote an export, from its first bytes: JSON (one document, or
one object per line) or CSV with a separator and a header naming the columns."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from kb.tickets import freshdesk, generic, jira, zendesk
from kb.tickets.columns import Columns
from kb.tickets.model import ExportError
from kb.tickets.reading import SAMPLE, sniff_delimiter
from kb.vocabulary import ExportFormat

FIRST_LINE_LIMIT = 16 << 20  # how much of a first line is read to tell JSON lines from one document
# Most specific first: a Jira header has an issue key and a summary, Freshdesk a ticket
# id, Zendesk an `Id` with its `Via`/`Requester` columns; anything else must name `id`
# and `tags`.
CSV_FORMATS: dict[str, ModuleType] = {ExportFormat.JIRA: jira, ExportFormat.FRESHDESK: freshdesk,
                                      ExportFormat.ZENDESK: zendesk, ExportFormat.GENERIC: generic}
# The readers of JSON tickets.
JSON_FORMATS: dict[str, ModuleType] = {ExportFormat.JIRA: jira, ExportFormat.FRESHDESK: freshdesk,
                                       ExportFormat.ZENDESK: zendesk, ExportFormat.GENERIC: generic}


@dataclass(frozen=True)
class Shape:
    kind: str  # "csv", "ndjson" or "json"
    delimiter: str = ","


def sniff_shape(path: Path, display: str, encoding: str) -> Shape:
    """What kind of file this is, from its first 64 KB."""
    with path.open("r", encoding=encoding, newline="") as handle:
        sample = handle.read(SAMPLE)
    stripped = sample.lstrip()
    if not stripped:
        raise ExportError(display, 0, "the file is empty", "export the tickets again")
    first = stripped[0]
    if first == "[":
        return Shape("json")
    if first == "{":
        line, newline, _ = stripped.partition("\n")
        if not newline:  # a first line longer than the sample: a long ticket, or one JSON document
            with path.open("r", encoding=encoding, newline="") as handle:
                line = handle.readline(FIRST_LINE_LIMIT)
            newline = line.endswith("\n")
        if newline:
            try:
                value = json.loads(line)
            except (json.JSONDecodeError, RecursionError, ValueError):
                value = None
            if isinstance(value, dict) and not any(isinstance(value.get(key), list) for key in ("tickets", "results", "issues")) \
                    and not isinstance(value.get("ticket"), dict):
                return Shape("ndjson")
        return Shape("json")
    return Shape("csv", delimiter=sniff_delimiter(sample))


def csv_format(columns: Columns) -> str:
    """The help desk whose CSV header this is, or a clear error naming the columns."""
    for name, module in CSV_FORMATS.items():
        if module.matches_csv(columns):
            return name
    shown = ", ".join(columns.header[:12]) + (" ..." if len(columns.header) > 12 else "")
    raise ExportError(columns.display, 1, f"this CSV is not a Zendesk, Freshdesk or Jira export, and has no 'id' and 'tags' columns (its columns: {shown})",
                      "pass --format, and --map id=<column> --map tags=<column> for the columns that hold them")


def object_format(obj: Mapping | None, keys: Sequence[str] = (), prefix: str = "") -> str:
    """The help desk of a JSON ticket, from its keys; with no ticket (an empty page), from
    the page's own keys."""
    if obj is not None:
        if jira.matches_object(obj):
            return ExportFormat.JIRA
        if freshdesk.matches_object(obj):
            return ExportFormat.FRESHDESK
        if zendesk.matches_object(obj):
            return ExportFormat.ZENDESK
    if prefix == "issues.item":
        return ExportFormat.JIRA
    if "total" in keys:
        return ExportFormat.FRESHDESK
    if any(key in keys for key in zendesk.PAGE_KEYS) or prefix == "tickets.item":
        return ExportFormat.ZENDESK
    return ExportFormat.GENERIC
