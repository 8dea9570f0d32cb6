"""Jira (Software, Service Management; Cloud, Server and Data Center) exports: CSV, with
its headers in English, Spanish or Portuguese, as the exporting person's language writes
them, and the JSON of its REST search (`{"issues": [{"key": ..., "fields": {...}}]}`,
the description plain text in API v2 or an Atlassian document in v3). Labels come
however the export writes them: one `Labels` column per label, all with the same name,
as many as the most-labelled issue has ("all fields"), or one column of labels
separated by spaces (Jira labels hold no spaces); no column at all when no exported
issue has a label."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kb.tickets.columns import Columns
from kb.tickets.model import Ticket
from kb.tickets.records import Layout, csv_tickets, object_tickets
from kb.vocabulary import ExportFormat

CSV = Layout(
    ExportFormat.JIRA,
    id=("Issue key", "Work item key", "Clave de incidencia", "Clave de la incidencia", "Clave del elemento de trabajo",
        "Chave da item", "Chave do item", "Chave da issue", "Chave do item de trabalho"),
    subject=("Summary", "Resumen", "Resumo"),
    description=("Description", "Descripción", "Descrição"),
    tags=("Labels", "Etiquetas", "Rótulos"),
    created_at=("Created", "Creada", "Creado", "Criado", "Criada", "Criado(a)"),
    channel=("Custom field (Request channel)", "Request channel", "Custom field (Source)", "Channel",
             "Campo personalizado (Request channel)", "Campo personalizado (Canal de solicitud)", "Campo personalizado (Canal)",
             "Campo personalizado (Canal de solicitação)"),
    type=("Issue Type", "Work type", "Tipo de Incidencia", "Tipo de trabajo", "Tipo de item", "Tipo do item",
          "Tipo de issue", "Tipo de item de trabalho"),
    # Jira Service Management's SLA fields (elapsed time, "2h 30m"), else the time logged.
    first_response=("Custom field (Time to first response)", "Campo personalizado (Tiempo hasta la primera respuesta)",
                    "Campo personalizado (Tempo até a primeira resposta)"),
    resolution=("Custom field (Time to resolution)", "Campo personalizado (Tiempo de resolución)",
                "Campo personalizado (Tempo até a resolução)", "Time Spent", "Tiempo empleado", "Tempo gasto"),
)
# Columns only a Jira export has, for a header whose summary column is left out.
MARKERS = ("Issue id", "Work item id", "ID de la incidencia", "ID da item", "ID do item", "Project key",
           "Clave de proyecto", "Chave do projeto", "Sprint")
CUSTOM_FIELD = ("Custom field (", "Campo personalizado (")


def matches_csv(columns: Columns) -> bool:
    return columns.present(CSV.id) and (columns.present(CSV.subject) or columns.present(MARKERS)
                                        or columns.prefixed(CUSTOM_FIELD))


def split_tags(value: str) -> tuple[str, ...]:
    """One cell's labels: a label, or several separated by spaces (or `;`, as some
    reports join multi-valued fields)."""
    if " " not in value and ";" not in value:
        return (value.strip(),) if value.strip() else ()
    return tuple(value.replace(";", " ").split())


def csv_rows(reader: Iterator[list[str]], columns: Columns) -> Iterator[Ticket]:
    return csv_tickets(reader, columns, CSV, split_tags)


# A REST issue, once its `fields` are brought up beside its `key`.
API = Layout(ExportFormat.JIRA, id=("key", "id"), subject=("summary",), description=("description",), tags=("labels",),
             created_at=("created",), channel=("channel",), type=("issuetype",))


def matches_object(obj: Mapping) -> bool:
    """An issue of Jira's REST API: a `key` and its `fields`."""
    return "key" in obj and isinstance(obj.get("fields"), dict)


def document_text(node: object) -> str:
    """The text of an Atlassian document (API v3's rich text): its text nodes, a line
    per paragraph. The guard bounds its nesting, so recursion stays shallow."""
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(document_text(child) for child in node)
    if not isinstance(node, dict):
        return ""
    if node.get("type") == "text":
        return str(node.get("text", ""))
    inner = document_text(node.get("content", []))
    return inner + "\n" if node.get("type") in ("paragraph", "heading", "listItem", "codeBlock", "blockquote") else inner


def _flattened(items: Iterator[tuple[int, dict]]) -> Iterator[tuple[int, dict]]:
    for line, issue in items:
        fields = issue.get("fields")
        flat = dict(fields) if isinstance(fields, dict) else {}
        flat["key"], flat["id"] = issue.get("key"), issue.get("id")
        if not isinstance(flat.get("description"), str):
            flat["description"] = document_text(flat.get("description")).strip()
        kind = flat.get("issuetype")
        flat["issuetype"] = kind.get("name") if isinstance(kind, dict) else kind
        yield line, flat


def objects(items: Iterator[tuple[int, dict]], display: str, mapping: Mapping[str, str]) -> Iterator[Ticket]:
    return object_tickets(_flattened(items), display, API, split_tags, mapping)
