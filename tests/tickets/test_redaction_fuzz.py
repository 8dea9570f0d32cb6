"""Property-based tests of the redaction (Hypothesis): for any text it returns a string
without an exception; redacting twice gives the same text as redacting once; and a value
of a randomly generated kind planted among ordinary words never survives.

The number of examples is twice the Hypothesis profile's (tests/conftest.py: `ci` by default,
KB_HYPOTHESIS_PROFILE=long for a longer run on demand)."""

from __future__ import annotations

import ipaddress
import string
import time

from hypothesis import example, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.iso7064 import mod_97_10
from stdnum.mx import curp

from kb import clabe
from kb.redaction import redact

FUZZ = settings(max_examples=2 * settings().max_examples)  # twice the profile's (tests/conftest.py): cheap, and the widest door

# Text that exercises the patterns: digits, separators, brackets, @, capitals, accents.
_PIECES = st.sampled_from(list("0123456789 .-/:()[]@+#_,;\n\tABCXYZabcxyzÁÉÑáéñ") +
                          ["CVV ", "tarjeta ", "pedido ", "soy ", "Saludos, ", "María ", "López ", "+52 ", "RFC ", "IBAN ",
                           "DE89", "4111", "@x.mx", "0x", "bc1", "[card ****4242]", "[name]", "CLABE ", "cel ", "\ue000"])
TEXTS = st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=120).map("".join))


@FUZZ
@given(TEXTS)
@example("0@0.00/@0.00")  # found by Hypothesis in CI: a second address glued to the first
def test_any_text_gives_text_and_redacting_twice_changes_nothing(text: str) -> None:
    once = redact(text)
    assert isinstance(once, str)
    assert redact(once) == once


def test_long_hostile_inputs_are_linear_enough() -> None:
    """Shapes that would make a careless pattern backtrack: each 20,000-character text is
    redacted in well under the time a quadratic pattern would take (seconds)."""
    shapes = ["1 " * 10_000, "1-" * 10_000, "a" * 20_000, "a@" * 10_000, "a." * 10_000 + "@", "Juan " * 4_000,
              "f:" * 10_000, "AB12 " * 4_000, "0x" + "a" * 20_000, "(" * 10_000 + "1" * 10_000, "Ab" * 10_000]
    for text in shapes:
        started = time.perf_counter()
        redact(text)
        assert time.perf_counter() - started < 5, text[:20]


_WORDS = st.lists(st.sampled_from("hola el pago no se refleja ayer please help my the de la con por favor gracias urgente "
                                  "compra cliente merchant refund today".split()), max_size=6).map(" ".join)


def _grouped(number: str, separator: str) -> str:
    return separator.join(number[i:i + 4] for i in range(0, len(number), 4)) if separator else number


@st.composite
def cards(draw: st.DrawFn) -> tuple[str, list[str]]:
    prefix = draw(st.sampled_from(["4", "51", "55", "2221", "34", "37", "6011", "35", "62"]))
    length = draw(st.sampled_from([16, 16, 15, 19, 13])) if prefix != "34" and prefix != "37" else 15
    body = prefix + "".join(draw(st.lists(st.sampled_from(string.digits), min_size=length - len(prefix) - 1,
                                          max_size=length - len(prefix) - 1)))
    number = body + luhn.calc_check_digit(body)
    written = _grouped(number, draw(st.sampled_from(["", " ", "-"]))) if length == 16 else number
    return written, [number, written]


@st.composite
def clabes(draw: st.DrawFn) -> tuple[str, list[str]]:
    first = "".join(draw(st.lists(st.sampled_from(string.digits), min_size=17, max_size=17)))
    number = first + str(clabe.check_digit(first))
    return number, [number]


