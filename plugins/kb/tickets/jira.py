"""Jira (Service Management) CSV export: one `Labels` column per label, all with the
same name, as many as the most-labelled issue has."""

from __future__ import annotations

from collections.abc import Iterator

from kb.tickets.columns import Columns
from kb.tickets.model import Ticket
from kb.tickets.records import Layout, csv_tickets, split_on
from kb.vocabulary import ExportFormat

CSV = Layout(ExportFormat.JIRA, id=("Issue key",), subject=("Summary",), description=("Description",), tags=("Labels",),
             created_at=("Created",),
             channel=("Custom field (Request channel)", "Request channel", "Custom field (Source)", "Channel"),
             type=("Issue Type",))


def matches_csv(columns: Columns) -> bool:
    return columns.present(CSV.id) and columns.present(CSV.subject)


def csv_rows(reader: Iterator[list[str]], columns: Columns) -> Iterator[Ticket]:
    return csv_tickets(reader, columns, CSV, split_on(" "), many_tag_columns=True)
