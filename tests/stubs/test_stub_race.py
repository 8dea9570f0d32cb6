"""A person saving a stub while `kb stubs` runs never loses the save: the stub is replaced
only if, at the moment of the swap, it is still the file that was sealed. Interrupted
runs leave no temporary file behind for long: the next run cleans them up."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from kb.atomic import replace_if_unchanged
from kb.stubs.run import Options, run_stubs
from tickets.exports import freshdesk_csv, tickets_for

ATTEMPTS = 300
SECONDS = 60  # the race stops at whichever comes first


def save_in_place(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:  # as most editors save: truncate and write
        handle.write(text)


def save_by_rename(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.editor~")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)  # as the careful editors save


def test_a_save_made_during_kb_stubs_is_never_lost(project, capsys):
    first = freshdesk_csv(project.root / "a.csv", tickets_for("cobro_duplicado", 6))
    second = freshdesk_csv(project.root / "b.csv", tickets_for("cobro_duplicado", 6) + tickets_for("cobro_duplicado", 3, start=50))
    settings = project.settings()
    stub, other = (project.root / "docs" / lang / "drafts" / "cobro-duplicado.md" for lang in ("en", "es"))
    sealed, sealed_other = {}, {}
    for export in (first, second):  # the sealed stub each export gives
        run_stubs(settings, [export], Options())
        sealed[export], sealed_other[export] = stub.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")

    def reset(export: Path) -> None:
        stub.write_text(sealed[export], encoding="utf-8")
        other.write_text(sealed_other[export], encoding="utf-8")

    durations = []
    for _ in range(3):
        reset(first)
        start = time.perf_counter()
        run_stubs(settings, [second], Options())
        durations.append(time.perf_counter() - start)
        assert stub.read_text(encoding="utf-8") == sealed[second]  # untouched stubs are updated
    window = statistics.median(durations)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)  # the writer thread gets its turn within a fraction of a millisecond
    during = lost = attempts = 0
    deadline = time.monotonic() + SECONDS
    try:
        while attempts < ATTEMPTS and time.monotonic() < deadline:
            attempts += 1
            base, target = (first, second) if attempts % 4 < 2 else (second, first)
            reset(base)
            edit = f"{sealed[base]}\nA person's note {attempts}.\n"
            saved: list[float] = []
            save = save_in_place if attempts % 2 else save_by_rename

            def person(delay: float = random.uniform(0, window), edit: str = edit, save=save) -> None:
                time.sleep(delay)
                save(stub, edit)
                saved.append(time.perf_counter())

            writer = threading.Thread(target=person)
            start = time.perf_counter()
            writer.start()
            run_stubs(settings, [target], Options())
            end = time.perf_counter()
            writer.join()
            if start <= saved[0] <= end:
                during += 1
            if stub.read_text(encoding="utf-8") != edit:
                lost += 1
    finally:
        sys.setswitchinterval(switch)
    with capsys.disabled():  # the figures show in every run, not only with -s
        print(f"\nrace: {attempts} runs of kb stubs with a person saving the stub; "
              f"{during} edits saved while a run was going, {lost} lost")
    assert lost == 0
    assert during >= attempts // 4  # the race was run: saves fell inside runs (about 9 in 10 on an idle machine)


def test_the_swap_keeps_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "stub.md"
    path.write_text("sealed\n", encoding="utf-8")
    assert replace_if_unchanged(path, "sealed\n", "new\n")
    assert path.read_text() == "new\n"
    assert not replace_if_unchanged(path, "sealed\n", "newer\n")
    assert path.read_text() == "new\n"
    path.unlink()
    assert not replace_if_unchanged(path, "new\n", "newer\n")  # deleted meanwhile: stays deleted
    assert not path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_temporary_files_of_an_interrupted_run_are_cleaned_up_and_ignored_by_git(project):
    export = freshdesk_csv(project.root / "a.csv", tickets_for("cobro_duplicado", 6))
    run_stubs(project.settings(), [export], Options())
    drafts = project.root / "docs" / "en" / "drafts"
    left = drafts / ".cobro-duplicado.md.k2j4h5l6.tmp"
    left.write_text("half a stub", encoding="utf-8")
    # An interrupted swap: the sealed stub moved aside, its place still empty.
    stub = drafts / "cobro-duplicado.md"
    moved = drafts / ".cobro-duplicado.md.a1b2c3d4.old.tmp"
    text = stub.read_text(encoding="utf-8")
    os.rename(stub, moved)
    person = drafts / "notes.md.tmp"  # not one of ours: kept
    person.write_text("mine", encoding="utf-8")
    run_stubs(project.settings(), [export], Options())
    assert sorted(p.name for p in drafts.iterdir()) == ["cobro-duplicado.md", "notes.md.tmp"]
    assert stub.read_text(encoding="utf-8") == text

    root = Path(__file__).resolve().parents[2]
    ignored = subprocess.run(["git", "-C", str(root), "check-ignore", "-q", "--no-index",
                              "docs/en/drafts/.cobro-duplicado.md.k2j4h5l6.tmp"])
    assert ignored.returncode == 0, "temporary stub files must be ignored by git"
