"""Any other help desk, as CSV, JSON or JSON lines with `id`, `subject`, `description`,
`tags` and `created_at` (and optional `channel`, `type`); `--map tags=Etiquetas` names
the column or key when it differs. Tags in one field are separated by `,` `;` or `|`,
or by spaces when there is none of those."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kb.tickets.columns import Columns
from kb.tickets.model import Ticket
from kb.tickets.records import Layout, csv_tickets, object_tickets, split_on
from kb.vocabulary import ExportFormat

CSV = Layout(ExportFormat.GENERIC, id=("id",), subject=("subject",), description=("description",), tags=("tags",),
             created_at=("created_at", "created"), channel=("channel",), type=("type",))
_punctuated = split_on(",;|")


def split_tags(value: str) -> tuple[str, ...]:
    if "," in value or ";" in value or "|" in value:
        return _punctuated(value)
    return tuple(value.split())


def matches_csv(columns: Columns) -> bool:
    return columns.find("id", CSV.id) is not None and bool(columns.all("tags", CSV.tags))


def csv_rows(reader: Iterator[list[str]], columns: Columns) -> Iterator[Ticket]:
    return csv_tickets(reader, columns, CSV, split_tags)


def objects(items: Iterator[tuple[int, dict]], display: str, mapping: Mapping[str, str]) -> Iterator[Ticket]:
    return object_tickets(items, display, CSV, split_tags, mapping)
