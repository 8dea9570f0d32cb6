"""Every export shape the help desks write is read with no option, under the name of the
help desk that wrote it (fixtures in tests/tickets/fixtures, see its README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb_app.cli import cli
from kb.tickets import Export, ExportError
from kb.vocabulary import ExportFormat

FIXTURES = Path(__file__).parent / "fixtures"

# file -> (help desk, [(id, tags, day, channel)], has a tags column)
EXPECTED = {
    "jira-cloud-es.csv": (ExportFormat.JIRA, [("SOP-101", ("spei_no_reflejado", "urgente"), "2025-11-10", ""),
                                              ("SOP-102", ("devolucion",), "2025-12-03", ""),
                                              ("SOP-103", (), "2026-01-02", "")], True),
    "jira-cloud-pt-br.csv": (ExportFormat.JIRA, [("SUP-7", ("spei_no_reflejado", "pix"), "2024-02-15", ""),
                                                 ("SUP-8", ("devolucion",), "2023-10-03", "")], True),
    "jira-server-en.csv": (ExportFormat.JIRA, [("HD-1", ("spei_no_reflejado", "urgent", "api"), "2024-03-05", ""),
                                               ("HD-2", ("devolucion",), "2024-01-31", "")], True),
    "jira-cloud-en-work-items.csv": (ExportFormat.JIRA, [("KB-10", ("contracargo", "urgent"), "2025-12-02", ""),
                                                         ("KB-11", (), "2025-12-02", "")], True),
    "jira-cloud-es-no-labels.csv": (ExportFormat.JIRA, [("SOP-201", (), "2025-11-10", ""),
                                                        ("SOP-202", (), "2025-11-11", "")], False),
    "jira-api-search.json": (ExportFormat.JIRA, [("SOP-101", ("spei_no_reflejado", "urgente"), "2025-11-10", ""),
                                                 ("SOP-102", (), "2025-11-10", "")], True),
    "freshdesk-no-tags.csv": (ExportFormat.FRESHDESK, [("501", (), "2024-03-05", "Email"),
                                                       ("502", (), "2024-03-06", "Portal")], False),
    "freshdesk-es.csv": (ExportFormat.FRESHDESK, [("601", ("spei_no_reflejado", "urgente"), "2024-03-05", "Correo electrónico"),
                                                  ("602", ("devolucion",), "2024-03-06", "Portal")], True),
    "freshdesk-pt-br.csv": (ExportFormat.FRESHDESK, [("701", ("spei_no_reflejado",), "2024-02-15", "Portal")], True),
    "freshdesk-api-list.json": (ExportFormat.FRESHDESK, [("801", ("deposito_faltante",), "2024-03-05", "Portal"),
                                                         ("802", ("pago_rechazado", "urgente"), "2024-03-05", "Chat"),
                                                         ("803", (), "2024-03-05", "Email")], True),
    "freshdesk-api-search.json": (ExportFormat.FRESHDESK, [("901", ("cobro_duplicado",), "2024-03-05", "Phone"),
                                                           ("902", ("cobro_duplicado",), "2024-03-05", "Portal")], True),
    "freshdesk-api-ticket.json": (ExportFormat.FRESHDESK, [("1001", ("webhook",), "2024-03-05", "Feedback Widget")], True),
    "zendesk-search.json": (ExportFormat.ZENDESK, [("2001", ("spei_no_reflejado",), "2024-03-05", "email"),
                                                   ("2002", ("spei_no_reflejado",), "2024-03-05", "email")], True),
    "zendesk-show-ticket.json": (ExportFormat.ZENDESK, [("3001", ("contracargo",), "2024-03-05", "web")], True),
    "zendesk-incremental.json": (ExportFormat.ZENDESK, [("4001", ("pago_rechazado",), "2024-03-05", "email"),
                                                        ("4003", ("pago_rechazado",), "2024-03-05", "chat")], True),
}


def test_every_fixture_has_an_expectation_and_all_read_right() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.suffix != ".md") == sorted(EXPECTED)
    right = []
    for name, (desk, tickets, _) in sorted(EXPECTED.items()):
        export = Export(FIXTURES / name)
        ids = [t.id for t in export.tickets()]
        right.append(export.format == desk and ids == [t[0] for t in tickets])
        print(f"{name:32} {export.format:9} {len(ids)} tickets {'ok' if right[-1] else 'WRONG'}")
    print(f"real export shapes read with no option, under the right help desk: {sum(right)}/{len(right)}")
    assert all(right)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_read_with_no_option_as_the_help_desk_that_wrote_it(name: str) -> None:
    desk, tickets, tags_column = EXPECTED[name]
    export = Export(FIXTURES / name)
    read = list(export.tickets())
    assert export.format == desk
    assert [(t.id, t.tags, t.created, t.channel) for t in read] == tickets
    assert export.tags_column is tags_column
    assert all(t.subject for t in read)


def test_jira_spanish_fields_and_multi_line_description() -> None:
    first, second, _ = Export(FIXTURES / "jira-cloud-es.csv").tickets()
    assert (first.subject, first.kind) == ("No se refleja mi SPEI", "incidencia")
    assert first.description.splitlines() == ["Envié el pago el lunes.", "No aparece."]
    assert second.description == "¿Cuándo llega mi devolución?"


def test_jira_api_issue_fields_and_atlassian_document_body() -> None:
    first, second = Export(FIXTURES / "jira-api-search.json").tickets()
    assert (first.subject, first.kind) == ("No se refleja mi SPEI", "incidencia")
    assert first.description == "Envié el pago el lunes.\nNo aparece, urgente"
    assert second.description == ""


def test_freshdesk_api_body_is_text_never_html() -> None:
    (ticket,) = Export(FIXTURES / "freshdesk-api-ticket.json").tickets()
    assert ticket.description == "El webhook no llega a mi servidor."
    assert ticket.kind == "question"


def test_freshdesk_html_only_body_becomes_text(tmp_path: Path) -> None:
    ticket = json.loads((FIXTURES / "freshdesk-api-ticket.json").read_text(encoding="utf-8"))
    del ticket["description_text"]
    ticket["description"] = "<div>Hola<br>mi pago &amp; mi <script>x()</script>reembolso</div><p>Gracias</p>"
    path = tmp_path / "t.json"
    path.write_text(json.dumps([ticket]), encoding="utf-8")
    (read,) = Export(path).tickets()
    assert read.description == "Hola\nmi pago & mi  reembolso\nGracias"


def test_freshdesk_json_lines_and_forced_format(tmp_path: Path) -> None:
    tickets = json.loads((FIXTURES / "freshdesk-api-list.json").read_text(encoding="utf-8"))
    path = tmp_path / "fd.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in tickets), encoding="utf-8")
    export = Export(path)
    assert [t.id for t in export.tickets()] == ["801", "802", "803"]
    assert export.format == ExportFormat.FRESHDESK
    forced = Export(FIXTURES / "freshdesk-api-search.json", fmt="freshdesk")
    assert len(list(forced.tickets())) == 2


def test_empty_pages_name_their_help_desk(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    for document, desk in (({"total": 0, "results": []}, ExportFormat.FRESHDESK),
                           ({"results": [], "count": 0, "next_page": None}, ExportFormat.ZENDESK),
                           ({"tickets": [], "end_of_stream": True}, ExportFormat.ZENDESK)):
        path.write_text(json.dumps(document))
        export = Export(path)
        assert list(export.tickets()) == []
        assert export.format == desk


def test_zendesk_localized_csv_headers(tmp_path: Path) -> None:
    path = tmp_path / "zd.csv"
    path.write_text("Id,Solicitante,Asunto,Etiquetas,Estado,Vía,Tipo de ticket,Fecha de creación\n"
                    "11,Cliente,Pago no reflejado,spei_no_reflejado urgente,Abierto,Correo,Pregunta,2024-03-05 10:00\n",
                    encoding="utf-8")
    export = Export(path)
    (ticket,) = export.tickets()
    assert export.format == ExportFormat.ZENDESK
    assert (ticket.id, ticket.tags, ticket.created, ticket.channel, ticket.kind) == \
        ("11", ("spei_no_reflejado", "urgente"), "2024-03-05", "Correo", "pregunta")


def test_a_named_tags_column_that_is_absent_is_an_error() -> None:
    with pytest.raises(ExportError, match="no 'Etiquetas' column"):
        list(Export(FIXTURES / "freshdesk-no-tags.csv", mapping={"tags": "Etiquetas"}).tickets())


def test_kb_stubs_reports_the_help_desk_and_an_absent_tags_column(tmp_path: Path) -> None:
    """As a lead runs it: no option, the format printed, every ticket read, nothing refused."""
    docs = tmp_path / "docs"
    for lang in ("en", "es"):
        (docs / lang).mkdir(parents=True)
    exports = [FIXTURES / "jira-cloud-es-no-labels.csv", FIXTURES / "freshdesk-no-tags.csv",
               FIXTURES / "freshdesk-api-search.json", FIXTURES / "zendesk-search.json"]
    result = CliRunner().invoke(cli, ["stubs", *map(str, exports), "--docs-dir", str(docs), "--dry-run"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("jira-cloud-es-no-labels.csv: 2 tickets (jira, UTF-8; no tags column: 0 tagged tickets)" in line for line in lines)
    assert any("freshdesk-no-tags.csv: 2 tickets (freshdesk, UTF-8; no tags column: 0 tagged tickets)" in line for line in lines)
    assert any("freshdesk-api-search.json: 2 tickets (freshdesk, UTF-8)" in line for line in lines)
    assert any("zendesk-search.json: 2 tickets (zendesk, UTF-8)" in line for line in lines)
    assert "Traceback" not in result.output
