"""The rules file: read into rules, every mistake in it reported at its line."""

from __future__ import annotations

import textwrap

import pytest

from kb.datafile import DataFile, read_data_file
from kb.facts import Facts
from kb.factcheck.quantities import Numbers
from kb.factcheck.rules import load_rules

from factcheck_data import FACTS, RULES

LANGUAGES = ("en", "es")


def rules_from(tmp_path, text: str):
    path = tmp_path / "fact-rules.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    file, problems = read_data_file(path, "data/fact-rules.yml")
    assert problems == [] and file is not None
    return load_rules(file, Facts(FACTS, LANGUAGES))


def test_the_fixture_rules_load_without_problems(tmp_path):
    book, problems = rules_from(tmp_path, RULES)
    assert problems == []
    assert [rule.name for rule in book.rules] == ["fee percentages", "payout days", "payout cut-off", "webhook attempts"]
    assert book.may_be_written == {"name": "articles say 'the platform'"}


def test_allowed_values_are_read_from_the_facts_like_sentences(tmp_path):
    book, _ = rules_from(tmp_path, RULES)
    fees, days, cutoff, attempts = book.rules
    assert book.allowed(fees) == {3.6, 3.9}
    assert book.allowed(fees, frozenset({"fees.card.percent"})) == {3.6}
    assert book.allowed(days) == {(3.0, "bday")}
    assert book.allowed(cutoff) == {1020}
    assert book.allowed(attempts) == {(8, "attempt"), (8, "retry"), (7, "retry")}  # 8 attempts: 7 retries


def test_a_rule_applies_to_sentences_naming_its_words_and_narrows_to_their_topic(tmp_path):
    book, _ = rules_from(tmp_path, RULES)
    fees = book.rules[0]
    assert fees.applies("the card fee is 3.6 %") and not fees.applies("the card is 3.6 %")
    assert fees.topics("the card fee") == frozenset({"fees.card.percent"}) and fees.topics("the fee") is None
    assert [value for value, _ in fees.extract(Numbers("fee 3.6 % or 4 %"))] == [3.6, 4.0]


@pytest.mark.parametrize("rule, expected", [
    ("{name: r, read: [percent], facts: [fees.card.percent], near: ['${nope}']}", "'${nope}' names no entry of 'words'"),
    ("{name: r, read: [percent], facts: [fees.card.percent], near: ['(unclosed']}", "is not a valid regex"),
    ("{name: r, read: [percent], facts: [fees.card.percnt]}", "'fees.card.percnt' is not a fact"),
    ("{name: r, read: [furlongs], facts: [fees.card.percent]}", "reads ['furlongs']"),
    ("{name: r, read: [percent], facts: []}", "the rule names no fact"),
    ("{name: r, read: [percent], facts: [fees.card.percent], narrow: [{when: x, facts: [fees.cash.percent]}]}", "not all among the rule's facts"),
    ("{name: r, read: [money], facts: [fees.card.percent]}", "reads no value in 'fees.card.percent'"),
    ("{name: r, read: [day], facts: [{fact: webhooks.attempts, reads: 'times'}]}", "has no {n}"),
    ("{name: r, read: [percent], facts: [fees.card.percent], also: {tripling: x}}", "is {'tripling': 'x'}"),
    ("just a string", "a rule needs at least a name"),
])
def test_a_mistake_in_a_rule_is_reported_at_its_line_and_the_rule_left_out(tmp_path, rule, expected):
    book, problems = rules_from(tmp_path, f"words: {{a: b}}\nrules:\n  - {{name: fine, read: [percent], facts: [fees.card.percent]}}\n  - {rule}\n")
    assert [rule.name for rule in book.rules] == ["fine"]
    [problem] = problems
    assert expected in problem.message, problem
    assert problem.file == "data/fact-rules.yml" and problem.line == 4 and problem.is_error and problem.fix


def test_a_word_using_itself_is_a_problem_not_a_hang(tmp_path):
    book, problems = rules_from(tmp_path, "words: {a: 'x${a}'}\nrules:\n  - {name: r, read: [percent], facts: [fees.card.percent], near: ['${a}']}\n")
    assert book.rules == () and "uses itself" in problems[0].message


def test_may_be_written_names_real_facts(tmp_path):
    _, problems = rules_from(tmp_path, "may_be_written: {fees.nothing: because}\n")
    assert problems[0].line == 1 and "'fees.nothing' is not a fact" in problems[0].message


def test_no_rules_file_means_no_rules():
    book, problems = load_rules(DataFile("data/fact-rules.yml"), Facts(FACTS, LANGUAGES))
    assert book.rules == () and problems == []
