"""Identifiers with a check by python-stdnum: IBAN (checksum and each country's
length; not the national check some countries add, which a mistyped IBAN can fail),
CURP (date, state, check digit) and RFC (date and format; its check digit is not
required: about 1.5 % of real RFCs fail it)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.mx import curp, rfc

from kb.redaction import placeholders as P
from kb.redaction.context import Label, label_before
from kb.redaction.spans import Span

# A country code and two check digits, then groups of letters and digits written with
# or without spaces, dots or dashes; the longest run of groups that checks is the IBAN,
# so the words after it are never taken.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2}(?:[ .-]?[A-Za-z0-9]){4,40}")
_IBAN_GROUP = re.compile(r"[ .-]?[A-Za-z0-9]+")

# Written whole or in its three parts (names, birth date, the rest), the same separator twice.
_CURP = re.compile(r"(?<![A-Za-z0-9])[A-Z]{4}(?P<sep>[ -]?)\d{6}(?P=sep)[A-Z0-9]{6}[A-Z0-9]\d(?![A-Za-z0-9])", re.IGNORECASE)

# 3 (company) or 4 (person) letters, the date YYMMDD, the homoclave (a person's may be
# left out). Written apart ("GODE 561231 GR8") only in capitals, the same separator twice.
_RFC = re.compile(r"(?<![\w&])(?P<letters>[A-Za-zÑñ&]{3,4})(?P<sep>[ -]?)(?P<date>\d{6})"
                  r"(?:(?P=sep)(?P<homo>[A-Za-z\d]{3}))?(?![\w&])")
# Reference prefixes that make a code RFC-shaped without being one: PAGO240315A01, FAC-240315-001.
_REFERENCE_WORDS = frozenset("""
PAGO PAG FACT FAC FOL FOLI REF REFE ORD ORDE PED PEDI TRX TXN TRAN TRF INV DEV DEVO REC RECI COB COBR ABO ABON DEP DEPO
RET RETI SPEI CARG CGO MOV OPER OPE AUT AUTH LOTE GUIA ENV ENVI TKT TICK CASO CASE NOTA SERV SUB SUBS ORDR INVC PAY PAYM
RMA CRED TEST DEMO SKU CEP
""".split())


def ibans(work: str) -> Iterator[Span]:
    for m in _IBAN.finditer(work):
        groups = list(_IBAN_GROUP.finditer(m.group()))
        for stop in range(len(groups), 0, -1):
            value = m.group()[:groups[stop - 1].end()]
            if 15 <= len(re.sub(r"[ .-]", "", value)) <= 34 and iban.is_valid(value, check_country=False):
                yield m.start(), m.start() + len(value), P.IBAN.format(country=value[:2].upper())
                break


def _is_curp(value: str) -> bool:
    """A CURP by python-stdnum's rules; one whose only fault is its check digit is
    still somebody's CURP with a typo."""
    try:
        curp.validate(value)
    except InvalidChecksum:
        return True
    except ValidationError:
        return False
    return True


def curps(work: str) -> Iterator[Span]:
    return ((m.start(), m.end(), P.CURP) for m in _CURP.finditer(work) if _is_curp(m.group()))


def rfcs(work: str) -> Iterator[Span]:
    for m in _RFC.finditer(work):
        letters, sep, homo = m.group("letters"), m.group("sep"), m.group("homo")
        if sep and not (letters.isupper() and (homo is None or homo.upper() == homo)):
            continue
        label = label_before(work, m.start())
        if label != Label.RFC and (letters.upper() in _REFERENCE_WORDS or label == Label.ORDER):
            continue
        whole, bare = work[m.start():m.end()].replace(sep, ""), (letters + m.group("date")) if homo else None
        if rfc.is_valid(whole):
            end = m.end()
        elif bare and rfc.is_valid(bare):
            end = m.end("date") if sep else m.end()  # a word after it stays; glued characters go with it
        else:
            continue
        yield m.start(), end, P.RFC
