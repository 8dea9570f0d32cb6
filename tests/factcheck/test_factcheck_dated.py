"""Dated facts: an article quoting one after its end gets a warning, a history mention none."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from kb.datafile import DataFile
from kb.factcheck.dated import check_dated, load_dated_facts

from factcheck_data import DATED

LANGUAGES = ("en", "es")
AFTER = dt.date(2026, 3, 1)
BEFORE = dt.date(2025, 9, 30)


def dated(data=None):
    facts, problems = load_dated_facts(DataFile("data/dated-facts.yml", yaml.safe_load(DATED) if data is None else data), LANGUAGES)
    return facts, problems


def warnings(body, today=AFTER, lang="en"):
    facts, problems = dated()
    assert problems == []
    return check_dated(facts, body, 20, lang, f"docs/{lang}/x.md", today)


def test_the_fixture_loads():
    facts, problems = dated()
    assert problems == [] and [f.id for f in facts] == ["codi-launch-cap", "codi-udis-cap"]
    assert facts[0].valid_until == dt.date(2025, 10, 1) and facts[0].until == "2025-10"


def test_a_fact_quoted_after_it_ended_is_a_warning_at_its_line_with_the_fact_in_force():
    [warning] = warnings("Intro.\n\nWith CoDi you can send\nup to MXN 8,000 per payment.")
    assert (warning.file, warning.line, warning.code) == ("docs/en/x.md", 22, "dated-fact-ended") and not warning.is_error
    assert "'8,000'" in warning.message and "CoDi is capped at MXN 8,000" in warning.message and "since 2025-10" in warning.message
    assert "https://www.banxico.org.mx/codi" in warning.message
    assert "CoDi is capped at 1,500 UDIS" in warning.fix and "https://www.gob.mx/cnbv" in warning.fix


def test_before_its_end_the_same_sentence_passes():
    assert warnings("With CoDi you can send up to MXN 8,000.", today=BEFORE) == []


@pytest.mark.parametrize("body", [
    "At the CoDi launch the limit was MXN 8,000.",  # history word of the file
    "CoDi: 1,500 UDIS per operation.",  # the fact in force
    "A transfer of MXN 8,000 by SPEI.",  # the value without the topic
    "CoDi payments arrive as SPEI transfers.",  # the topic without the value
    "CoDi accepts 18,000 or 8,0001.",  # other numbers
])
def test_what_is_not_a_quote_of_the_ended_fact(body):
    assert warnings(body) == []


def test_both_languages_are_looked_for_in_every_article_and_the_fact_is_named_in_the_article_language():
    body = '!!! reply "Ready reply"\n\n    === "Español"\n\n        ```text\n        Con CoDi puede enviar hasta ocho mil pesos.\n        ```\n'
    [warning] = warnings(body, lang="en")
    assert warning.line == 25 and "'ocho mil'" in warning.message and "CoDi is capped" in warning.message
    [spanish] = warnings("Con CoDi, hasta 8,000 pesos.", lang="es")
    assert "CoDi tiene un tope de 8,000 pesos" in spanish.message and "1,500 UDIS" in spanish.fix


def test_a_sentence_quoting_it_twice_is_one_warning():
    assert len(warnings("CoDi: 8,000 pesos, yes 8,000.")) == 1


@pytest.mark.parametrize("change, expected", [
    ({"valid_until": "someday"}, "'someday' is not a date"),
    ({"valid_until": "2025-13"}, "'2025-13' is not a date"),
    ({"valid_from": "2026-01-01"}, "ends before it begins"),
    ({"source": {"title": "t"}}, "no source with a title and a URL"),
    ({"replaced_by": "nothing"}, "'nothing' is not the id of an entry"),
    ({"says": {"en": "only English"}}, "not stated in es"),
    ({"look_for": {"en": {"values": ["8,000"]}}}, "no values to look for in es"),
])
def test_a_mistake_in_an_entry_is_reported_at_its_line_and_the_entry_left_out(change, expected):
    data = yaml.safe_load(DATED)
    data["facts"][0].update(change)
    lines = {("facts", 0): 7, **{("facts", 0, key): 8 for key in data["facts"][0]}}  # the entry, and its fields
    facts, [problem] = load_dated_facts(DataFile("data/dated-facts.yml", data, lines), LANGUAGES)
    assert [f.id for f in facts] == ["codi-udis-cap"]
    assert expected in problem.message and problem.file == "data/dated-facts.yml" and problem.line == 8 and problem.fix


def test_a_file_without_a_facts_list():
    facts, [problem] = load_dated_facts(DataFile("data/dated-facts.yml", {"fact": []}), LANGUAGES)
    assert facts == [] and "no 'facts:' list" in problem.message
