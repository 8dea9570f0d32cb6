"""Atomic writes keep a file's mode, a folder swap shows the old folder or the new one, and
a fingerprint changes when a file does."""

from __future__ import annotations

import os
import stat

import pytest

from kb.atomic import create_new, current_umask, write_atomic
from kb.fingerprint import fingerprint
from kb.swap import swap_in


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process's umask for one test, and put the old one back."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield lambda mask: os.umask(mask)
    os.umask(saved)


def test_replacing_a_file_keeps_its_mode(tmp_path):
    for wanted in (0o644, 0o664, 0o600, 0o640):
        path = tmp_path / f"stub-{wanted:o}.md"
        path.write_text("old\n", encoding="utf-8")
        path.chmod(wanted)
        write_atomic(path, "new\n")
        assert path.read_text(encoding="utf-8") == "new\n" and mode(path) == wanted


@pytest.mark.parametrize("mask, wanted", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_umasks_mode(tmp_path, umask, mask, wanted):
    umask(mask)
    assert current_umask() == mask
    write_atomic(tmp_path / "a" / "new.md", "text\n")
    assert create_new(tmp_path / "b.md", "text\n")
    assert mode(tmp_path / "a" / "new.md") == wanted and mode(tmp_path / "b.md") == wanted
    assert not [p for p in tmp_path.rglob(".*.tmp")], "a temporary file was left behind"


def test_create_new_never_replaces_and_leaves_the_mode_alone(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("a person's text\n", encoding="utf-8")
    path.chmod(0o640)
    assert not create_new(path, "generated\n")
    assert path.read_text(encoding="utf-8") == "a person's text\n" and mode(path) == 0o640


def test_swap_in_repoints_the_link_and_returns_the_previous_folder(tmp_path):
    first, second = tmp_path / "build-1", tmp_path / "build-2"
    for folder in (first, second):
        folder.mkdir()
        (folder / "index.html").write_text(folder.name, encoding="utf-8")
    current = tmp_path / "current"
    assert swap_in(current, first) is None
    assert (current / "index.html").read_text(encoding="utf-8") == "build-1"
    assert swap_in(current, second) == first.resolve()
    assert (current / "index.html").read_text(encoding="utf-8") == "build-2"
    assert os.readlink(current) == "build-2"  # relative: the folder can move as a whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build-1", "build-2", "current"]


def test_a_fingerprint_changes_when_a_file_changes_and_skips_missing_files(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("one\n", encoding="utf-8")
    before = fingerprint([path, tmp_path / "missing.md"])
    assert [entry[0] for entry in before] == [str(path)]
    assert fingerprint([path]) == before
    path.write_text("one more\n", encoding="utf-8")
    assert fingerprint([path]) != before