@st.composite
def ibans(draw: st.DrawFn) -> tuple[str, list[str]]:
    country, length = draw(st.sampled_from([("DE", 18), ("ES", 20), ("FR", 23), ("IT", 23), ("NL", 14)]))
    bban = "".join(draw(st.lists(st.sampled_from(string.digits), min_size=length, max_size=length)))
    if country == "NL":
        bban = "ABNA" + bban[4:]  # the bank's four letters
    if country == "IT":
        bban = "X" + bban[1:]  # the CIN letter
    check = mod_97_10.calc_check_digits(bban + country)
    number = country + check + bban
    return _grouped(number, draw(st.sampled_from(["", " "]))), [number[4:]]


@st.composite
def phones(draw: st.DrawFn) -> tuple[str, list[str]]:
    area = draw(st.sampled_from(["55", "33", "81"]))
    rest = "".join(draw(st.lists(st.sampled_from(string.digits), min_size=8, max_size=8)))
    layout = draw(st.sampled_from(["{a}{r}", "{a} {r1} {r2}", "({a}) {r1}-{r2}", "+52 {a} {r1} {r2}", "+52 1 {a} {r1} {r2}"]))
    written = layout.format(a=area, r=rest, r1=rest[:4], r2=rest[4:])
    return written, [area + rest, rest[:4] + " " + rest[4:], rest[:4] + "-" + rest[4:]]


@st.composite
def emails(draw: st.DrawFn) -> tuple[str, list[str]]:
    local = draw(st.from_regex(r"[a-zñáéíóú][a-z0-9ñáéíóú._+-]{0,15}[a-z0-9ñ]", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z]\.(com|mx|com\.mx|org)", fullmatch=True))
    return f"{local}@{domain}", [f"{local}@"]


@st.composite
def curps(draw: st.DrawFn) -> tuple[str, list[str]]:
    letters = draw(st.sampled_from(["HEGG", "BEML", "PEGL", "TOMA", "MARR", "LOPJ"]))
    year, month, day = draw(st.integers(0, 99)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    state = draw(st.sampled_from(["DF", "JC", "NL", "MC", "VZ", "MN", "PL"]))
    body = f"{letters}{year:02d}{month:02d}{day:02d}{draw(st.sampled_from('HM'))}{state}" + \
        draw(st.from_regex(r"[B-DF-HJ-NP-TV-Z]{3}[0-9A]", fullmatch=True))
    number = body + curp.calc_check_digit(body)
    return number, [number]


@st.composite
def ip_addresses(draw: st.DrawFn) -> tuple[str, list[str]]:
    if draw(st.booleans()):
        value = str(ipaddress.IPv4Address(draw(st.integers(1 << 24, (1 << 32) - 1))))
    else:
        value = str(ipaddress.IPv6Address(draw(st.integers(1 << 100, (1 << 128) - 1))))
    return value, [value]


@st.composite
def wallets(draw: st.DrawFn) -> tuple[str, list[str]]:
    value = "0x" + draw(st.from_regex(r"[0-9a-fA-F]{40}", fullmatch=True))
    return value, [value]


@FUZZ
@given(st.one_of(cards(), clabes(), ibans(), phones(), emails(), curps(), ip_addresses(), wallets()), _WORDS, _WORDS,
       st.sampled_from([" ", ", ", ": ", " (", " ["]))
def test_no_planted_value_of_a_generated_kind_survives(planted: tuple[str, list[str]], before: str, after: str,
                                                       opening: str) -> None:
    value, forbidden = planted
    closing = {" (": ")", " [": "]"}.get(opening, " ")
    text = f"{before}{opening}{value}{closing}{after}"
    out = redact(text)
    for piece in forbidden:
        assert piece not in out, (text, out)
    assert out.startswith(before + opening) and out.endswith(closing + after), (text, out)


def test_addresses_glued_to_one_another_are_all_redacted() -> None:
    for text in ("ana@correo.mx/bob@banco.com.mx", "ana@correo.mx+bob@banco.mx", "ana@x.mx.bob@y.mx"):
        redacted = redact(f"Escriban a {text} hoy")
        assert "bob" not in redacted and "ana" not in redacted and "[email]" in redacted, redacted
