"""Files under docs/ that are not articles (editor lock and backup files, dangling links,
folders named like articles, unreadable files) are skipped or reported, never a crash,
in `kb check` and in `kb build`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def kb(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb_app.cli", "-f", str(project.root / "mkdocs.yml"), *args],
                          capture_output=True, text=True, cwd=project.root)


@pytest.fixture
def littered(project):
    project.pair("spei/returns", body="See [home](../index.md).\n")
    folder = project.root / "docs" / "en" / "spei"
    os.symlink("agent@host.1234:1700000000", folder / ".#returns.md")  # an Emacs lock: a dangling link
    (folder / "x.md").mkdir()  # a folder named like an article (a stray file in it is the allow-list's error: tests/audience)
    for name in ("returns.md~", "#returns.md#", ".returns.md.swp", ".returns.md"):
        (folder / name).write_text("half a save\n---\n", encoding="utf-8")
    os.symlink("gone.md", folder / "broken.md")  # a dangling link named like an article
    return project


def test_catalog_skips_editor_files_and_reports_a_dangling_link(littered):
    catalog = littered.catalog()
    assert {a.path.name for a in catalog.articles if not a.is_page} == {"returns.md"}
    [problem] = [p for p in catalog.problems if p.file.startswith("docs/en/spei/") and p.file != "docs/en/spei/returns.md"]
    assert problem.file == "docs/en/spei/broken.md"
    assert not problem.is_error and "missing" in problem.message and problem.fix


def test_kb_check_names_the_dangling_link_and_passes(littered):
    result = kb(littered, "check")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/en/spei/broken.md" in result.stdout
    assert ".#returns.md" not in result.stdout


def test_an_unreadable_article_is_one_error(project, monkeypatch):
    from pathlib import Path

    path = project.article("spei/returns")
    read = Path.read_text

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", denied)
    [error] = [p for p in project.catalog().problems if p.file == "docs/en/spei/returns.md"]
    assert error.is_error and "cannot be read (Permission denied)" in error.message and error.fix


def test_kb_build_skips_them(littered):
    site = littered.root / "site" / "internal"
    result = kb(littered, "build", "--audience", "internal")
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert (site / "spei" / "returns" / "index.html").is_file()
    assert not [p.name for p in site.rglob("*") if "broken" in p.name or "returns.md" in p.name]  # no backup reaches a site
