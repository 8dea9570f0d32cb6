"""Each help desk's export, in each encoding and shape, read into the same tickets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.tickets import Export, ExportError
from tickets.exports import VARIANTS, T, freshdesk_csv, generic_csv, jira_csv, zendesk_json

DESCRIPTION = 'Hola, envié el pago el lunes.\r\nLínea dos, con coma; punto y coma | barra y "comillas".\r\n\r\nSaludos'
TICKETS = [
    T("101", "No se refleja mi SPEI, ¿qué hago?", ["spei_no_reflejado", "urgente"], DESCRIPTION, "2024-03-05T14:22:10Z", "email", "incident"),
    T("102", "Devolución pendiente", ["devolución_pendiente"], "Una línea", "2024-01-31T08:00:00Z", "web", "question"),
    T("103", "Sin etiquetas", [], "", "2024-02-29T23:59:59Z", "chat", "task"),
]
FORMAT = {"zendesk": "zendesk", "freshdesk": "freshdesk", "jira": "jira", "generic": "generic"}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_reads_the_same_tickets(tmp_path: Path, variant: str) -> None:
    path = VARIANTS[variant](tmp_path / "export", TICKETS)
    export = Export(path)
    tickets = list(export.tickets())
    assert export.format == variant.split("-")[0]
    assert [t.subject for t in tickets] == [t.subject for t in TICKETS]
    assert [list(t.tags) for t in tickets] == [list(t.tags) for t in TICKETS]
    assert [t.created for t in tickets] == ["2024-03-05", "2024-01-31", "2024-02-29"]
    assert tickets[0].id.endswith("101")
    if "cp1252" in variant:
        assert export.encoding == "cp1252"
    else:
        assert export.encoding == "utf-8-sig"
    if variant != "zendesk-csv":  # Zendesk's CSV export has no description column
        # multi-line quoted fields come back whole (line ends as the file wrote them)
        assert tickets[0].description.replace("\r\n", "\n") == DESCRIPTION.replace("\r\n", "\n")


def test_zendesk_api_fields_and_deleted_tickets(tmp_path: Path) -> None:
    tickets = [T("1", "Pago", ["a"], channel="voice", kind="problem"),
               T("2", "Borrado", ["a"], extra={"status": "deleted"})]
    export = Export(zendesk_json(tmp_path / "z.json", tickets, incremental=True))
    read = list(export.tickets())
    assert [(t.id, t.channel, t.kind) for t in read] == [("1", "voice", "problem")]


def test_jira_labels_come_from_every_labels_column(tmp_path: Path) -> None:
    tickets = [T("SUP-7", "Uno", ["alpha", "beta", "gamma"]), T("SUP-8", "Dos", ["beta"])]
    path = jira_csv(tmp_path / "jira.csv", tickets)
    assert path.read_text().splitlines()[0].count("Labels") == 3
    read = list(Export(path).tickets())
    assert [(t.id, t.tags) for t in read] == [("SUP-7", ("alpha", "beta", "gamma")), ("SUP-8", ("beta",))]
    assert read[0].kind == "incident"


def test_freshdesk_tags_split_on_commas_and_keep_spaces_inside(tmp_path: Path) -> None:
    path = freshdesk_csv(tmp_path / "fd.csv", [T("5", "x", ["SPEI no reflejado", " urgente "])])
    (ticket,) = Export(path).tickets()
    assert ticket.tags == ("SPEI no reflejado", "urgente")


def test_generic_with_a_column_map(tmp_path: Path) -> None:
    path = generic_csv(tmp_path / "g.csv", [T("9", "Hola", ["a", "b"])], columns={"tags": "Etiquetas", "subject": "Asunto"})
    with pytest.raises(ExportError, match="Etiquetas|tags"):
        list(Export(path).tickets())  # without the map, there is no tags column
    (ticket,) = Export(path, mapping={"tags": "Etiquetas", "subject": "Asunto"}).tickets()
    assert (ticket.id, ticket.subject, ticket.tags) == ("9", "Hola", ("a", "b"))


def test_generic_jsonl_with_list_tags_and_a_key_map(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"ticket": 4, "titulo": "Hola", "etiquetas": ["x", "y"], "created_at": "2024-05-01"}) + "\n")
    (ticket,) = Export(path, mapping={"id": "ticket", "subject": "titulo", "tags": "etiquetas"}).tickets()
    assert (ticket.id, ticket.subject, ticket.tags, ticket.created) == ("4", "Hola", ("x", "y"), "2024-05-01")


def test_forced_format_overrides_detection(tmp_path: Path) -> None:
    path = freshdesk_csv(tmp_path / "fd.csv", [T("5", "x", ["a"])])
    with pytest.raises(ExportError, match="no 'Issue key' column"):
        list(Export(path, fmt="jira").tickets())
    with pytest.raises(ExportError, match="not Jira's.*looks like a zendesk export"):
        list(Export(zendesk_json(tmp_path / "z.json", [T("1", "x", ["a"])]), fmt="jira").tickets())


@pytest.mark.parametrize("variant", ["zendesk-api-json", "freshdesk-csv-cp1252-crlf-empty-rows", "zendesk-ndjson"])
def test_exports_stream_instead_of_loading_whole(tmp_path: Path, variant: str) -> None:
    """The first ticket arrives when only the start of a several-megabyte file is read."""
    many = [T(str(n), f"Asunto {n}", ["a"], "x" * 400) for n in range(1, 12_001)]
    path = VARIANTS[variant](tmp_path / "big", many)
    export = Export(path)
    tickets = export.tickets()
    first = next(tickets)
    assert first.id == "1"
    assert export.size > 4_000_000
    assert export.position() < export.size / 2
    assert sum(1 for _ in tickets) == len(many) - 1


def test_fields_longer_than_the_csv_default_limit(tmp_path: Path) -> None:
    body = "x" * 300_000  # csv.field_size_limit() is 131,072 by default
    path = freshdesk_csv(tmp_path / "fd.csv", [T("1", "largo", ["a"], body)])
    (ticket,) = Export(path).tickets()
    assert len(ticket.description) == len(body)


def test_day_first_and_jira_spanish_dates(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("id;tags;created_at\n1;a;05/03/2024 10:00\n2;a;05/mar/24 2:22 PM\n3;a;not a date\n4;a;2024/12/01\n", encoding="utf-8")
    assert [t.created for t in Export(path).tickets()] == ["2024-03-05", "2024-03-05", "", "2024-12-01"]


def test_json_lines_with_a_first_ticket_longer_than_the_sample(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [{"id": 1, "subject": "largo", "description": "x" * 200_000, "tags": ["a"]}, {"id": 2, "subject": "corto", "tags": ["b"]}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert [(t.id, t.tags) for t in Export(path).tickets()] == [("1", ("a",)), ("2", ("b",))]
