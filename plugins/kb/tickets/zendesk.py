"""Zendesk exports: the JSON of its API — a list of tickets or an incremental export page
(`{"tickets": [...], "next_page" or "after_cursor", "end_time", ...}`), Search results
(`{"results": [...], "count": n, "next_page": ...}`, of which only `result_type: "ticket"`
results are tickets), Show Ticket (`{"ticket": {...}}`) —, one ticket object per line
(the account's JSON export), and its CSV export (tags separated by spaces in one `Tags`
column; headers in English, Spanish or Portuguese). Deleted tickets, which the
incremental export lists with `"status": "deleted"`, are left out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kb.tickets.columns import Columns
from kb.tickets.model import Ticket
from kb.tickets.records import Layout, csv_tickets, object_tickets, split_on
from kb.vocabulary import ExportFormat

CSV = Layout(
    ExportFormat.ZENDESK,
    id=("Id", "Ticket id", "ID"),
    subject=("Subject", "Asunto", "Assunto"),
    description=("Description", "Descripción", "Descrição"),
    tags=("Tags", "Etiquetas"),
    created_at=("Created at", "Created", "Requested", "Creado", "Fecha de creación", "Solicitado", "Criado em", "Data de criação"),
    channel=("Via", "Channel", "Vía", "Canal"),
    type=("Ticket type", "Type", "Tipo de ticket", "Tipo"),
    first_response=("First reply time in minutes", "Tiempo de primera respuesta en minutos",
                    "Tempo da primeira resposta em minutos"),
    resolution=("Full resolution time in minutes", "Tiempo de resolución completa en minutos",
                "Tempo de resolução completa em minutos"),
)
# Columns only a Zendesk ticket export has beside its `Id`.
MARKERS = ("Via", "Vía", "Requester", "Requester id", "Solicitante", "ID del solicitante", "ID do solicitante",
           "Ticket type", "Tipo de ticket", "Summation column")
API = Layout(ExportFormat.ZENDESK, id=("id",), subject=("subject", "raw_subject"), description=("description",), tags=("tags",),
             created_at=("created_at",), channel=("via", "channel"), type=("type",),
             first_response=("reply_time_in_minutes",), resolution=("full_resolution_time_in_minutes",))
# Keys of Zendesk's ticket objects that Freshdesk's do not have.
OWN_KEYS = ("via", "raw_subject", "submitter_id", "result_type", "assignee_id", "organization_id", "brand_id",
            "ticket_form_id", "collaborator_ids", "satisfaction_rating", "has_incidents")
# Top-level keys of Zendesk's pages, for a page with no ticket to tell the help desk from.
PAGE_KEYS = ("next_page", "previous_page", "count", "end_time", "end_of_stream", "after_cursor", "after_url", "facets")
split_tags = split_on(" ")


def matches_csv(columns: Columns) -> bool:
    return columns.present(("Id", "ID")) and columns.present(MARKERS)


def matches_object(obj: Mapping) -> bool:
    """A Zendesk API ticket (or search result): it has Zendesk's own keys besides the common ones."""
    return any(key in obj for key in OWN_KEYS)


def csv_rows(reader: Iterator[list[str]], columns: Columns) -> Iterator[Ticket]:
    return csv_tickets(reader, columns, CSV, split_tags)


def _left_out(obj: Mapping) -> bool:
    """Deleted tickets, and search results that are users or organizations."""
    return obj.get("status") == "deleted" or obj.get("result_type", "ticket") != "ticket"


def objects(items: Iterator[tuple[int, dict]], display: str, mapping: Mapping[str, str]) -> Iterator[Ticket]:
    return object_tickets(items, display, API, split_tags, mapping, skip=_left_out)
