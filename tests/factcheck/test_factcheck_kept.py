"""The facts check kept between runs (kb.factcheck.kept): the problems found with the cache
are those found without it, after a clean run, an edit of one article, an edit of a data
file or another day; a damaged cache is as good as none; the two audiences' builds, in two
processes at once, share it."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest

from kb.catalog import load_catalog
from kb.factcheck.kept import CACHE
from kb.factcheck.platform_facts import PlatformCheck
from kb.memo import cache_root
from kb.problems import Severity

AFTER = dt.date(2026, 3, 1)  # the CoDi launch cap of tests/factcheck/factcheck_data.py ended in 2025-10
BEFORE = dt.date(2025, 9, 30)
FEE = "See [home](../index.md).\n\nThe card fee is 4.5 % per payment.\n"
CODI = "See [home](../index.md).\n\nWith CoDi a customer can send up to MXN 8,000.\n"
CLEAN = "See [home](../index.md).\n\nA payout arrives on the next business day after the SPEI cut-off.\n"
FACTS_CODES = {"fact-contradicted", "fact-by-hand", "dated-fact-ended", "not-a-placeholder"}


@pytest.fixture
def kb_project(checked, monkeypatch):
    """Four articles in two languages, two of them with facts problems; `checked.calls`
    lists the files the platform check read in the last run."""
    checked.pair("spei/fee", body=FEE)
    checked.pair("spei/codi", body=CODI)
    checked.pair("spei/clean", body=CLEAN)
    checked.pair("spei/other", body=CLEAN.replace("next", "second"))
    checked.calls = []
    original = PlatformCheck.check_file

    def counted(self, text, lang, file):
        checked.calls.append(file)
        return original(self, text, lang, file)

    monkeypatch.setattr(PlatformCheck, "check_file", counted)
    return checked


def run(project, today=AFTER):
    """The facts problems of a run (the catalog's own order), and the files it checked."""
    project.calls.clear()
    catalog = load_catalog(project.settings(), today)
    return [p for p in catalog.problems if p.code in FACTS_CODES], sorted(project.calls)


def fresh(project, today=AFTER):
    """The same, with no cache: what the check finds on its own."""
    shutil.rmtree(cache_root(project.root), ignore_errors=True)
    problems, checked = run(project, today)
    assert len(checked) == 10  # 4 articles and the home page, in two languages
    return problems


def test_a_second_run_checks_nothing_and_finds_the_same_problems(kb_project):
    first = fresh(kb_project)
    assert {p.code for p in first} >= {"fact-contradicted", "dated-fact-ended"} and len(first) >= 4
    again, checked = run(kb_project)
    assert checked == [] and again == first
    for kept, made in zip(again, first):  # every field, the severity as the enum
        assert kept.to_dict() == made.to_dict() and isinstance(kept.severity, Severity) and kept.severity is made.severity


def test_an_edited_article_alone_is_checked_again(kb_project):
    fresh(kb_project)
    kb_project.article("spei/clean", "es", body=CLEAN + "\nLa comisión con tarjeta es de 5.5 %.\n")
    problems, checked = run(kb_project)
    assert checked == ["docs/es/spei/clean.md"]
    assert problems == fresh(kb_project)
    assert any(p.file == "docs/es/spei/clean.md" and "5.5 %" in p.message for p in problems)


def test_a_fixed_article_loses_its_problems(kb_project):
    fresh(kb_project)
    kb_project.article("spei/fee", "en", body=CLEAN)
    problems, checked = run(kb_project)
    assert checked == ["docs/en/spei/fee.md"] and not any(p.file == "docs/en/spei/fee.md" for p in problems)
    assert problems == fresh(kb_project)


def test_a_moved_line_is_reported_at_its_new_line(kb_project):
    """Same body, another front matter: the body starts at another line, and so does the problem."""
    before = [p for p in fresh(kb_project) if p.file == "docs/en/spei/fee.md"]
    path = kb_project.root / "docs/en/spei/fee.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\n# reviewed with legal\n", 1), encoding="utf-8")
    problems, checked = run(kb_project)
    after = [p for p in problems if p.file == "docs/en/spei/fee.md"]
    assert checked == ["docs/en/spei/fee.md"] and [p.line for p in after] == [p.line + 1 for p in before]


def test_an_edited_fact_value_uses_no_entry(kb_project):
    first = fresh(kb_project)
    path = kb_project.root / "data/platform.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("3.6 %", "4.5 %"), encoding="utf-8")
    problems, checked = run(kb_project)
    assert len(checked) == 10 and problems == fresh(kb_project)
    fee = [p.code for p in problems if p.file == "docs/en/spei/fee.md"]
    assert fee == ["fact-by-hand"] and [p.code for p in first if p.file == "docs/en/spei/fee.md"] == ["fact-contradicted"]


