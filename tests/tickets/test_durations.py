"""Handle times as the help desks export them, read in hours; anything else is no time."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.tickets import Export
from kb.tickets.durations import MAX_HOURS, hours, unit_of


@pytest.mark.parametrize(("value", "per_unit", "expected"), [
    ("1.5", 1.0, 1.5), ("2,25", 1.0, 2.25), ("01:30:00", 1.0, 1.5), ("12:45", 1.0, 12.75),
    ("2h 30m", 1.0, 2.5), ("1d 4h", 1.0, 28.0), ("1w", 1.0, 168.0), (90, 1 / 60, 1.5), ("90", 1 / 60, 1.5),
    ({"calendar": 120, "business": 60}, 1 / 60, 2.0), ({"business": 30}, 1 / 60, 0.5), (7200, 1 / 3600, 2.0),
])
def test_times_read(value, per_unit, expected):
    assert hours(value, per_unit) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["", "n/a", "-1", "soon", None, True, float("nan"), "1e308", "99:99", [], "3 horas"])
def test_not_a_time_is_none(value):
    assert hours(value) is None


def test_units_from_the_column_name():
    assert unit_of("First response time (in hrs)") == 1.0
    assert unit_of("reply_time_in_minutes") == unit_of("Tiempo de primera respuesta en minutos") == 1 / 60
    assert unit_of("Time Spent") == 1 / 3600


@given(st.one_of(st.text(max_size=80), st.integers(), st.floats(allow_nan=True), st.none(),
                 st.dictionaries(st.sampled_from(["calendar", "business", "x"]), st.integers() | st.text(max_size=10))))
def test_any_value_is_a_bounded_time_or_none(value):
    found = hours(value, 1 / 60)
    assert found is None or 0 <= found <= MAX_HOURS


def test_freshdesk_csv_times(tmp_path):
    path = tmp_path / "fd.csv"
    path.write_text("Ticket ID,Subject,Description,Tags,Created time,First response time (in hrs),Resolution time (in hrs)\n"
                    "1,a,b,x,2025-11-03 10:00:00,0.5,04:30:00\n2,a,b,x,2025-11-03 10:00:00,,\n", encoding="utf-8")
    first, second = Export(path).tickets()
    assert (first.first_response, first.resolution) == (0.5, 4.5)
    assert (second.first_response, second.resolution) == (None, None)


def test_zendesk_metric_set_times(tmp_path):
    path = tmp_path / "zd.json"
    ticket = {"id": 7, "subject": "s", "description": "d", "tags": ["x"], "created_at": "2025-11-03T10:00:00Z",
              "via": {"channel": "email"}, "metric_set": {"reply_time_in_minutes": {"calendar": 45, "business": 30},
                                                          "full_resolution_time_in_minutes": {"calendar": 600}}}
    path.write_text(json.dumps({"tickets": [ticket], "end_of_stream": True}), encoding="utf-8")
    (found,) = Export(path).tickets()
    assert (found.first_response, found.resolution) == (0.75, 10.0)
