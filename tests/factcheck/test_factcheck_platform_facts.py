"""A platform fact stated by hand or with a second value, found at its line with its fix."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.datafile import DataFile
from kb.facts import Facts
from kb.factcheck.platform_facts import PlatformCheck
from kb.factcheck.rules import load_rules

from factcheck_data import FACTS, RULES

LANGUAGES = ("en", "es")


@pytest.fixture(scope="module")
def check() -> PlatformCheck:
    facts = Facts(FACTS, LANGUAGES)
    book, problems = load_rules(DataFile("data/fact-rules.yml", yaml.safe_load(RULES)), facts)
    assert problems == []
    return PlatformCheck(facts, book, DataFile("data/platform.yml"))


def found(check, text, lang="en"):
    return check.check_file(f"---\nid: demo\n---\nFirst line.\n\n{text}\n", lang, f"docs/{lang}/demo.md")


@pytest.mark.parametrize("lang, text", [
    ("en", "The card fee is {{ platform.fees.card.percent }}; payouts arrive {{ platform.payouts.card_days }}."),
    ("es", "La comisión por tarjeta es {{ platform.fees.card.percent }} y los depósitos al comercio llegan {{ platform.payouts.card_days }}."),
    ("en", "Webhooks are sent 8 times at most: the first delivery and 7 retries."),
    ("en", "The platform answers every call. Card payouts: see the schedule."),
    ("en", "SPEI settles in seconds, 24 hours a day. ISO 8583 code 51 means insufficient funds."),
])
def test_a_correct_page_passes(check, lang, text):
    assert found(check, text, lang) == []


@pytest.mark.parametrize("lang, text, written, holds, fix", [
    ("en", "Card payouts arrive 5 business days after capture.", "5 business days", "payouts.card_days is '3 business days after capture'", "{{ platform.payouts.card_days }}"),
    ("es", "Los depósitos al comercio llegan\ncinco días hábiles después.", "cinco días hábiles", "payouts.card_days is '3 días hábiles después de la captura'", "{{ platform.payouts.card_days }}"),
    ("en", "The card fee is 4.5 % per payment.", "4.5 %", "fees.card.percent is '3.6 %'", "{{ platform.fees.card.percent }}"),
    ("en", "The cut-off is 18:00.", "18:00", "payouts.cutoff is '17:00'", "{{ platform.payouts.cutoff }}"),
    ("es", "Cada webhook se reintenta hasta diez veces.", "diez veces", "webhooks.attempts is '8'", "{{ platform.webhooks.attempts }}"),
    ("en", "| Step | Payout |\n|---|---|\n| Card | 4 business days |", "4 business days", "payouts.card_days", "{{ platform.payouts.card_days }}"),
])
def test_a_second_value_is_reported_with_what_the_facts_file_holds(check, lang, text, written, holds, fix):
    [problem] = [p for p in found(check, text, lang) if p.code == "fact-contradicted"]
    row = 8 if text.startswith("|") else 6  # a sentence's first line; a table row's own
    assert problem.file == f"docs/{lang}/demo.md" and problem.line == row
    assert f"'{written}'" in problem.message and holds in problem.message and "data/platform.yml" in problem.message
    assert fix in problem.fix and problem.is_error


def test_the_narrowest_topic_decides(check):
    # 3.9 % is a fee of the facts file, but the cash one: a card sentence may not state it.
    problems = found(check, "The card fee is 3.9 %.")
    assert any(p.code == "fact-contradicted" and "fees.card.percent is '3.6 %'" in p.message for p in problems)
    assert not any(p.code == "fact-contradicted" for p in found(check, "The cash fee is 3.9 %."))


@pytest.mark.parametrize("text, leaf, written", [
    ("Send the X-Request-Id header.", "api.request_id_header", "X-Request-Id"),
    ("The card fee is 3,6% in Spanish spelling.", "fees.card.percent", "3,6%"),
    ("A fixed $3 MXN per payment.", "fees.card.fixed", "$3 MXN"),
    ("Three pesos: 3 pesos each.", "fees.card.fixed", "3 pesos"),
])
def test_a_leaf_written_by_hand_is_reported_as_written(check, text, leaf, written):
    [problem] = [p for p in found(check, text) if p.code == "fact-by-hand"]
    assert problem.line == 6 and f"'{written}'" in problem.message and f"'{leaf}'" in problem.message
    assert problem.fix.startswith(f"write {{{{ platform.{leaf} }}}}")


def test_leaves_that_may_be_written_are_not_reported(check):
    assert found(check, "The platform pays out; la plataforma deposita.") == []


@pytest.mark.parametrize("text", ["{{ platform.fees.card.percent | upper }}", "{{ plataforma.fees.card.percent }}", "{{platform.fees.card.percent"])
def test_text_that_looks_like_a_placeholder_but_is_not_replaced(check, text):
    [problem] = found(check, f"The fee: {text}")
    assert problem.code == "not-a-placeholder" and problem.line == 6


def test_lines_are_those_of_the_file_even_after_placeholders(check):
    text = "{{ platform.fees.card.percent }}\n{{ platform.fees.card.percent }}\n\nThe card fee is 4 %.\nSend X-Request-Id."
    problems = found(check, text)
    assert {(p.code, p.line) for p in problems} == {("fact-contradicted", 9), ("fact-by-hand", 10)}


def test_the_facts_file_is_checked_for_languages_and_unwatched_short_leaves():
    facts = Facts({"a": {"en": "3 days", "es": "4 días"}, "b": {"en": "x"}, "c": 7, "d": {"en": "1", "es": "1", "fr": "1"}}, LANGUAGES)
    book, _ = load_rules(DataFile("r", {"rules": [{"name": "r", "read": ["day"], "facts": ["a"]}]}), facts)
    problems = PlatformCheck(facts, book, DataFile("data/platform.yml")).check_facts_file()
    by_field = {p.field: p for p in problems}
    assert "different numbers" in by_field["a"].message and "no text in es" in by_field["b"].message
    assert "unexpected keys fr" in by_field["d"].message
    assert by_field["c"].code == "fact-unwatched" and not by_field["c"].is_error


def test_a_link_target_is_an_address_not_a_statement(check):
    assert found(check, 'See [the header](../api/x-request-id.md#x-request-id "X-Request-Id").') == []
    assert [p.code for p in found(check, "See [X-Request-Id](../api/headers.md).")] == ["fact-by-hand"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.%$:|-\n#*`=!abcdefhimnoprstuvyzáé{}")) | st.characters(), max_size=400))
def test_any_text_gives_problems_at_its_own_lines_never_an_exception(text):
    facts = Facts(FACTS, LANGUAGES)
    book, _ = load_rules(DataFile("r", yaml.safe_load(RULES)), facts)
    for problem in PlatformCheck(facts, book, DataFile("data/platform.yml")).check_file(text, "es", "f"):
        assert 1 <= problem.line <= text.count("\n") + 1


def test_a_long_list_of_numbers_is_read_in_one_pass(check):
    codes = ", ".join(f"{n:02d}" for n in range(100)) * 200  # 20,000 numbers on one line, no unit after them
    assert found(check, f"Webhook codes: {codes}.") == []
