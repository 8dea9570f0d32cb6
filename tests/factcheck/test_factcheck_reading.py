"""How the facts check reads Markdown: sentences with their lines, folded text, numbers in words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.factcheck.reading import as_written, fold_in_place, may_state_a_number, norm, read, sentences


def test_paragraph_lines_are_joined_and_each_sentence_keeps_the_line_it_starts_on():
    text = "First line of a\nsentence. Second one\nends here.\n\n- A list item."
    assert sentences(text) == [(1, "First line of a sentence."), (2, "Second one ends here."), (5, "- A list item.")]


def test_a_table_cell_is_read_with_its_column_header_and_its_row():
    text = "| Priority | First response |\n|---|---|\n| P1 | 30 minutes |\n"
    assert (3, "First response | P1 | 30 minutes") in sentences(text)
    assert all(line != 2 for line, _ in sentences(text))  # the |---| rule is no sentence


def test_a_wrapped_reply_in_a_code_block_is_one_sentence_and_a_template_line_each():
    reply = "```text\nHola, su depósito llega\nen tres días hábiles.\nMonto:\nReferencia:\n```"
    found = [s for _, s in sentences(reply)]
    assert any("llega en tres días hábiles." in s for s in found)
    assert any(s.startswith("Monto:") for s in found) and any(s.startswith("Referencia:") for s in found)


def test_number_words_become_digits_in_their_language():
    assert read("Ocho intentos en total", "es") == "8 intentos en total"
    assert read("an hour, a retry", "en") == "1 hour, a retry"  # 'a' is 1 only before a singular duration
    assert read("once", "en") == "once" and read("once días", "es") == "11 dias"
    assert read("after half an hour", "en") == "after 30 minutes" and read("en media hora", "es") == "en 30 minutos"


@pytest.mark.parametrize("text, expected", [
    ("No number here.", False), ("A retry is sent.", False), ("3 days", True), ("ocho intentos", True),
    ("an hour", True), ("un día hábil", True), ("Half an hour", True), ("once días", True),
])
def test_may_state_a_number_is_true_whenever_read_finds_one(text, expected):
    assert may_state_a_number(text) is expected
    if not expected:
        assert not any(c.isdigit() for c in read(text, "en") + read(text, "es"))


def test_norm_folds_case_accents_and_spaces():
    assert norm("Días\u00a0HÁBILES\t y  más") == "dias habiles y mas"


@given(st.text())
def test_fold_in_place_keeps_every_offset(text):
    folded = fold_in_place(text)
    assert len(folded) == len(text)
    assert folded.count("\n") == text.count("\n")


def test_as_written_quotes_the_article_not_its_reading():
    assert as_written("Llegan en 5 Días Hábiles.", "5 dias habiles") == "5 Días Hábiles"
    assert as_written("llegan cinco días hábiles después", "5 dias habiles") == "cinco días hábiles"
    assert as_written("nothing alike", "5 days") == "5 days"
