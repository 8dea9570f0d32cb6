"""The words written just before a value, which decide what an ambiguous shape is: a
10-digit number after "pedido" or "guía" is an order or a parcel, after "cel" or
"llámame" a phone; the nearest such word wins ("mi cuenta tiene el pedido 1234567890"
is an order)."""

from __future__ import annotations

import re
from enum import StrEnum


class Label(StrEnum):
    """What the nearest naming word says a value is."""

    ORDER = "order"  # an identifier of a thing, not of a person: order, folio, guía, transaction...
    AMOUNT = "amount"
    PHONE = "phone"
    ACCOUNT = "account"
    CARD = "card"
    CVV = "cvv"
    RFC = "rfc"


_WORDS = {
    Label.ORDER: r"pedidos?|[oó]rden(?:es)?|orders?|folios?|gu[ií]as?|tickets?|transacci[oó]n|transacciones|transactions?|txn|trx|"
                 r"tx|referencias?|ref|reference|rastreo|tracking|factura|invoice|operaci[oó]n|autorizaci[oó]n|authori[sz]ation|"
                 r"auth|caso|case|movimiento|comprobante|recibo|receipt|lote|batch|timestamp|epoch|id|serie|serial|versi[oó]n|"
                 r"version|c[oó]digo|code|error|afiliaci[oó]n|terminal|tienda|store|sku|cep|sesi[oó]n|session|request|"
                 r"solicitud|env[ií]o|shipment|paquete|parcel|awb|n[uú]mero de cliente|"
                 r"customer id|merchant id|clave de rastreo|convenio|contrato|contract|p[oó]liza|policy|cup[oó]n|coupon|"
                 r"created_at|updated_at|unix|isbn|gtin|ean|upc|c[oó]digo de barras|barcode",
    Label.AMOUNT: r"monto|importe|total|amount|saldo|balance|mxn|usd|pesos|\$",
    Label.PHONE: r"tel|tel[eé]fonos?|phones?|cel|celular|cell|m[oó]vil|mobile|whatsapp|whats|wa|"
                 r"ll[aá]ma|ll[aá]mame|ll[aá]men|ll[aá]mar|ll[aá]menme|"
                 r"marca|marcar|marquen|m[aá]rcame|contacto|contact|call|fax|lada|sms|n[uú]mero de contacto",
    Label.ACCOUNT: r"cuentas?|cta|account|acct|a/c",
    Label.CARD: r"tarjetas?|cards?|tdc|tdd|pl[aá]stico|d[eé]bito|cr[eé]dito|debit|credit|pan",
    Label.CVV: r"cvv2?|cvc2?|cid|csc|c[oó]digo de seguridad|security code|d[ií]gitos de atr[aá]s|reverso de la tarjeta|"
               r"back of the card|card verification value|card verification code|card verification",
    Label.RFC: r"rfc|tax id|tax number|registro federal de contribuyentes|clave del rfc",
}
# Longest alternatives first, so "código de seguridad" is a CVV word, not "código".
# (No alternative holds a "|" of its own: the lists are split on it.)
_ALTERNATIVES = sorted(((word, label) for label, words in _WORDS.items() for word in words.split("|")),
                       key=lambda item: -len(item[0]))
_LABEL = re.compile("|".join(f"(?P<g{n}>(?<![^\\W_])(?:{word})(?![^\\W_]))" for n, (word, _) in enumerate(_ALTERNATIVES)),
                    re.IGNORECASE)
_GROUP_LABEL = {f"g{n}": label for n, (_, label) in enumerate(_ALTERNATIVES)}
# At most four words between the naming word and the value ("pedido que me dieron es 123"),
# none of them a number: a word names the first number after it ("pedido 123, cel 55...").
_GAP = re.compile(r"^[^\w\n]{0,4}_?(?:[^\W\d_]+[^\w\n]{1,4}){0,4}$")
# ...or a list of numbers the word names ("pedidos 5512345678 y 5598765432").
_LIST = re.compile(r"^[^\w\n]{0,3}(?:#?\d[\d .-]*(?:,|/|\s(?:y|e|o|u|and|or)\b)[^\w\n]{0,3})+$", re.IGNORECASE)
WINDOW = 60


def label_before(work: str, start: int) -> Label | None:
    """The label of the nearest naming word before `start`, with at most four words
    between, on the same line."""
    window = work[max(0, start - WINDOW):start]
    nearest = None
    for m in _LABEL.finditer(window):
        nearest = m
    if nearest is None or not (_GAP.match(window[nearest.end():]) or _LIST.match(window[nearest.end():])):
        return None
    return _GROUP_LABEL[nearest.lastgroup]
