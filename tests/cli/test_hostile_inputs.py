"""No `kb` command prints a Python traceback for any hostile input of the tests: each
ends with exit code 1 (or 2 for a usage error) and a message naming the file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kb_app.cli import cli

PATH = "docs/en/spei/returns.md"
FRONT = "---\nid: spei/returns\ntitle: Returns\nsummary: S.\ntype: reference\naudience: public\nstatus: published\ntags: [spei]\nowner: o\nlast_reviewed: 2026-01-01\n"

HOSTILE = {
    "alias bomb": "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntags: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n",
    "huge front matter": FRONT + "summary: " + "s" * 1_000_000 + "\n---\n",
    "review_every 1000000000": FRONT + "review_every: 1000000000\n---\n",
    "far future and far past": FRONT.replace("2026-01-01", "9999-12-31") + "review_every: 3650\n---\n",
    "deep nesting": FRONT + "sources: " + "[" * 50_000 + "]" * 50_000 + "\n---\n",
    "5,000-digit number": FRONT + "review_every: " + "7" * 5000 + "\n---\n",
    "related to itself": FRONT + "related: [spei/returns]\n---\n",
    "not UTF-8": (FRONT + "---\n").encode("utf-8") + b"caf\xe9\n",
    "binary": bytes(range(256)) * 40,
    "empty": "",
    "unclosed front matter": FRONT,
    "python tag": FRONT + "owner: !!python/object/apply:os.system [echo pwned]\n---\n",
    "huge link": FRONT + "---\n[x](" + "a/" * 100_000 + "b.md)\n",
}


def invoke(project, *args: str):
    return CliRunner().invoke(cli, ["-f", str(project.root / "mkdocs.yml"), *args], catch_exceptions=True)


def write(project, content: str | bytes) -> None:
    path = project.root / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("json_output", [False, True])
def test_kb_check_answers_every_hostile_article_with_a_message(project, case, json_output):
    write(project, HOSTILE[case])
    result = invoke(project, "check", *(["--json"] if json_output else []))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output[-2000:]
    assert PATH in result.output
    assert len(result.output) < 20_000  # never megabytes of echoed input


@pytest.mark.slow
@pytest.mark.parametrize("case", ["alias bomb", "review_every 1000000000", "5,000-digit number", "not UTF-8"])
def test_kb_build_answers_a_hostile_article_with_a_message(project, case):
    write(project, HOSTILE[case])
    result = invoke(project, "build", "--audience", "public")
    assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert PATH in result.output


@pytest.mark.parametrize("article_id", ["spei/" + "a" * 300, "a/" * 150 + "b", "", "../../etc/passwd", "spei/\x00x"])
def test_kb_new_answers_a_hostile_id_with_a_message(project, article_id):
    result = invoke(project, "new", article_id, "--type", "how-to")
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (1, 2) and "id" in result.output
    assert not list((project.root / "docs").rglob("*a" * 5 + "*"))


@pytest.mark.parametrize("litter", ["dangling link", "folder", "alias bomb article"])
def test_kb_stubs_answers_a_littered_docs_folder_without_a_traceback(project, litter):
    import os

    from tickets.exports import freshdesk_csv, tickets_for

    export = freshdesk_csv(project.root / "export.csv", tickets_for("cobro_duplicado", 6))
    stub = project.root / "docs" / "en" / "drafts" / "cobro-duplicado.md"
    stub.parent.mkdir(parents=True)
    if litter == "dangling link":
        os.symlink("gone.md", stub)
    elif litter == "folder":
        stub.mkdir()
    else:
        write(project, HOSTILE["alias bomb"])
    result = invoke(project, "stubs", str(export))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == 0 and "cobro" in result.output
    # A folder in the stub's place is someone's: the stub is left alone in every language.
    assert (project.root / "docs" / "es" / "drafts" / "cobro-duplicado.md").is_file() == (litter != "folder")
