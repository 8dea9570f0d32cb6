"""`kb suggest` in process (click's CliRunner): text from stdin or a file, a ticket of an
export, --json; clear errors."""

import json

FRESHDESK = ("Ticket ID,Subject,Description,Tags,Created time\n"
             '101,Payout,"When is my card sales payout paid to my bank account?",payouts,2025-11-03 10:00:00\n'
             '102,Rechazo,"Hola, sale codigo 51 al pagar con tarjeta",declines,2025-11-03 11:00:00\n')


def _run(shop, *args, stdin=None):
    from contextlib import chdir

    from click.testing import CliRunner

    from kb_app.cli import cli

    with chdir(shop.root):
        return CliRunner().invoke(cli, ["-f", str(shop.root / "mkdocs.yml"), "suggest", *args], input=stdin)


def test_stdin_with_a_subject_line(shop):
    ran = _run(shop, stdin="Asunto: Pago rechazado\nHola, el cliente ve el codigo 51.\nSaludos\nAna\n")
    assert ran.exit_code == 0, ran.output
    assert "Códigos de rechazo de tarjeta" in ran.output and "Hola, su depósito llega en 3 días hábiles." in ran.output


def test_a_file_as_json(shop, tmp_path):
    ticket = tmp_path / "ticket.txt"
    ticket.write_text("Subject: payout\nHi, when will my card sales payout reach my bank account?\n", encoding="utf-8")
    ran = _run(shop, str(ticket), "--json")
    assert ran.exit_code == 0, ran.output
    data = json.loads(ran.output)
    assert data["lang"] == "en" and data["suggestions"][0]["id"] == "payouts/schedule"


def test_a_ticket_from_an_export(shop, tmp_path):
    export = tmp_path / "freshdesk.csv"
    export.write_text(FRESHDESK, encoding="utf-8")
    ran = _run(shop, "--ticket", "102", "--export", str(export), "--json")
    assert ran.exit_code == 0, ran.output
    best = json.loads(ran.output)["suggestions"][0]
    assert best["id"] == "payments/declines" and best["lang"] == "es" and best["row"] == "51"


def test_errors_are_one_line(shop, tmp_path):
    export = tmp_path / "freshdesk.csv"
    export.write_text(FRESHDESK, encoding="utf-8")
    missing = _run(shop, "--ticket", "999", "--export", str(export))
    assert missing.exit_code == 1 and "no ticket with id '999'" in missing.output
    alone = _run(shop, "--ticket", "101")
    assert alone.exit_code == 2 and "--ticket and --export go together" in alone.output
    empty = _run(shop, stdin="")
    assert empty.exit_code == 1 and "the ticket has no text" in empty.output
    lang = _run(shop, "--lang", "fr", stdin="x")
    assert lang.exit_code == 2 and "'fr' is not one of the site's languages" in lang.output
