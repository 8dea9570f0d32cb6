"""Whether a run of digits is a phone number: international numbers (written with +
or 00) checked by `phonenumbers`; Mexican numbers (10 digits, with 044/045/01 or +52 1
before them in the old dialling plans) when `phonenumbers` finds them valid and no
word before them names them something else; any 7 to 15 digits named as a phone."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from kb.redaction import placeholders as P
from kb.redaction.context import Label

_NANP_LAYOUT = re.compile(r"(?:1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}")


@lru_cache(maxsize=4096)  # tickets repeat the same numbers; parsing one costs about 0.1 ms
def _valid(digits: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _international(digits: str, named: bool) -> str | None:
    if digits.startswith("521") and len(digits) == 13:  # the mobile "1" of Mexico's old plan
        digits = "52" + digits[3:]
    number = _valid("+" + digits, None)
    if number is None and named:
        try:
            number = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_possible_number(number):
            return None
    if number is None:
        return None
    return P.PHONE if number.country_code == 52 else P.PHONE_INTERNATIONAL.format(country=number.country_code)


def phone(run: str, digits: str, label: Label | None) -> str | None:
    """The placeholder if `run` (as written, `digits` its digits) is a phone number."""
    named = label == Label.PHONE
    if run.startswith(("+", "(+")):
        return _international(digits, named)
    if digits.startswith("00") and len(digits) > 10:  # 00 is the international prefix dialled from Mexico
        found = _international(digits[2:], named)
        if found or named:
            return found
    if label in (Label.ORDER, Label.AMOUNT, Label.ACCOUNT, Label.CARD, Label.CVV):
        return None
    national = digits
    if len(digits) == 13 and digits.startswith(("044", "045")) or len(digits) == 12 and digits.startswith("01"):
        national = digits[3:] if len(digits) == 13 else digits[2:]
    elif len(digits) in (12, 13) and digits.startswith("52"):
        return _international(digits, named)
    if len(national) == 10 and national[0] not in "01" and _valid(national, "MX"):
        return P.PHONE
    if _NANP_LAYOUT.fullmatch(run) and _valid(digits, "US"):
        return P.PHONE
    if named and 7 <= len(digits) <= 15:
        return P.PHONE
    return None
