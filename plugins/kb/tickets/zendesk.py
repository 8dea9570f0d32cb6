"""Zendesk exports: the tickets JSON of its API (`{"tickets": [...]}`, which is also the
shape of the incremental export), one ticket object per line (NDJSON), and its CSV
export (tags separated by spaces in one `Tags` column). Deleted tickets, which the
incremental export lists with `"status": "deleted"`, are left out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import ijson

from kb.tickets.columns import Columns
from kb.tickets.model import ExportError, Ticket
from kb.tickets.reading import JsonBytes, json_objects
from kb.tickets.records import Layout, csv_tickets, object_tickets, split_on
from kb.vocabulary import ExportFormat

CSV = Layout(ExportFormat.ZENDESK, id=("Id", "Ticket id"), subject=("Subject",), description=("Description",), tags=("Tags",),
             created_at=("Created at", "Created"), channel=("Via", "Channel"), type=("Ticket type", "Type"))
API = Layout(ExportFormat.ZENDESK, id=("id",), subject=("subject", "raw_subject"), description=("description",), tags=("tags",),
             created_at=("created_at",), channel=("via", "channel"), type=("type",))
split_tags = split_on(" ")


def matches_csv(columns: Columns) -> bool:
    return columns.present(("Id",)) and columns.present(("Via", "Requester", "Requester id", "Ticket type"))


def matches_object(obj: Mapping) -> bool:
    """A Zendesk API ticket: it has Zendesk's own keys besides the common ones."""
    return any(key in obj for key in ("via", "requester_id", "raw_subject", "submitter_id"))


def csv_rows(reader: Iterator[list[str]], columns: Columns) -> Iterator[Ticket]:
    return csv_tickets(reader, columns, CSV, split_tags)


def objects(items: Iterator[tuple[int, dict]], display: str, mapping: Mapping[str, str]) -> Iterator[Ticket]:
    return object_tickets(items, display, API, split_tags, mapping, skip=lambda obj: obj.get("status") == "deleted")


def json_document(stream: JsonBytes, display: str, first: str, mapping: Mapping[str, str]) -> Iterator[Ticket]:
    """The tickets of an API response or incremental export page (or a bare list)."""
    prefix = "item" if first == "[" else "tickets.item"
    count = 0
    for ticket in objects(json_objects(stream, display, prefix), display, mapping):
        count += 1
        yield ticket
    if count == 0 and prefix != "item" and not _has_tickets_list(stream):
        raise ExportError(display, 1, "this JSON has no \"tickets\" list",
                          "export with the tickets API or the incremental export ({\"tickets\": [...]}), or one ticket per line")


def _has_tickets_list(stream: JsonBytes) -> bool:
    """Whether an export with no tickets at least has the list (an empty page is fine)."""
    again = JsonBytes(stream.path, stream.encoding)
    try:
        return any(prefix == "tickets" and event == "start_array" for prefix, event, _ in ijson.parse(again))
    finally:
        again.close()
