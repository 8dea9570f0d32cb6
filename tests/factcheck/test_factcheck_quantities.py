"""Numbers read into comparable values, whatever their spelling."""

from __future__ import annotations

import pytest

from kb.factcheck.quantities import Numbers, clocks, extractor, is_generic, money, percents, retries, utc_offsets
from kb.factcheck.reading import norm


def values(found):
    return [value for value, _ in found]


def test_durations_in_any_unit_compare_equal():
    read = extractor(("day", "hour"))
    assert values(read(Numbers("24 hours"))) == values(read(Numbers("1 day"))) == [(86400, "time")]


def test_business_days_are_their_own_kind_in_both_languages():
    read = extractor(("bday", "day"))
    assert values(read(Numbers("3 business days"))) == values(read(Numbers(norm("3 días hábiles")))) == [(3, "bday")]


def test_a_range_yields_each_number():
    assert values(extractor(("bday",))(Numbers("2 to 3 business days"))) == [(2, "bday"), (3, "bday")]


@pytest.mark.parametrize("text, expected", [("3.6 %", 3.6), ("3,6%", 3.6), ("16 por ciento", 16.0)])
def test_percents(text, expected):
    assert values(percents(text)) == [expected]


@pytest.mark.parametrize("text", ["$3 mxn", "$3.00", "3.00 mxn", "3 pesos"])
def test_money(text):
    assert values(money(text)) == [3.0]


def test_thousands_are_money_not_two_numbers():
    assert values(money("$2,000,000.00 mxn")) == [2_000_000.0]


def test_clock_times():
    assert values(clocks("17:00")) == values(clocks("5 p.m.")) == [1020]


def test_utc_offsets():
    assert values(utc_offsets("utc-6")) == values(utc_offsets("utc – 6")) == [-6]


def test_times_count_as_retries_only_in_a_sentence_about_retrying():
    assert values(retries("retried 7 times")) == [(7, "retry")]
    assert values(retries("charged 2 times")) == []


def test_short_values_are_left_to_rules():
    assert is_generic("24") and is_generic("17:00") and is_generic("1 hour") and is_generic(norm("3 días hábiles"))
    assert not is_generic("3.6 %") and not is_generic("x-request-id")
