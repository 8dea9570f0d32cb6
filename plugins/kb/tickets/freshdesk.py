"""Freshdesk exports: the CSV ticket export (one `Tags` column, tags separated by commas;
headers in English, or in Spanish or Portuguese when the agent's portal is; no `Tags`
column when it was left out), and the JSON of its API v2: a list of tickets (`List All
Tickets`), search results (`{"total": n, "results": [...]}`) or one ticket (`View a
Ticket`), with `source` a number and the body as `description_text` or, in HTML,
`description`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kb.tickets.columns import Columns
from kb.tickets.htmltext import html_text
from kb.tickets.model import Ticket
from kb.tickets.records import Layout, csv_tickets, object_tickets, split_on
from kb.vocabulary import ExportFormat

CSV = Layout(
    ExportFormat.FRESHDESK,
    id=("Ticket ID", "Ticket Id", "ID del ticket", "ID de ticket", "Id. del ticket", "ID do ticket"),
    subject=("Subject", "Asunto", "Assunto"),
    description=("Description", "Descripción", "Descrição"),
    tags=("Tags", "Etiquetas"),
    created_at=("Created time", "Created at", "Created date", "Hora de creación", "Fecha de creación", "Hora de criação",
                "Data de criação", "Criado em"),
    channel=("Source", "Fuente", "Origen", "Origem", "Canal"),
    type=("Type", "Tipo"),
    first_response=("First response time (in hrs)", "Tiempo de primera respuesta (en horas)",
                    "Tiempo de primera respuesta (en hrs)", "Tempo da primeira resposta (em horas)"),
    resolution=("Resolution time (in hrs)", "Tiempo de resolución (en horas)", "Tiempo de resolución (en hrs)",
                "Tempo de resolução (em horas)"),
)
API = Layout(ExportFormat.FRESHDESK, id=("id",), subject=("subject",), description=("description_text", "description"), tags=("tags",),
             created_at=("created_at",), channel=("source_name", "source"), type=("type", "ticket_type"))
# The channel each `source` number stands for, as Freshdesk's API documents them.
SOURCES = {1: "Email", 2: "Portal", 3: "Phone", 4: "Forum", 5: "Twitter", 6: "Facebook", 7: "Chat", 8: "MobiHelp",
           9: "Feedback Widget", 10: "Outbound Email"}
# Keys of Freshdesk's ticket objects that Zendesk's do not have.
OWN_KEYS = ("fr_due_by", "fr_escalated", "is_escalated", "responder_id", "description_text", "email_config_id",
            "fwd_emails", "reply_cc_emails", "nr_due_by", "nr_escalated", "source_name", "requester_status_name",
            "frDueBy", "isescalated", "association_type", "support_email", "ticket_cc_emails")
split_tags = split_on(",")


def matches_csv(columns: Columns) -> bool:
    return columns.present(CSV.id)


def matches_object(obj: Mapping) -> bool:
    """A Freshdesk API ticket: one of its own keys, or `source` and `status` as numbers."""
    if any(key in obj for key in OWN_KEYS):
        return True
    return isinstance(obj.get("source"), int) and isinstance(obj.get("status"), int)


def csv_rows(reader: Iterator[list[str]], columns: Columns) -> Iterator[Ticket]:
    return csv_tickets(reader, columns, CSV, split_tags)


def _readable(items: Iterator[tuple[int, dict]]) -> Iterator[tuple[int, dict]]:
    """The API's objects with the channel named and an HTML-only body as text."""
    for line, obj in items:
        source = obj.get("source")
        if source.__class__ is int and not obj.get("source_name"):
            obj["source"] = SOURCES.get(source, str(source))
        body = obj.get("description")
        if not obj.get("description_text") and isinstance(body, str):
            obj["description"] = html_text(body)
        yield line, obj


def objects(items: Iterator[tuple[int, dict]], display: str, mapping: Mapping[str, str]) -> Iterator[Ticket]:
    return object_tickets(_readable(items), display, API, split_tags, mapping)
