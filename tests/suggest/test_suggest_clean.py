"""A ticket's text, cleaned: quoted older messages, greetings, signatures, disclaimers and
personal data never reach the words searched for."""

from hypothesis import given
from hypothesis import strategies as st

from kb.suggest.clean import clean_ticket


def test_a_spanish_quoted_reply_and_its_header_are_cut():
    _, body = clean_ticket("", "La transferencia no llega.\n\nEl mar, 11 nov 2025 a las 9:15, Soporte <s@x.mx> escribió:\n"
                               "> Mande la clave de rastreo\n> contracargo tarjeta\n")
    assert "transferencia no llega" in body
    assert "escribi" not in body and "rastreo" not in body and "contracargo" not in body


def test_an_english_quoted_reply_and_forwarded_headers_are_cut():
    _, body = clean_ticket("", "Refund please.\nOn Tue, 4 Nov 2025 at 10:12, Ana <a@b.com> wrote:\nold chargeback text\n")
    assert body.strip() == "Refund please."
    _, body = clean_ticket("", "Mire esto\n---------- Mensaje reenviado ----------\nDe: Cobranza\nviejo texto")
    assert "viejo" not in body and "Mire esto" in body


def test_quote_marks_anywhere_drop_the_line():
    _, body = clean_ticket("", "> quoted webhook\nmy own words\n  > indented quote")
    assert "webhook" not in body and "indented" not in body and "my own words" in body


def test_greeting_signature_and_disclaimer_go():
    text = ("Hola buenas tardes,\nEl pago sale rechazado con codigo 51.\nSaludos\nMariana Lopez\nGerente de Tienda\n"
            "Tel 55 1234 5678")
    _, body = clean_ticket("", text)
    assert body.strip() == "El pago sale rechazado con codigo 51."
    _, body = clean_ticket("", "Hi team,\nPayout missing.\nCONFIDENTIALITY NOTICE: this e-mail is for the intended recipient.")
    assert body.strip() == "Payout missing."


def test_a_sign_off_word_early_in_a_long_message_keeps_the_rest():
    lines = ["Gracias por la respuesta anterior."] + [f"linea {n} del problema con el deposito" for n in range(12)]
    _, body = clean_ticket("", "\n".join(lines))
    assert "linea 11" in body


def test_reply_prefixes_leave_the_subject():
    subject, _ = clean_ticket("RE: Fwd: RV: Pago rechazado", "")
    assert subject == "Pago rechazado"


def test_personal_data_never_reaches_the_words():
    text = ("Mi tarjeta 4111 1111 1111 1111 cvv 123, correo ana.lopez@example.com, cel 55 1234 5678, "
            "CLABE 002180700123456788, RFC GORR800101AB1")
    subject, body = clean_ticket("Cargo de ana.lopez@example.com", text)
    for planted in ("4111", "1111", "ana.lopez", "example", "1234 5678", "002180700123456788", "GORR800101AB1"):
        assert planted not in subject + body
    assert "[" not in body  # the placeholders themselves are not words to search for


@given(st.text(max_size=400), st.text(max_size=2000))
def test_any_text_is_cleaned_without_error(subject, description):
    subject_out, body = clean_ticket(subject, description)
    assert isinstance(subject_out, str) and isinstance(body, str)
    assert len(body) <= 4 * len(description) + 10
