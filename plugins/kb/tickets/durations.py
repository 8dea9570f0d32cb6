"""Handle times as help desks export them, in hours: Freshdesk's `First response time (in
hrs)` (`1.5` or `01:30:00`), Zendesk's minutes (`reply_time_in_minutes`, or its metric
set's `{"calendar": 90, "business": 60}`), Jira's `2h 30m` / `1d 4h` (a day of 24 hours:
calendar time) or seconds (`Time Spent`). A value that is none of these is no time (the
ticket counts, without it): times inform a lead, they never stop a reading."""

from __future__ import annotations

import math
import re

from kb.text import fold

_CLOCK = re.compile(r"^(\d{1,6}):([0-5]\d)(?::([0-5]\d))?$")
_PARTS = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhms])")
_PARTS_ALL = re.compile(r"^(?:\s*\d+(?:\.\d+)?\s*[wdhms])+\s*$")
_HOURS_OF = {"w": 168.0, "d": 24.0, "h": 1.0, "m": 1 / 60, "s": 1 / 3600}
MAX_HOURS = 24 * 366 * 10  # ten years: anything longer is not a handle time


def unit_of(name: str) -> float:
    """Hours per unit of a column or key named `name` (hours unless it says otherwise)."""
    folded = fold(name)
    if "min" in folded:
        return 1 / 60
    if "sec" in folded or "segund" in folded or "spent" in folded:
        return 1 / 3600
    return 1.0


def hours(value: object, per_unit: float = 1.0) -> float | None:
    """The hours a value states (a number counts `per_unit` hours each), or None."""
    if isinstance(value, dict):  # Zendesk's metric set: calendar time first
        value = value.get("calendar", value.get("business"))
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        found = float(value) * per_unit
    else:
        text = str(value).strip().lower()[:64].replace(",", ".")
        if not text:
            return None
        clock = _CLOCK.match(text)
        if clock:
            found = int(clock.group(1)) + int(clock.group(2)) / 60 + int(clock.group(3) or 0) / 3600
        elif _PARTS_ALL.match(text):
            found = sum(float(n) * _HOURS_OF[u] for n, u in _PARTS.findall(text))
        else:
            try:
                found = float(text) * per_unit
            except ValueError:
                return None
    return found if math.isfinite(found) and 0 <= found <= MAX_HOURS else None
