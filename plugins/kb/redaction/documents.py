"""Identity documents and dates of birth: the INE's clave de elector (by shape), and
numbers named as an NSS (IMSS, checked with Luhn), a passport, a US Social Security
number, or a date of birth. The naming words stay."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import luhn

from kb.redaction import placeholders as P
from kb.redaction.context import Label, label_before
from kb.redaction.spans import Span

_I = re.IGNORECASE
_DIGIT = re.compile(r"\d")
# Clave de elector: 6 letters of the names, birth date YYMMDD, state (2 digits), H/M, 3 characters.
_ELECTOR = re.compile(r"(?<![A-Za-z0-9])[A-Z]{6}\d{8}[HM][0-9A-Z]\d{2}(?![A-Za-z0-9])", _I)
_NSS = re.compile(r"\b(?:nss|n[uú]mero de seguridad social|seguro social|imss)\W{0,4}(?:es\W{1,3})?"
                  r"(?P<value>\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{4}[ -]?\d)\b", _I)
_PASSPORT = re.compile(r"\b(?:pasaporte|passport)(?:\s+(?:no\.?|n[uú]m(?:ero)?\.?|number|#))?\W{0,4}"
                       r"(?:es\W{1,3}|is\W{1,3})?(?P<value>[A-Z]{0,2}\d{6,9})\b", _I)
_SSN = re.compile(r"(?<![\w-])(?P<value>\d{3}-\d{2}-\d{4})(?![\w-])")
_BIRTH = re.compile(r"\b(?:fecha de nacimiento|f\. ?de nac\.?|nacimiento|nac[ií](?:[oó])? el|date of birth|dob|birth ?date|born on|"
                    r"cumplea[nñ]os)\W{0,4}(?P<value>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|"
                    r"\d{1,2} de [a-záéíóú]+ de (?:19|20)\d{2})", _I)


def documents(work: str) -> Iterator[Span]:
    """Each pattern is tried only when its words are in the text."""
    if not _DIGIT.search(work):
        return
    low = work.lower()
    yield from ((m.start(), m.end(), P.ELECTOR) for m in _ELECTOR.finditer(work))
    if "nss" in low or "social" in low or "imss" in low:
        for m in _NSS.finditer(work):
            if luhn.is_valid(re.sub(r"\D", "", m.group("value"))):
                yield m.start("value"), m.end("value"), P.NSS
    if "pasaporte" in low or "passport" in low:
        yield from ((m.start("value"), m.end("value"), P.PASSPORT) for m in _PASSPORT.finditer(work))
    if "-" in work:
        for m in _SSN.finditer(work):
            if label_before(work, m.start()) not in (Label.ORDER, Label.AMOUNT):
                yield m.start("value"), m.end("value"), P.SSN
    if any(word in low for word in ("nac", "birth", "dob", "born", "cumplea")):
        yield from ((m.start("value"), m.end("value"), P.BIRTH_DATE) for m in _BIRTH.finditer(work))
