"""Parsing what an agent typed (kb.search.parse), without an index."""

import pytest

from kb.search.parse import MAX_CHARS, MAX_WORDS, clean, parse


def test_words_are_folded_and_stop_words_dropped():
    assert parse("¿Qué es la DEVOLUCIÓN de un SPEI?").words == ["devolucion", "spei"]


def test_a_query_of_stop_words_keeps_them():
    assert parse("what is it").words == ["what", "is", "it"]


def test_repeated_words_count_once_and_the_query_is_capped():
    assert parse("spei spei SPEI").words == ["spei"]
    assert len(parse(" ".join(f"w{n}" for n in range(40))).words) == MAX_WORDS


def test_quoted_phrases_are_kept_and_their_words_searched():
    parsed = parse('"clave de rastreo" spei')
    assert parsed.phrases == [["clave", "de", "rastreo"]]
    assert parsed.words == ["clave", "rastreo", "spei"]


def test_a_one_word_quote_is_a_word_and_a_stray_quote_is_a_space():
    assert parse('"spei"').phrases == []
    assert parse('spei "no llega').words == ["spei", "llega"]


def test_operators_and_lone_stars_are_ignored():
    parsed = parse("refund OR void AND NOT * chargeback")
    assert parsed.words == ["refund", "void", "chargeback"]
    assert parse("or and").words == ["or", "and"]  # lower case: words (stop words kept alone)


@pytest.mark.parametrize("text, prefix", [
    ("devol", True), ("devol ", False), ("devol*", True), ('"spei devol"', False), ("spei 03", True), ("", False),
])
def test_the_last_word_may_be_unfinished(text, prefix):
    assert parse(text).prefix is prefix


def test_clean_turns_control_characters_into_spaces_and_cuts_at_a_word():
    assert clean("spei\x00no\u200bllega") == "spei no llega"
    cut = clean("palabra " * 100)
    assert len(cut) <= MAX_CHARS and cut.endswith("palabra")


def test_empty_queries():
    assert parse("").empty and parse("  * \" OR ").empty and not parse("a").empty