def test_a_data_file_edited_in_bytes_only_uses_no_entry(kb_project):
    """Nothing is assumed about what an edit of a data file changes."""
    first = fresh(kb_project)
    path = kb_project.root / "data/dated-facts.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    problems, checked = run(kb_project)
    assert len(checked) == 10 and problems == first


def test_an_edited_rule_uses_no_entry(kb_project):
    fresh(kb_project)
    path = kb_project.root / "data/fact-rules.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(r"'\bfees?\b|\bcomision(?:es)?\b'", r"'\bcharges?\b'"), encoding="utf-8")
    problems, checked = run(kb_project)
    assert len(checked) == 10 and problems == fresh(kb_project)
    assert not any(p.code == "fact-contradicted" and "4.5 %" in p.message for p in problems)  # "fee" names no rule now


def test_an_edited_dated_fact_uses_no_entry(kb_project):
    fresh(kb_project)
    path = kb_project.root / "data/dated-facts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("valid_until: 2025-10", "valid_until: 2026-06"), encoding="utf-8")
    problems, checked = run(kb_project)
    assert len(checked) == 10 and problems == fresh(kb_project)
    assert not any(p.code == "dated-fact-ended" for p in problems)  # it holds until June now


def test_the_day_counts_only_when_a_dated_fact_ended_in_between(kb_project):
    before = fresh(kb_project, BEFORE)
    assert not any(p.code == "dated-fact-ended" for p in before)
    problems, checked = run(kb_project, BEFORE - dt.timedelta(days=1))  # also before the end: every entry holds
    assert checked == [] and problems == before
    after, checked = run(kb_project, AFTER)  # the CoDi cap has ended since
    assert len(checked) == 10 and after == fresh(kb_project, AFTER)
    assert {p.file for p in after if p.code == "dated-fact-ended"} == {"docs/en/spei/codi.md", "docs/es/spei/codi.md"}
    _, checked = run(kb_project, AFTER + dt.timedelta(days=30))
    assert checked == []


@pytest.mark.parametrize("damage", [
    b"{not json", b"[]", b"\xff\xfe", b"",
    json.dumps({"context": "x", "entries": {}}).encode(),
], ids=["syntax", "list", "bytes", "empty", "other-context"])
def test_a_damaged_cache_is_as_good_as_none(kb_project, damage):
    first = fresh(kb_project)
    (cache_root(kb_project.root) / CACHE).write_bytes(damage)
    problems, checked = run(kb_project)
    assert len(checked) == 10 and problems == first
    _, checked = run(kb_project)  # written again, whole
    assert checked == []


def test_entries_of_another_shape_are_checked_again(kb_project):
    first = fresh(kb_project)
    path = cache_root(kb_project.root) / CACHE
    data = json.loads(path.read_text(encoding="utf-8"))
    shapes = [{"oops": 1}, [{"file": 1}], [["a"]], [{**p, "severity": "fatal"} for p in next(v for v in data["entries"].values() if v)]]
    for key, shape in zip(list(data["entries"]), shapes):
        data["entries"][key] = shape
    path.write_text(json.dumps(data), encoding="utf-8")
    problems, checked = run(kb_project)
    assert len(checked) == len(shapes) and problems == first


def test_a_data_file_edited_during_the_check_keeps_nothing(kb_project, monkeypatch):
    """Results made while a data file changed could mix the old file and the new one."""
    path = kb_project.root / "data/platform.yml"
    counted = PlatformCheck.check_file

    def editing(self, text, lang, file):
        if not kb_project.calls:
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return counted(self, text, lang, file)

    monkeypatch.setattr(PlatformCheck, "check_file", editing)
    run(kb_project)
    assert not (cache_root(kb_project.root) / CACHE).exists()



def test_both_audiences_built_at_once_share_the_cache(checked):
    """`kb build` builds the two audiences in two processes at once: each writes whole
    entries to the one cache, and a rebuild reads it in both (an entry planted in the cache
    is what both builds report)."""
    checked.pair("spei/clean", body=CLEAN)
    checked.pair("spei/internal", body=CLEAN.replace("next", "second"), audience="internal")
    ran = checked.kb("build")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    path = cache_root(checked.root) / CACHE
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 6 and all(value == [] for value in data["entries"].values())  # 3 files a language
    planted = {"file": "docs/en/spei/clean.md", "line": 9, "field": "platform fact", "message": "planted in the cache",
               "fix": "none", "severity": "error", "code": "fact-contradicted"}
    data["entries"] = {key: [planted] for key in data["entries"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    ran = checked.kb("build")
    assert ran.returncode != 0
    failures = ran.stdout + ran.stderr
    for audience in ("public", "internal"):
        assert re.search(rf"the {audience} site was not built: [^;]*docs/en/spei/clean.md:9: error: platform fact: planted in the cache", failures), failures
