"""The `kb` command as a person runs it: exit codes, messages, files written."""

from __future__ import annotations

import json
import subprocess
import sys


def kb(project, *args: str):
    """`kb` in process (click's CliRunner); a few tests below run the real process."""
    return project.kb(*args)


def test_check_passes_on_a_clean_project(project):
    project.pair("spei/returns", body="See [home](../index.md).\n")
    result = kb(project, "check")
    assert result.returncode == 0, result.stdout
    assert "1 article (2 files) checked: 0 errors, 0 warnings" in result.stdout


def test_three_mistakes_three_messages_and_a_non_zero_exit(project):
    project.pair("spei/returns", body="See [home](../index.md).\n")
    project.article("spei/returns", "en", type="guide", tags=["refunds"], last_reviewed="31/12/2025", body="[h](../index.md)\n")
    result = kb(project, "check")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 3, result.stdout
    for field in ("type", "tags", "last_reviewed"):
        assert any(line.startswith("docs/en/spei/returns.md:") and f"error: {field}:" in line and "Fix:" in line for line in errors)
    assert "Traceback" not in result.stdout + result.stderr


def test_check_json_is_machine_readable(project):
    project.article("spei/returns", "en", type="guide")
    result = kb(project, "check", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    [error] = [p for p in report["problems"] if p["severity"] == "error"]
    assert error["file"] == "docs/en/spei/returns.md" and error["field"] == "type" and error["line"] == 5


def test_strict_makes_missing_translations_errors(project):
    project.article("spei/returns", "en", body="[h](../index.md)\n")
    assert kb(project, "check").returncode == 0
    assert kb(project, "check", "--strict").returncode == 1


def test_bad_arguments_give_one_line(project):
    for args in (["check", "--jsn"], ["new"], ["build", "--audience", "everyone"], ["nope"]):
        result = kb(project, *args)
        assert result.returncode == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "--help" in lines[0], (args, result.stderr)


def test_missing_config_is_one_clear_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kb_app.cli", "check"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("kb: ") and "mkdocs.yml" in result.stderr and "Traceback" not in result.stderr


def test_new_scaffolds_both_languages_that_pass_check(project):
    for article_type in ("how-to", "reference", "explanation", "troubleshooting", "procedure"):
        result = kb(project, "new", f"spei/new-{article_type}", "--type", article_type, "--title-es", "Nuevo")
        assert result.returncode == 0, result.stderr
        en = project.root / "docs" / "en" / "spei" / f"new-{article_type}.md"
        es = project.root / "docs" / "es" / "spei" / f"new-{article_type}.md"
        assert en.exists() and es.exists()
        assert f"id: spei/new-{article_type}" in es.read_text() and "title: Nuevo" in es.read_text()
    assert "## Pasos" in (project.root / "docs/es/spei/new-procedure.md").read_text()
    result = kb(project, "check", "--strict")
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout, result.stdout


def test_new_never_overwrites(project):
    path = project.article("spei/returns", "es", body="Written by a person.\n")
    before = path.read_bytes()
    result = kb(project, "new", "spei/returns", "--type", "reference")
    assert result.returncode == 1 and "already exist" in result.stderr
    assert path.read_bytes() == before
    assert not (project.root / "docs/en/spei/returns.md").exists()


def test_new_rejects_bad_ids_and_tags(project):
    assert "not a valid id" in kb(project, "new", "SPEI Returns", "--type", "reference").stderr
    assert "unknown tag" in kb(project, "new", "spei/x", "--type", "reference", "--tags", "nope").stderr


def test_build_writes_each_audience_to_its_own_folder(project):
    project.pair("spei/returns", body="See [home](../index.md).\n")
    project.pair("spei/secret", audience="internal", body="Hidden zz9 [r](returns.md)\n")
    result = kb(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project.root / "site/public/spei/returns/index.html").exists()
    assert not (project.root / "site/public/spei/secret").exists()
    assert (project.root / "site/internal/spei/secret/index.html").exists()


def test_build_of_both_audiences_at_once_reports_each_failure_in_one_line(project):
    project.pair("spei/returns", body="See [nowhere](../missing-page-qz4.md).\n")  # strict: a broken link fails
    result = kb(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "the public site was not built" in result.stderr and "the internal site was not built" in result.stderr
    assert "missing-page-qz4" in result.stderr


def test_the_audiences_processes_are_forked_only_from_a_single_thread():
    import subprocess
    import sys
    import threading

    from kb_app.commands.build import start_method

    alone = subprocess.run([sys.executable, "-c", "from kb_app.commands.build import start_method; "
                            "print(start_method().get_start_method())"], capture_output=True, text=True)
    assert alone.stdout.strip() == "fork", alone.stderr
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert start_method().get_start_method() == "spawn"
    finally:
        stop.set()
        other.join()
