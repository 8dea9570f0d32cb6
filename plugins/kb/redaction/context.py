"""The words written just before a value, which decide what an ambiguous shape is: a
10-digit number after "pedido" or "guía" is an order or a parcel, after "cel" or
"llámame" a phone; the nearest such word wins ("mi cuenta tiene el pedido 1234567890"
is an order). Words are compared folded (no case, no accents), so "guia" is "guía"."""

from __future__ import annotations

import re
from enum import StrEnum

from kb.stubs.words import fold


class Label(StrEnum):
    """What the nearest naming word says a value is."""

    ORDER = "order"  # an identifier of a thing, not of a person: order, folio, guía, transaction...
    AMOUNT = "amount"
    PHONE = "phone"
    ACCOUNT = "account"
    CARD = "card"
    CVV = "cvv"
    RFC = "rfc"


# Naming words, folded; the words of a phrase are joined by "+".
_PHRASES = {
    Label.ORDER: """
        pedido pedidos orden ordenes order orders folio folios guia guias ticket tickets transaccion transacciones transaction
        transactions txn trx tx referencia referencias ref reference rastreo tracking factura invoice operacion autorizacion
        authorization authorisation auth caso case movimiento comprobante recibo receipt lote batch timestamp epoch id serie
        serial version codigo code error afiliacion terminal tienda store sku cep sesion session request solicitud envio
        shipment paquete parcel awb convenio contrato contract poliza policy cupon coupon created+at updated+at unix isbn gtin
        ean upc barcode numero+de+cliente customer+id merchant+id clave+de+rastreo codigo+de+barras trace traza
        oc orden+de+compra purchase+order po concepto cargo cargos charge charges cfdi build modelo model""",
    Label.AMOUNT: "monto importe total amount saldo balance mxn usd pesos",
    Label.PHONE: """
        tel telefono telefonos phone phones cel celular cell movil mobile whatsapp whats wa llama llamame llamen llamar
        llamenme marca marcar marquen marcame contacto contact call fax lada sms numero+de+contacto""",
    Label.ACCOUNT: "cuenta cuentas cta account acct",
    Label.CARD: "tarjeta tarjetas card cards tdc tdd plastico debito credito debit credit pan",
    Label.CVV: """cvv cvv2 cvc cvc2 cid csc codigo+de+seguridad security+code digitos+de+atras reverso+de+la+tarjeta
        back+of+the+card card+verification+value card+verification+code card+verification on+the+back de+atras al+reverso
        en+el+reverso detras+de+la+tarjeta""",
    Label.RFC: "rfc tax+id tax+number registro+federal+de+contribuyentes clave+del+rfc",
}
_LABELS = {phrase.replace("+", " "): label for label, text in _PHRASES.items() for phrase in text.split()}
_LONGEST = max(len(phrase.split()) for phrase in _LABELS)
_TOKEN = re.compile(r"[^\W_]+")
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
    tokens = [(fold(m.group()), m.end()) for m in _TOKEN.finditer(window)][-(_LONGEST + 6):]
    for last in range(len(tokens) - 1, -1, -1):
        for size in range(min(_LONGEST, last + 1), 0, -1):
            label = _LABELS.get(" ".join(word for word, _ in tokens[last - size + 1:last + 1]))
            if label is not None:
                rest = window[tokens[last][1]:]
                return label if _GAP.match(rest) or _LIST.match(rest) else None
    return None
