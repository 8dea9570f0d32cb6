"""Every file name derived from user text is bounded and never empty: ticket tags that
slug to nothing or to something too long get a stable short name, keep their full text
in the stub, and never break `kb stubs` or a build; `kb new` refuses an id too long."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kb import frontmatter
from kb.limits import NAME_MAX
from kb.stubs.run import Options, run_stubs
from tickets.exports import freshdesk_csv, tickets_for

LONG_TAG = "spei_" + "muy_largo_" * 30  # 305 characters


def kb(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb_app.cli", "-f", str(project.root / "mkdocs.yml"), *args],
                          capture_output=True, text=True, cwd=project.root)


def stubs_of(project) -> dict[str, dict]:
    return {p.relative_to(project.root / "docs").as_posix(): frontmatter.split(p.read_text(encoding="utf-8")).data
            for p in sorted((project.root / "docs").glob("*/drafts/*.md"))}


@pytest.mark.parametrize("tag", ["---", "_", "¿?", LONG_TAG, "ñ" * 300])
def test_a_tag_gets_a_stable_short_file_name_and_its_stub_passes_the_contract(project, tag):
    export = freshdesk_csv(project.root / "export.csv", tickets_for(tag, 6))
    first = run_stubs(project.settings(), [export], Options())
    [stub] = first.stubs
    name = stub.id.removeprefix("drafts/")
    assert 0 < len(name) <= NAME_MAX and name.strip("-") == name
    stubs = stubs_of(project)
    assert sorted(stubs) == [f"en/drafts/{name}.md", f"es/drafts/{name}.md"]
    for data in stubs.values():
        assert data["ticket_tags"] == [tag]  # its full text stays in the stub
        assert data["title"].strip() and len(data["title"]) <= 120
    assert [str(p) for p in project.catalog(strict=True).errors] == []
    # The same name on the next run, which finds its stub again and changes nothing.
    again = run_stubs(project.settings(), [export], Options())
    assert [(s.id, s.outcome) for s in again.stubs] == [(stub.id, "unchanged")]


def test_kb_stubs_and_a_build_survive_hostile_tags(project):
    project.pair("spei/returns", body="See [home](../index.md).\n")
    tickets = tickets_for("---", 6) + tickets_for(LONG_TAG, 6, start=100) + tickets_for("_", 6, start=200)
    (project.root / "tickets").mkdir()
    export = freshdesk_csv(project.root / "tickets" / "export.csv", tickets)
    result = kb(project, "stubs", str(export))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
    assert len(stubs_of(project)) == 6
    result = kb(project, "build", "--audience", "internal")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


def test_kb_new_with_a_300_character_id_is_a_clear_error(project):
    result = kb(project, "new", "spei/" + "a" * 300, "--type", "how-to")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert "too long" in result.stderr and "at most" in result.stderr
    assert not list((project.root / "docs").glob("*/spei/*"))


def test_kb_new_with_a_long_id_in_many_short_parts_is_a_clear_error(project):
    result = kb(project, "new", "/".join(["spei"] + ["abcdefghij"] * 30), "--type", "how-to")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1 and "too long" in result.stderr


def test_kb_new_that_cannot_write_is_a_clear_error(project):
    (project.root / "docs" / "en" / "spei").write_text("a file where the folder should be\n")
    result = kb(project, "new", "spei/returns-abroad", "--type", "how-to")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1 and "docs/en/spei/returns-abroad.md" in result.stderr
    assert not (project.root / "docs" / "es" / "spei" / "returns-abroad.md").exists()


def test_the_bounded_name_is_stable_and_distinct():
    from kb.limits import bounded_name

    long_a, long_b = "a" * 300, "a" * 299 + "b"
    assert bounded_name(long_a, long_a) == bounded_name(long_a, long_a)
    assert bounded_name(long_a, long_a) != bounded_name(long_b, long_b)
    assert bounded_name("", "---") != bounded_name("", "_")
    assert bounded_name("short", "short") == "short"
    assert all(len(bounded_name(s, s)) <= NAME_MAX for s in (long_a, "", "x" * NAME_MAX, "x" * (NAME_MAX + 1)))
    assert isinstance(Path(bounded_name("", "")).name, str)
