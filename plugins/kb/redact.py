"""Removing personal and card data from customer text before it is written anywhere.

Each kind is replaced by a visible placeholder, so a reader sees that something was
there: `[card ****1234]`, `[CLABE]`, `[account]`, `[CVV]`, `[expiry]`, `[PIN]`,
`[email]`, `[phone]`, `[CURP]`, `[RFC]`, `[API key]`, `[token]`, `[secret]`, `[address]`.

Numbers are read as runs of digits joined by single spaces, dashes, dots or brackets,
and each run is classified whole: an 18-digit run with a valid CLABE check digit is a
CLABE (checked first: 18 digits is also a card length), 12 to 19 digits passing Luhn
are a card, then account numbers and CVVs by the words before them, then Mexican phone
numbers. A run that fits none of these survives (an order number, a Luhn-invalid
16-digit number), unless it is several numbers written one after another ("500
5512345678"): then it is split where its groups allow, and the parts are classified.
"""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.mx import curp

from kb import clabe

_I = re.IGNORECASE

# Secrets first: keys and tokens hold digit runs that would otherwise read as numbers.
_API_KEY = re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}")
_WEBHOOK_SECRET = re.compile(r"\bwhsec_[A-Za-z0-9+/=]{6,}")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_AUTH_SCHEME = re.compile(r"\b(Bearer|Basic|Token)(\s+)(?=[A-Za-z0-9\-._~+/]*\d)[A-Za-z0-9\-._~+/]{8,}=*", _I)
_PASSWORD = re.compile(r"\b(password|passwd|pwd|contrase(?:ñ|n)a|clave de acceso)(\s*[:=]\s*|\s+(?:es|is|was|era)\s*:?\s*)(\"[^\"\n]*\"|'[^'\n]*'|\S+)", _I)
_SECRET_VALUE = re.compile(
    r"\b(secret|client[_ -]?secret|api[_ -]?key|apikey|access[_ -]?token|refresh[_ -]?token|token|llave(?: privada| secreta)?)"
    r"(\s*[:=]\s*|\s+(?:es|is|was|era)\s*:?\s*)(?=\S*\d)\S{8,}", _I)
