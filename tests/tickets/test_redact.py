"""Personal and card data in customer text become visible placeholders; look-alikes stay."""

from __future__ import annotations

import re

import pytest
from stdnum import luhn

from kb import clabe
from kb.redaction import redact
from tickets.exports import CLABE, CURP, PLANTED, luhn_card

# The card networks' published test numbers (Visa, Mastercard, Amex, Discover, Diners,
# JCB, UnionPay 16 and 19 digits), and a 12-digit one made with Luhn's check digit.
TEST_CARDS = ["4111111111111111", "4012888888881881", "4242424242424242", "5555555555554444", "5105105105105100",
              "2223003122003222", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
              "30569309025904", "38520000023237", "3530111333300000", "3566002020360505", "6200000000000005",
              "6205500000000000004", luhn_card("5018", 12)]


def spaced(number: str, separator: str) -> str:
    if len(number) == 15:  # Amex: 4-6-5
        return separator.join([number[:4], number[4:10], number[10:]])
    return separator.join(number[i:i + 4] for i in range(0, len(number), 4))


@pytest.mark.parametrize("number", TEST_CARDS)
@pytest.mark.parametrize("separator", ["", " ", "-"])
def test_test_cards_bare_spaced_and_dashed(number: str, separator: str) -> None:
    assert luhn.is_valid(number)
    written = spaced(number, separator) if separator else number
    out = redact(f"mi tarjeta {written}, gracias")
    assert out == f"mi tarjeta [card ****{number[-4:]}], gracias"


@pytest.mark.parametrize("number", ["4111111111111112", "5555555555554445", "378282246310006", "6011111111111118",
                                    "4242424242424241"])
@pytest.mark.parametrize("separator", ["", " ", "-"])
def test_luhn_invalid_numbers_survive(number: str, separator: str) -> None:
    assert not luhn.is_valid(number)
    written = spaced(number, separator) if separator else number
    assert redact(f"folio {written} del pedido") == f"folio {written} del pedido"


@pytest.mark.parametrize("text", [
    "pedido 12345678 del 2024-03-05 por $1,500.00 MXN a las 10:30",
    "referencia 0012345, 3 pagos de 499.90",
    "error 422 en la API, código R03",
])
def test_ordinary_numbers_survive(text: str) -> None:
    assert redact(text) == text


def test_clabe_is_checked_before_cards() -> None:
    # an 18-digit number that is both a valid CLABE and Luhn-valid is reported as a CLABE
    both = next(n for n in (f"{i:017d}" for i in range(10**15, 10**15 + 5000))
                if luhn.is_valid(n + str(clabe.check_digit(n))))
    both += str(clabe.check_digit(both))
    assert luhn.is_valid(both) and clabe.is_valid(both)
    assert redact(f"CLABE {both}") == f"CLABE [CLABE {both[:3]}***]"
    assert redact(f"{CLABE[:3]} {CLABE[3:6]} {CLABE[6:17]} {CLABE[17]}") == f"[CLABE {CLABE[:3]}***]"
    wrong = CLABE[:17] + str((int(CLABE[17]) + 1) % 10)
    if not luhn.is_valid(wrong):
        assert redact(wrong) == wrong  # an 18-digit number that checks as neither stays


