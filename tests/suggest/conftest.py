"""A small project whose articles carry ready replies (with a fact that reads differently
in each language), indexed, for the suggestions' tests."""

import pytest

from kb.search.index import build_index, index_root
from kb.search.searcher import SearchIndex

REPLY = '''
## Ready reply

!!! reply "Ready reply"

    === "Español"

        ```text
        Hola, su depósito llega en {{ platform.payouts.card_days }}.
        ```

    === "English"

        ```text
        Hi, your payout arrives in {{ platform.payouts.card_days }}.
        ```
'''
DECLINES = '''
Card payments are declined with a response code from the issuing bank.

## Response codes

| Code | Meaning | What to tell the customer |
|---|---|---|
| 05 | Do not honor | Call your bank |
| 51 | Insufficient funds | Use another card |
''' + REPLY
DECLINES_ES = '''
Los pagos con tarjeta se rechazan con un código del banco emisor.

## Códigos de respuesta

| Código | Significado | Qué decirle al cliente |
|---|---|---|
| 05 | No aceptar | Llame a su banco |
| 51 | Fondos insuficientes | Use otra tarjeta |
''' + REPLY
PAYOUTS = "Payouts of card sales reach the merchant's bank account on business days.\n\n## Payout schedule\n\nEvery business day.\n"
PAYOUTS_ES = "Los depósitos de ventas con tarjeta llegan a la cuenta del comercio en días hábiles.\n\n## Calendario de depósitos\n\nCada día hábil.\n"
SECRET = "Internal fraud desk numbers for declined cards with code 51.\n" + REPLY.replace("depósito", "caso interno")


@pytest.fixture
def shop(project):
    project.article("payments/declines", "en", DECLINES, title="Card decline codes", summary="What each response code means.")
    project.article("payments/declines", "es", DECLINES_ES, title="Códigos de rechazo de tarjeta",
                    summary="Qué significa cada código de respuesta.")
    project.article("payouts/schedule", "en", PAYOUTS, title="Payout schedule", summary="When card sales are paid out.")
    project.article("payouts/schedule", "es", PAYOUTS_ES, title="Calendario de depósitos",
                    summary="Cuándo se depositan las ventas con tarjeta.")
    project.article("procedures/fraud-desk", "en", SECRET, title="Fraud desk", audience="internal",
                    summary="Who to call about fraud.")
    catalog = project.catalog()
    assert not catalog.errors, catalog.errors
    for audience in ("public", "internal"):
        build_index(catalog, audience)
    project.index = lambda audience="internal": SearchIndex(index_root(project.root) / audience)
    return project