_PIN = re.compile(r"\b(nip|pin)(\s*(?:[:=]|es|is)?\s*)\d{4,6}\b", _I)
_HEX = re.compile(r"(?<![A-Za-z0-9])[0-9a-fA-F]{32,}(?![A-Za-z0-9])")
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/_=-])(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{32,}={0,2}")

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")

# CURP: 4 letters, birth date, sex, state, 3 consonants, a character and a check digit.
_CURP = re.compile(r"(?<![A-Za-z0-9])[A-Z]{4}\d{6}[A-Z0-9]{6}[A-Z0-9]\d(?![A-Za-z0-9])", _I)
# RFC by format (check digits are left alone: about 1.5 % of real RFCs fail them):
# 3 (company) or 4 (person) letters, a date YYMMDD, 3 characters of homoclave.
_RFC = re.compile(r"(?<![A-Za-z0-9Ññ&])[A-ZÑ&]{3,4}[ -]?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ -]?[A-Z0-9]{3}(?![A-Za-z0-9])", _I)

# Street addresses, where recognisable: a street word with a number after it, and the
# colonia, postal code, interior/exterior number parts that follow.
_STREET_WORD = (r"(?:calle|av(?:enida)?\.?|avda\.?|blvd\.?|boulevard|bulevar|calz(?:ada)?\.?|priv(?:ada)?\.?|cerrada|"
                r"circuito|andador|prol(?:ongaci[oó]n)?\.?|carretera|retorno)")
_ADDRESS_PART = (r"(?:(?:int|ext|no|n[uú]m|depto|dpto|mz|lt|manzana|lote|edif(?:icio)?)\.?\s*[A-Za-z0-9-]+|"
                 r"(?:col(?:onia)?|fracc(?:ionamiento)?|alc(?:ald[ií]a)?|del(?:egaci[oó]n)?|mpio|municipio)\.?\s+[^\n,;.]{2,40}|"
                 r"c\.?\s?p\.?\s*\d{5}|c[oó]digo postal:?\s*\d{5})")
_ADDRESS = re.compile(
    rf"\b{_STREET_WORD}\s+[^\n,;]{{1,50}}?\s#?\d{{1,5}}[A-Za-z]?\b(?:\s*,?\s*{_ADDRESS_PART})*"
    rf"|\b(?:col(?:onia)?\.?)\s+[A-ZÁÉÍÓÚÑ][^\n,;.]{{1,40}}(?:\s*,?\s*{_ADDRESS_PART})*"
    rf"|\bc\.?\s?p\.?\s*\d{{5}}\b|\bc[oó]digo postal:?\s*\d{{5}}\b"
    r"|\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Dr|Drive)\b\.?",
    _I)

_EXPIRY = re.compile(r"\b(exp(?:\.|iry|iration|ira|iraci[oó]n)?|vence|vencimiento|vigencia|caducidad)(\W{0,3}(?:date|fecha|el|en|:)?\W{0,3})(0?[1-9]|1[0-2])\s?/\s?(\d{4}|\d{2})\b", _I)

# Runs of digits joined by one separator; a leading + or ( belongs to a phone number.
_RUN = re.compile(r"\+?\(?\d+(?:(?:[ .\-]|\)\s?|\s?\()\d+)*\)?")
_GROUP = re.compile(r"\d+")
# How card numbers are written in groups (4-4-4-4, Amex's 4-6-5): such a run is one number.
_CARD_LAYOUT = re.compile(r"\d{4}(?:([ -])\d{4})+(?:\1\d{1,4})?|\d{4}([ -])\d{6}\2\d{4,5}")
_CVV_WORDS = re.compile(r"(?:cvv2?|cvc2?|cid|csc|c[oó]digo de seguridad|security code|card verification(?: value| code)?)\W{0,3}(?:\w+\W{1,3}){0,2}$", _I)
_ACCOUNT_WORDS = re.compile(r"(?:cuenta|cta|account|acct|a/c)\b\W{0,3}(?:\w+\W{1,3}){0,3}$", _I)


def _is_curp(text: str) -> bool:
    """A CURP by python-stdnum's rules (date, state, check digit); one whose only fault
    is its check digit is still somebody's CURP with a typo, and is redacted too."""
    try:
        curp.validate(text)
    except InvalidChecksum:
        return True
    except ValidationError:
        return False
    return True


def _number(run: str, before: str, part: bool = False) -> str | None:
    """The placeholder for a run of digits, or None when it is no personal number.
    A `part` of a longer run must have 15 digits or more to count as a card, so that a
    Luhn-invalid card-like number is never redacted a piece at a time."""
    digits = "".join(_GROUP.findall(run))
    count = len(digits)
    if count == 18 and clabe.is_valid(digits):
        return "[CLABE]"
    if (15 if part else 12) <= count <= 19 and luhn.is_valid(digits) and not run.startswith("+"):
        return f"[card ****{digits[-4:]}]"
    if 3 <= count <= 4 and _CVV_WORDS.search(before):
        return "[CVV]"
    if 6 <= count <= 20 and _ACCOUNT_WORDS.search(before):
        return "[account]"
    if count == 10 or (count == 12 and digits.startswith("52")) or (count == 13 and digits.startswith(("521", "044", "045"))):
        return "[phone]"
    return None


def _split_run(run: str, before: str) -> str:
    """Several numbers written one after another ("500 5512345678"): the longest leading
    part that is a personal number is replaced, a part that is none is kept, and so on."""
    groups = list(_GROUP.finditer(run))
    out, last, start = [], 0, 0
    while start < len(groups):
        end = start + 1
        for stop in range(len(groups), start, -1):
            first, final = groups[start].start(), groups[stop - 1].end()
            if sum(len(g.group()) for g in groups[start:stop]) > 19:
                continue
            placeholder = _number(run[first:final], before + run[:first], part=True)
            if placeholder:
                out.append(run[last:first] + placeholder)
                last, end = final, stop
                break
        start = end
    return "".join(out) + run[last:]


def _numbers(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        run = match.group()
        before = text[max(0, match.start() - 40):match.start()]
        placeholder = _number(run, before)
        if placeholder:
            return placeholder
        if len(_GROUP.findall(run)) == 1 or _CARD_LAYOUT.fullmatch(run):
            return run  # one number (a Luhn-invalid card-like one stays whole)
        return _split_run(run, before)

    return _RUN.sub(replace, text)


def redact(text: str) -> str:
    """`text` with every personal or card datum it recognises replaced by a placeholder."""
    text = _API_KEY.sub("[API key]", text)
    text = _WEBHOOK_SECRET.sub("[secret]", text)
    text = _JWT.sub("[token]", text)
    text = _AUTH_SCHEME.sub(lambda m: f"{m.group(1)}{m.group(2)}[token]", text)
    text = _PASSWORD.sub(lambda m: f"{m.group(1)}{m.group(2)}[secret]", text)
    text = _SECRET_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}[secret]", text)
    text = _PIN.sub(lambda m: f"{m.group(1)}{m.group(2)}[PIN]", text)
    text = _HEX.sub("[secret]", text)
    text = _BASE64.sub("[secret]", text)
    text = _EMAIL.sub("[email]", text)
    text = _CURP.sub(lambda m: "[CURP]" if _is_curp(m.group()) else m.group(), text)
    text = _RFC.sub("[RFC]", text)
    text = _ADDRESS.sub("[address]", text)
    text = _EXPIRY.sub(lambda m: f"{m.group(1)}{m.group(2)}[expiry]", text)
    return _numbers(text)
