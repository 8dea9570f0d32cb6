"""Freshdesk's CSV ticket export: one `Tags` column, tags separated by commas."""

from __future__ import annotations

from collections.abc import Iterator

from kb.tickets.columns import Columns
from kb.tickets.model import Ticket
from kb.tickets.records import Layout, csv_tickets, split_on
from kb.vocabulary import ExportFormat

CSV = Layout(ExportFormat.FRESHDESK, id=("Ticket ID", "Ticket Id"), subject=("Subject",), description=("Description",), tags=("Tags",),
             created_at=("Created time", "Created at", "Created date"), channel=("Source",), type=("Type",))
split_tags = split_on(",")


def matches_csv(columns: Columns) -> bool:
    return columns.present(CSV.id)


def csv_rows(reader: Iterator[list[str]], columns: Columns) -> Iterator[Ticket]:
    return csv_tickets(reader, columns, CSV, split_tags)