@pytest.mark.parametrize(("text", "expected"), [
    ("CVV 123", "CVV [CVV]"),
    ("mi cvc es 9876", "mi cvc es [CVV]"),
    ("código de seguridad: 456", "código de seguridad: [CVV]"),
    ("security code is 0042", "security code is [CVV]"),
    ("vence 12/27 la tarjeta", "vence [expiry] la tarjeta"),
    ("NIP 4321", "NIP [PIN]"),
    ("cuenta 1234567890", "cuenta [account]"),
    ("no. de cuenta: 0123 4567 89", "no. de cuenta: [account]"),
    ("account number 55443322", "account number [account]"),
    ("escribe a juan.perez+pagos@correo.com.mx hoy", "escribe a [email] hoy"),
    ("+52 55 1234 5678", "[phone]"),
    ("+52 1 55 1234 5678", "[phone]"),
    ("(55) 1234-5678", "[phone]"),
    ("55-1234-5678", "[phone]"),
    ("5512345678", "[phone]"),
    ("555.123.4567", "[phone]"),
    ("pagué 500 5512345678", "pagué 500 [phone]"),
    (f"CURP {CURP}", "CURP [CURP]"),
    (f"curp {CURP.lower()}", "curp [CURP]"),
    ("RFC GODE561231GR8", "RFC [RFC]"),
    ("rfc moral ABC850101AB1", "rfc moral [RFC]"),
    ("RFC GODE-561231-GR8", "RFC [RFC]"),
    ("key sk_live_4eC39HqLyjWDarjtT1zdp7dc", "key [API key]"),
    ("pk_test_TYooMQauvdEDq54NiTphI7jx", "[API key]"),
    ("Authorization: Bearer abc123def456ghi789", "Authorization: Bearer [token]"),
    ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "[token]"),
    ("token: 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "token: [secret]"),
    ("webhook secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "webhook secret [secret]"),
    ("hash 5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76", "hash [secret]"),
    ("contraseña: perrito", "contraseña: [secret]"),
    ("Calle Reforma 123, Col. Juárez, C.P. 06600, CDMX", "[address], CDMX"),
    ("Av. Insurgentes Sur 1602 Int. 4", "[address]"),
    ("vivo en Col. Roma Norte", "vivo en [address]"),
    ("CP 06700", "CP 06700"),  # a postal code alone is shared by thousands of people
    ("221B Baker Street", "[address]"),
])
def test_each_kind_has_its_placeholder(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "the token is expired",  # words, not secrets
    "Basic questions about SPEI",
    "mi CURP es BOXW310899HNERXN09",  # no such day: not a CURP by python-stdnum's rules
])
def test_look_alikes_survive(text: str) -> None:
    assert redact(text) == text


def test_curp_with_a_typo_in_its_check_digit_is_still_redacted() -> None:
    typo = CURP[:-1] + str((int(CURP[-1]) + 1) % 10)
    assert redact(typo) == "[CURP]"


def test_planted_data_of_every_kind_is_removed_and_redaction_is_stable() -> None:
    text = " | ".join(planted for _, planted, _, _ in PLANTED)
    out = redact(text)
    for kind, _, forbidden, placeholder in PLANTED:
        assert placeholder in out, kind
        for value in forbidden:
            assert value not in out, (kind, value)
    assert redact(out) == out
    assert not re.search(r"\d{6,}", out.replace("****", ""))


@pytest.mark.parametrize(("text", "expected"), [
    # issue 13: each way the redaction used to fail
    ("escribe a josé.garcía@correo.mx hoy", "escribe a [email] hoy"),
    ("o a ana.núñez@ejemplo.com.mx.", "o a [email]."),
    ("mi RFC es GODE561231", "mi RFC es [RFC]"),
    ("RFC GODE561231, gracias", "RFC [RFC], gracias"),
    ("RFC GODE561231 por favor", "RFC [RFC] por favor"),
    ("IBAN ES91 2100 0418 4502 0005 1332 por favor", "IBAN [IBAN ES**] por favor"),
    ("llamen al +55 11 98765-4321 o al +49 30 12345678", "llamen al [phone +55] o al [phone +49]"),
    ("desde 201.141.23.4 y 2001:db8::ff00:42:8329", "desde [IP] y [IP]"),
    ("wallet 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ", "wallet [wallet]"),
    ("tarjeta (4242424242424242)", "tarjeta ([card ****4242])"),
    ("[5555 5555 5555 4444]", "[[card ****4444]]"),
    ("Saludos, María López", "Saludos, [name]"),
])
def test_what_the_redaction_used_to_miss_or_eat(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "pedido 5512345678, guía 3336161234, folio 8112345678",
    "timestamp 1710460800",
    "mi cuenta tiene el pedido 1234567890 pendiente",
    "la referencia PAGO240315A01 y la factura FAC-240315-001",
    "pago 240305 por $1,500.00",
    f"folio {luhn_card('2403', 13)} pagado",
])
def test_what_the_redaction_used_to_destroy_stays(text: str) -> None:
    assert luhn.is_valid(luhn_card("2403", 13))
    assert redact(text) == text
