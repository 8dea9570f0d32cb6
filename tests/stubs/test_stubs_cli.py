"""`kb stubs` as a support lead runs it: the table, JSON, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from tickets.exports import T, freshdesk_csv, tickets_for


def kb(project, *args: str):
    """`kb` in process (click's CliRunner); a few tests below run the real process."""
    return project.kb(*args)


def export(project, name: str = "export.csv"):
    project.pair("payments/chargebacks", tags=["chargebacks"], body="See [home](../index.md).\n")
    tickets = tickets_for("cobro_duplicado", 6, subject="Cobro duplicado en mi línea") + tickets_for("chargeback", 7, start=100) + tickets_for("payout_missing", 2, start=200)
    return freshdesk_csv(project.root / name, tickets, delimiter=";", encoding="cp1252")


def test_summary_table_and_files(project) -> None:
    export(project)
    result = kb(project, "stubs", "export.csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "read export.csv: 15 tickets (freshdesk, Windows-1252)" in lines
    header = next(i for i, line in enumerate(lines) if line.split() == ["tag", "tickets", "outcome"])
    assert [line.split()[:2] for line in lines[header + 1:header + 4]] == [["chargeback", "7"], ["cobro_duplicado", "6"], ["payout_missing", "2"]]
    assert lines[header + 1].endswith("covered by payments/chargebacks")
    assert lines[header + 2].endswith("stub created: drafts/cobro-duplicado")
    assert lines[header + 3].endswith("below threshold (5)")
    assert (project.root / "docs/en/drafts/cobro-duplicado.md").is_file()
    assert (project.root / "docs/es/drafts/cobro-duplicado.md").is_file()
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    again = kb(project, "stubs", "export.csv")
    assert "stub unchanged: drafts/cobro-duplicado" in again.stdout
    check = kb(project, "check", "--strict")
    assert check.returncode == 0 and " 0 errors, 0 warnings" in check.stdout, check.stdout


def test_json_for_machines_and_options(project) -> None:
    export(project)
    result = kb(project, "stubs", "export.csv", "--json", "--min-tickets", "2", "--dry-run")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["tickets"], report["min_tickets"], report["dry_run"]) == (15, 2, True)
    outcomes = {row["tag"]: (row["tickets"], row["outcome"], row["stub"] or row["articles"]) for row in report["tags"]}
    assert outcomes == {"chargeback": (7, "covered", ["payments/chargebacks"]),
                        "cobro_duplicado": (6, "created", "drafts/cobro-duplicado"),
                        "payout_missing": (2, "created", "drafts/payout-missing")}
    assert not (project.root / "docs/en/drafts").exists()  # a dry run


def test_docs_dir_format_and_map(project) -> None:
    path = project.root / "etiquetas.csv"
    path.write_text("ID,Asunto,Etiquetas\n" + "".join(f"{n},Pago no reflejado,spei_pendiente\n" for n in range(6)), encoding="utf-8")
    other = project.root / "other-docs"
    result = kb(project, "stubs", "etiquetas.csv", "--format", "generic", "--map", "tags=Etiquetas", "--map", "subject=Asunto",
                "--docs-dir", str(other))
    assert result.returncode == 0, result.stderr
    assert (other / "en/drafts/spei-pendiente.md").is_file() and not (project.root / "docs/en/drafts").exists()
    assert "Pago no reflejado" in (other / "es/drafts/spei-pendiente.md").read_text(encoding="utf-8")


def test_bad_export_is_one_line_and_writes_nothing(project) -> None:
    export(project)
    bad = project.root / "bad.csv"
    bad.write_text("Ticket ID,Subject,Tags\n1,ok,cobro_duplicado\n2,\"never closed,cobro_duplicado\n", encoding="utf-8")
    result = kb(project, "stubs", "export.csv", "bad.csv")
    assert result.returncode == 1
    assert result.stderr.strip() == ("kb: bad.csv, line 3: a quoted field that starts in this record is never closed. Fix: close the "
                                     "quote (a field with quotes inside is written \"like \"\"this\"\"\"), or export the file again; nothing was written")
    assert result.stdout == ""
    assert not (project.root / "docs/en/drafts").exists()


def test_bad_arguments_give_one_line(project) -> None:
    export(project)
    for args in (["stubs"], ["stubs", "missing.csv"], ["stubs", "export.csv", "--map", "tags"],
                 ["stubs", "export.csv", "--map", "labels=X"], ["stubs", "export.csv", "--format", "excel"],
                 ["stubs", "export.csv", "--min-tickets", "0"]):
        result = kb(project, *args)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "--help" in lines[0], (args, result.stderr)


def test_a_folder_of_exports(project) -> None:
    folder = project.root / "tickets"
    folder.mkdir()
    (folder / "README.md").write_text("Exports go here.\n")
    freshdesk_csv(folder / "march.csv", [T(str(n), "Pago", ["cobro_duplicado"]) for n in range(3)])
    freshdesk_csv(folder / "april.csv", [T(str(n), "Pago", ["cobro_duplicado"]) for n in range(2, 6)])
    result = kb(project, "stubs", "tickets", "--json")
    report = json.loads(result.stdout)
    assert [e["file"] for e in report["exports"]] == ["tickets/april.csv", "tickets/march.csv"]
    assert (report["tickets"], report["duplicates"]) == (6, 1)


def test_runs_in_separate_processes_write_the_same_bytes(project) -> None:
    """Python orders sets differently in each process (hash randomisation): nothing the
    stubs say may depend on it, or every run would rewrite them."""
    import os
    import random

    rng = random.Random(5)
    vocabulary = ("pago depósito transferencia tarjeta reembolso comisión saldo cuenta banco referencia factura "
                  "cliente comercio retiro cargo abono estado reporte liquidación conciliación").split()
    tickets = [T(str(n), " ".join(rng.sample(vocabulary, 4)), [rng.choice(["tema_uno", "tema_dos", "tema_tres"])])
               for n in range(150)]
    freshdesk_csv(project.root / "export.csv", tickets)
    for number in range(8):  # articles that share the tickets' words, so that rankings are close
        title = " ".join(rng.sample(vocabulary, 3))
        project.pair(f"spei/article-{number}", title=title.capitalize(), summary=f"About {title}.", body="See [home](../index.md).\n")
    outputs = []
    for seed in ("1", "2", "3", "4"):
        for stub in (project.root / "docs").glob("*/drafts/*.md"):
            stub.unlink()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "kb_app.cli", "-f", str(project.root / "mkdocs.yml"), "stubs", "export.csv"],
                              capture_output=True, text=True, cwd=project.root, env=env)
        assert done.returncode == 0, done.stderr
        outputs.append({str(p.relative_to(project.root)): p.read_bytes() for p in (project.root / "docs").glob("*/drafts/*.md")})
    assert len(outputs[0]) == 6
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]
