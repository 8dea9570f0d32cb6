"""The day a ticket was opened, from the date formats help desks write: ISO 8601 (APIs,
Zendesk, Freshdesk), Jira's `05/Mar/24 2:22 PM` with its months in English, Spanish
(`10/nov/25 4:51 PM`) or Portuguese (`15/Fev/24 10:30`), and day-first `05/03/2024` as
Excel and Jira write it on Spanish- and Portuguese-locale machines."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kb.stubs.words import fold

MONTHS = {name: number for number, names in enumerate((  # English, Spanish, Portuguese; folded
    ("jan", "ene", "january", "enero", "janeiro"), ("feb", "fev", "february", "febrero", "fevereiro"),
    ("mar", "march", "marzo", "marco"), ("apr", "abr", "april", "abril"), ("may", "mai", "mayo", "maio"),
    ("jun", "june", "junio", "junho"), ("jul", "july", "julio", "julho"), ("aug", "ago", "august", "agosto"),
    ("sep", "sept", "set", "september", "septiembre", "setiembre", "setembro"), ("oct", "out", "october", "octubre", "outubro"),
    ("nov", "november", "noviembre", "novembro"), ("dec", "dic", "dez", "december", "diciembre", "dezembro"),
), 1) for name in names}
_PARTS = re.compile(r"^(\d{1,4})[/.\-]([^\W\d_]+\.?|\d{1,2})[/.\-](\d{2,4})$")
_TOKEN_MAX = 24  # a date is shorter: anything longer is not one (and stays out of the cache)


def ticket_day(raw: str) -> str:
    """YYYY-MM-DD, or "" when the text is not a date this reads (the day is only used
    for a stub's date range, so an odd format costs the range, never the ticket)."""
    if len(raw) >= 10 and raw[4] == "-" and raw[7] == "-":  # ISO 8601: the common case, kept fast
        return _iso(raw[:10])
    token = raw.strip().split(" ", 1)[0].split("T", 1)[0]
    return _other(token) if len(token) <= _TOKEN_MAX else ""


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
            month = MONTHS.get(fold(middle.rstrip("."))) if middle[0].isalpha() else int(middle)
            if month is None:
                return ""
            day, year = int(first), int(last)
            if year < 100:
                year += 2000
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""
