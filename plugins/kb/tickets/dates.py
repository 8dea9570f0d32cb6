"""The day a ticket was opened, from the date formats help desks write: ISO 8601 (APIs,
Zendesk, Freshdesk), Jira's `05/Mar/24 2:22 PM` (English or Spanish months), and
day-first `05/03/2024` as Excel writes it on Spanish-locale machines."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTHS = {name: number for number, names in enumerate((
    ("jan", "ene", "january", "enero"), ("feb", "february", "febrero"), ("mar", "march", "marzo"),
    ("apr", "abr", "april", "abril"), ("may", "mayo"), ("jun", "june", "junio"), ("jul", "july", "julio"),
    ("aug", "ago", "august", "agosto"), ("sep", "sept", "set", "september", "septiembre", "setiembre"),
    ("oct", "october", "octubre"), ("nov", "november", "noviembre"), ("dec", "dic", "december", "diciembre"),
), 1) for name in names}
_PARTS = re.compile(r"^(\d{1,4})[/.\-]([A-Za-z]+\.?|\d{1,2})[/.\-](\d{2,4})$")


def ticket_day(raw: str) -> str:
    """YYYY-MM-DD, or "" when the text is not a date this reads (the day is only used
    for a stub's date range, so an odd format costs the range, never the ticket)."""
    if len(raw) >= 10 and raw[4] == "-" and raw[7] == "-":  # ISO 8601: the common case, kept fast
        return _iso(raw[:10])
    return _other(raw.strip().split(" ", 1)[0].split("T", 1)[0])


@lru_cache(maxsize=4096)
def _iso(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


@lru_cache(maxsize=4096)
def _other(token: str) -> str:
    match = _PARTS.match(token)
    if not match:
        return ""
    first, middle, last = match.groups()
    try:
        if len(first) == 4:  # 2024/03/05
            year, month, day = int(first), int(middle), int(last)
        else:
            month = MONTHS.get(middle.rstrip(".").lower()) if middle[0].isalpha() else int(middle)
            if month is None:
                return ""
            day, year = int(first), int(last)
            if year < 100:
                year += 2000
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""
