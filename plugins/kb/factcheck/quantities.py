"""Numbers as sentences state them, read into comparable values.

Each extractor returns (value, text written) pairs. Values are canonical, so that
"24 hours" == "1 day", "$3 MXN" == "$3.00" and "5 p.m." == "17:00"; text is read as
`kb.factcheck.reading.read` leaves it (lower case, no accents, number words as digits).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

Found = list[tuple[object, str]]

NUM = r"\d+(?:[.,]\d+)?"
# unit -> (regex, kind, factor to the kind's base unit); longer units first
UNIT_TABLE: dict[str, tuple[str, str, float]] = {
    "rps": (r"(?:api\s+)?(?:requests?|calls?|peticiones|solicitudes|llamadas|req)\s*(?:per|por|/|a\s+la|al)\s*(?:second|segundo|seg|sec|s)\b", "rps", 1),
    "rpm": (r"(?:api\s+)?(?:requests?|calls?|peticiones|solicitudes|llamadas|req)\s*(?:per|por|/|al)\s*(?:minute|minuto|min)\b", "rps", 1 / 60),
    "bday": (r"(?:business|working|banking)\s+days?|dias?\s+habiles|dia\s+habil|dias?\s+bancarios?", "bday", 1),
    "bhour": (r"(?:business|working)\s+hours?|horas?\s+habiles|hora\s+habil|horas?\s+laborales?", "bhour", 1),
    "day": (r"(?:calendar\s+|natural\s+)?days?|dias?(?:\s+naturales|\s+calendario)?(?!\s+inhabil)", "time", 86400),
    "hour": (r"hours?|hrs?|horas?|h", "time", 3600),
    "minute": (r"minutes?|mins?|minutos?", "time", 60),
    "second": (r"seconds?|secs?|segundos?|seg|s", "time", 1),
    "month": (r"months?|mes(?:es)?", "month", 1),
    "retry": (r"retries|retry|reintentos?|reenvios?", "retry", 1),
    "attempt": (r"(?:delivery\s+)?attempts?|intentos?|tries", "attempt", 1),
    "times": (r"times|veces", "retry", 1),  # "retried 7 times"; only read where a retry verb is near
    "char": (r"characters?|chars?|caracteres", "char", 1),
}
DURATIONS = "|".join(UNIT_TABLE[unit][0] for unit in ("bday", "bhour", "day", "hour", "minute", "second", "month"))
_UNITS = "|".join(regex for regex, _, _ in UNIT_TABLE.values())
_SEPARATOR = r"\s*(?:,|-|–|to|a|al|y|and|or|o|u)\s*"
# A list of numbers, then its unit. Atomic numbers in a possessive list: "1,1" is one number
# or two, and trying both ways at every comma of a long list ("00, 01, 03, 04...") would
# take exponential time; the unit is looked for after each whole list, so a list is read once.
_NUMBERS = re.compile(rf"(?<![\w.$])(?>{NUM})(?:{_SEPARATOR}(?>{NUM}))*+")
_UNIT_AFTER = re.compile(rf"\s*(?:{_UNITS})(?!\w)")
_UNIT_OF = [(name, re.compile(rf"(?:{regex})$")) for name, (regex, _, _) in UNIT_TABLE.items()]
_GENERIC = re.compile(rf"\d{{1,4}}|\d{{1,2}}(?:, \d{{1,2}})+|\d{{1,2}}:\d{{2}}|{NUM}\s*(?:{_UNITS})")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _quantities(text: str) -> list[tuple[str, object, str]]:
    """(unit, value, text written) of every duration, count and rate of `text`."""
    out = []
    for numbers in _NUMBERS.finditer(text):
        after = _UNIT_AFTER.match(text, numbers.end())
        if after is None:
            continue
        unit = next(name for name, regex in _UNIT_OF if regex.match(after[0].strip()))
        _, kind, factor = UNIT_TABLE[unit]
        written = text[numbers.start():after.end()]
        out += [(unit, (round(_number(n) * factor, 4), kind), written) for n in re.findall(NUM, numbers[0])]
    return out


def quantities(text: str, units: frozenset[str]) -> Found:
    """Durations, counts and rates in `units`: '3 business days' -> ((3, 'bday'), text)."""
    return [(value, written) for unit, value, written in _quantities(text) if unit in units]


def percents(text: str) -> Found:
    return [(_number(m[1]), m[0]) for m in re.finditer(rf"(?<![\w.,])({NUM})\s*(?:%|por\s*ciento|percent)", text)]


_MONEY = re.compile(r"\$\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?"
                    r"|(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:mxn|pesos)\b")


def money(text: str) -> Found:
    out: Found = []
    for m in _MONEY.finditer(text):
        whole, cents = (m[1], m[2]) if m[1] else (m[3], m[4])
        out.append((float(whole.replace(",", "") + "." + (cents or "0")), m[0]))
    return out


_CLOCK = re.compile(r"(?<![\d.:])(\d{1,2}):(\d{2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?!\w)"
                    r"|(?<![\d.:])(\d{1,2})\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?!\w)")


def clocks(text: str) -> Found:
    """Times of day in minutes after midnight: '17:00', '5 p.m.' -> 1020."""
    out: Found = []
    for m in _CLOCK.finditer(text):
        hour, minute, half = (int(m[1]), int(m[2]), m[3]) if m[1] else (int(m[4]), 0, m[5])
        if half and half.startswith("p") and hour < 12:
            hour += 12
        out.append((hour * 60 + minute, m[0]))
    return out


def utc_offsets(text: str) -> Found:
    return [(int(m[2]) * (-1 if m[1] in "-−–" else 1), m[0]) for m in re.finditer(r"\butc\s*([+\-−–])\s*(\d{1,2})", text)]


RETRY_VERB = re.compile(r"\bretr(?:y|ies|ied)\b|reintent|reenvi|\bresen[dt]")
DUPLICATE = re.compile(r"twice|duplica|same event|mismo evento|more than once|mas de una vez|\bcobr|\bcharg|doble|double")


def retries(text: str) -> Found:
    """'8 attempts', '7 retries'; 'N times' only in a sentence about retrying, not duplicates."""
    found = quantities(text, frozenset({"attempt", "retry"}))
    if RETRY_VERB.search(text) and not DUPLICATE.search(text):
        found += quantities(text, frozenset({"times"}))
    return found


# What a rule may name in `read:`: these, or the units of UNIT_TABLE.
EXTRACTORS: dict[str, Callable[[str], Found]] = {
    "percent": percents, "money": money, "clock": clocks, "utc_offset": utc_offsets, "retries": retries,
}


class Numbers:
    """What one sentence states, each kind read once however many rules ask for it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, Found] = {}

    @cached_property
    def _by_unit(self) -> dict[str, Found]:
        out: dict[str, Found] = {}
        for unit, value, written in _quantities(self.text):
            out.setdefault(unit, []).append((value, written))
        return out

    @cached_property
    def kinds(self) -> frozenset[str]:
        """What the sentence states at all: a rule reading none of these has nothing to check."""
        return frozenset(self._by_unit) | {name for name in EXTRACTORS if self.of(name)}

    def of(self, name: str) -> Found:
        if name in UNIT_TABLE:
            return self._by_unit.get(name, [])
        if name not in self._found:
            self._found[name] = EXTRACTORS[name](self.text)
        return self._found[name]


def extractor(names: tuple[str, ...]) -> Callable[[Numbers], Found]:
    """One extractor reading every kind in `names` ('percent', 'day', 'bday'...)."""

    def extract(numbers: Numbers) -> Found:
        return [pair for name in names for pair in numbers.of(name)]

    return extract


def is_generic(text: str) -> bool:
    """Too short to search for verbatim without false alarms ('24', '17:00', '1 hour'):
    a leaf like this is watched by a rule instead. `text` is normalized (`reading.norm`)."""
    return bool(_GENERIC.fullmatch(text.strip()))
