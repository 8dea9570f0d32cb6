"""Numbers: cards (Luhn), CLABEs (Banco de México's check digit), CVVs, account
numbers, phones, and card expiry dates.

Digits are read as runs joined by single spaces, dashes, dots or an area code in
brackets, and each run is classified whole, with the nearest naming word before it
(`context`; "$" before or a currency after make it an amount, "#" before a thing's
number): an 18-digit run with a valid CLABE check digit is a CLABE (checked first: 18
digits is also a card length) unless it is named as a clave de rastreo, an operation or
an order; 12 to 19 digits passing Luhn are a card, except one named as a folio, order
or transaction that is not written in a card's groups and is not 15 or 16 digits with a
card network's first digit; then CVVs and accounts by their words, then phones. A run that fits none of
these stays (an order number, an amount, a Luhn-invalid 16-digit number), unless it is
several numbers written one after another ("500 5512345678"): then it is split where
its groups allow, and the parts are classified. A card followed by an expiry date (and
a CVV) loses all three, named or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import luhn

from kb import clabe
from kb.redaction import placeholders as P
from kb.redaction.context import Label, label_before
from kb.redaction.phones import phone
from kb.redaction.spans import Span

_EXPIRY = re.compile(r"\b(?:exp(?:\.|iry|iration|ires|ira|iraci[oó]n)?|vence|vencimiento|vigencia|caducidad|caduca|vto\.?|"
                     r"v[aá]lida hasta|"
                     r"valid (?:thru|through|until)|mm/aa|mm/yy)(?:\W{0,3}(?:date|fecha|el|en|on|in|:)?\W{0,3})"
                     r"(?P<value>(?:0?[1-9]|1[0-2])\s?[/-]\s?(?:20\d{2}|\d{2}))(?![\d/])", re.IGNORECASE)
# A run: an optional + or (+52), an area code in brackets, then digits joined by one
# separator (or two spaces).
# It never starts inside a word, a decimal, a date or a time; "_" separates
# ("cliente_5512345678", a tag).
_RUN = re.compile(r"(?<![^\W_])(?<![\-\ue000])(?<!\d[.,/:])(?:\(\+\d{1,3}\)\s?|\+\s?)?(?:\(\d{1,4}\)\s?)?\d+"
                  r"(?:(?: {1,2}|[.\-]|\)\s?|\s?\()\d+)*(?![^\W_])")
_GROUP = re.compile(r"\d+")
# A card pasted with its expiry and CVV, none of them named: "4242 4242 4242 4242 12/27 123".
_CARD_DETAILS = re.compile(r"(?<![\w\ue000])(?P<card>\d(?:[ -]?\d){11,18})[ \t,;|]+"
                           r"(?P<expiry>(?:0?[1-9]|1[0-2]) ?/ ?(?:20)?\d{2})(?:[ \t,;|]+(?P<cvv>\d{3,4}))?(?![\w/])")
# Words after a number that make it an amount ("5512345678 MXN").
_CURRENCY_AFTER = re.compile(r"^ ?(?:mxn|usd|eur|pesos|d[oó]lares|dollars|euros|m\.?n\.?)\b", re.IGNORECASE)
_CARD_LAYOUT = re.compile(r"\d{4}(?:([ .-])\d{4})+(?:\1\d{1,4})?|\d{4}([ -])\d{6}\2\d{4,5}")
_DECIMAL = re.compile(r"^[^.]*\d\.\d{1,2}$")


# A CVV right after its label, whatever joins them ("cvv-456", "CVC#123"): a run of digits
# never starts after a dash, so these are looked for apart.
_LABELLED_CVV = re.compile(r"\b(?:cvv2?|cvc2?|cid|csc)[-#:=]{1,2}(?P<value>\d{3,4})(?![\w/])", re.IGNORECASE)


def labelled_cvvs(work: str) -> Iterator[Span]:
    return ((m.start("value"), m.end("value"), P.CVV) for m in _LABELLED_CVV.finditer(work))


def _card_sized(digits: str) -> bool:
    """Whether a Luhn-valid number named as an order or a folio is still read as a card:
    15 or 16 digits (the lengths of nearly every card issued) starting with a card
    network's digit (ISO/IEC 7812's major industry identifiers 2 to 6: Mastercard,
    Amex, Diners, JCB, Visa, Discover, UnionPay). One in ten order numbers passes Luhn
    by chance; "pedido 9271828182845906" is an order, "pedido 4242 4242 ..." a card."""
    return len(digits) in (15, 16) and digits[0] in "23456"


def expiries(work: str) -> Iterator[Span]:
    return ((m.start("value"), m.end("value"), P.EXPIRY) for m in _EXPIRY.finditer(work))


def card_details(work: str) -> Iterator[Span]:
    """A Luhn-valid card number followed by an expiry date (and a CVV): all three."""
    for m in _CARD_DETAILS.finditer(work):
        digits = re.sub(r"\D", "", m.group("card"))
        named_a_thing = label_before(work, m.start()) == Label.ORDER and not _card_sized(digits)  # "folio ... 12/27"
        if luhn.is_valid(digits) and not named_a_thing:
            yield m.start("card"), m.end("card"), P.CARD.format(last4=digits[-4:])
            yield m.start("expiry"), m.end("expiry"), P.EXPIRY
            if m.group("cvv"):
                yield m.start("cvv"), m.end("cvv"), P.CVV


def _classify(run: str, label: Label | None, part: bool = False) -> str | None:
    """The placeholder for a run of digits, or None when it is no personal number.
    A `part` of a longer run must have 15 digits or more to count as a card, so that a
    Luhn-invalid card-like number is never redacted a piece at a time."""
    digits = "".join(_GROUP.findall(run))
    count = len(digits)
    if label == Label.AMOUNT or _DECIMAL.match(run):
        return None
    if count == 18 and clabe.is_valid(digits) and label != Label.ORDER:
        return P.CLABE.format(bank=digits[:3])
    international = run.startswith(("+", "(+")) or (digits.startswith("00") and label == Label.PHONE)
    if (15 if part else 12) <= count <= 19 and luhn.is_valid(digits) and not international and label != Label.PHONE:
        if not (label == Label.ORDER and not _card_sized(digits) and not _CARD_LAYOUT.fullmatch(run)):
            return P.CARD.format(last4=digits[-4:])
    if label == Label.CARD and 13 <= count <= 19 and not part:
        return P.CARD.format(last4=digits[-4:])  # a mistyped card is still somebody's card
    if label == Label.CVV and 3 <= count <= 4:
        return P.CVV
    if label == Label.ACCOUNT and 6 <= count <= 20:
        return P.ACCOUNT
    return phone(run, digits, label)


def _split(run: str, label: Label | None) -> list[tuple[int, int, str]]:
    """Several numbers written one after another ("500 5512345678"): the longest leading
    part that is a personal number is replaced, a part that is none is kept, and so on.
    Only a space separates two numbers ("978-3-16-148410-0" is one); a part is tried only
    if it is long enough to be a personal number and its groups, but the last, have two
    digits or more (so that "1 1 1 1 ..." costs nothing)."""
    if " " not in run:
        return []
    groups = list(_GROUP.finditer(run))
    found, start = [], 0
    while start < len(groups):
        end, digits = start + 1, 0
        parts = []
        for stop in range(start + 1, min(len(groups), start + 19) + 1):
            digits += len(groups[stop - 1].group())
            if digits > 19 or stop - 1 > start and len(groups[stop - 2].group()) < 2:
                break
            parts.append((stop, digits))
        shortest = 3 if start == 0 and label in (Label.CVV, Label.ACCOUNT, Label.PHONE) else 10
        for stop, digits in reversed(parts):
            if digits < shortest:
                break
            first, final = groups[start].start(), groups[stop - 1].end()
            if start > 0 and run[first - 1] == "(":
                first -= 1  # an area code in brackets belongs to the phone after it
            placeholder = _classify(run[first:final], label if start == 0 else None, part=True)
            if placeholder:
                found.append((first, final, placeholder))
                end = stop
                break
        start = end
    return found


def numbers(work: str) -> Iterator[Span]:
    for m in _RUN.finditer(work):
        run, offset = m.group(), m.start()
        if run.count("(") != run.count(")"):  # a bracket opened before the number: it stays
            lead = len(run) - len(run.lstrip("+ ("))
            run, offset = run[lead:].rstrip(")"), offset + lead
        label = label_before(work, offset)
        sign = work[max(0, offset - 2):offset].strip()
        if sign == "$" or _CURRENCY_AFTER.match(work[offset + len(run):offset + len(run) + 12]):
            label = Label.AMOUNT  # $5512345678, 5512345678 MXN
        elif sign == "#" and label is None:
            label = Label.ORDER  # #5512345678 numbers a thing
        placeholder = _classify(run, label)
        if placeholder:
            yield offset, offset + len(run), placeholder
        elif len(_GROUP.findall(run)) > 1 and not _CARD_LAYOUT.fullmatch(run):
            for start, end, placeholder in _split(run, label):
                yield offset + start, offset + end, placeholder
