"""A small bilingual knowledge base for the search tests: words with and without accents,
tables of codes, a glossary in the glossary's own format, internal and draft articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_app.eval import CHROMIUM, CHROMIUM_ARGS
from kb.search.index import build_index, index_root
from kb.search.searcher import SearchIndex


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium for pytest-playwright (Playwright cannot download its own here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed ({CHROMIUM}): ./scripts/test installs Debian's chromium package")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}

RETURNS_ES = """
Una transferencia SPEI se devuelve cuando el banco del beneficiario no puede abonarla.

## Causas de devolución

| Código | Causa | Qué hacer |
|---|---|---|
| 01 | Cuenta inexistente | Revise la CLABE con el beneficiario |
| 02 | Cuenta bloqueada | El beneficiario debe hablar con su banco |
| 03 | Cuenta cancelada | Pida una CLABE vigente |

Vea [contracargos](../payments/chargebacks.md).
"""
RETURNS_EN = """
A SPEI transfer is returned when the beneficiary's bank cannot credit it.

## Return causes

| Code | Cause | What to do |
|---|---|---|
| 01 | Account does not exist | Check the CLABE with the beneficiary |
| 02 | Blocked account | The beneficiary must talk to their bank |
| 03 | Closed account | Ask for a current CLABE |

See [chargebacks](../payments/chargebacks.md).
"""
CHARGEBACKS_EN = """
A chargeback happens when a cardholder disputes a card payment with their bank.

## Deadlines

The merchant has 7 days to send evidence.

See [returns](../spei/returns.md).
"""
CHARGEBACKS_ES = """
Un contracargo ocurre cuando el tarjetahabiente disputa un pago con su banco.

## Plazos

El comercio tiene 7 días para enviar evidencia.

Vea [devoluciones](../spei/returns.md).
"""
DECLINES_EN = """
Card payments are declined with a response code chosen by the issuing bank.

## Response codes

| Code | Meaning | What to tell the customer |
|---|---|---|
| 05 | Do not honor | Call your bank or use another card |
| 51 | Insufficient funds | Use another card |
| 54 | Expired card | Check the expiry date |

## HTTP errors

| Status | Meaning |
|---|---|
| 422 | Unprocessable entity: a field is invalid |

See [chargebacks](chargebacks.md).
"""
GLOSSARY_EN = """
## Terms

| English | Spanish | Meaning |
|---|---|---|
| chargeback | contracargo | The bank takes a payment back |
| return / returned transfer | devolución | A transfer sent back |
| installments (MSI) | meses sin intereses | Paying in months |

See [chargebacks](payments/chargebacks.md).
"""
GLOSSARY_ES = """
## Términos

| Español | Inglés | Significado |
|---|---|---|
| contracargo | chargeback | El banco quita un pago |
| clave de rastreo | tracking key | El identificador de una transferencia |

Vea [contracargos](payments/chargebacks.md).
"""
SECRET_EN = """
Internal escalation matrix for fraud rings: call the risk desk.

See [chargebacks](../payments/chargebacks.md).
"""


@pytest.fixture
def kb(project):
    """The fixture project with its articles written (not indexed)."""
    project.article("spei/returns", "es", RETURNS_ES, title="Devoluciones SPEI y sus códigos", tags=["spei", "returns"],
                    summary="Por qué se devuelve una transferencia SPEI y qué significa cada causa de devolución.")
    project.article("spei/returns", "en", RETURNS_EN, title="SPEI returns and their codes", tags=["spei", "returns"],
                    summary="Why a SPEI transfer is returned and what each return cause means.")
    project.article("payments/chargebacks", "en", CHARGEBACKS_EN, title="Chargebacks", tags=["chargebacks"],
                    summary="What a chargeback is and the merchant's deadlines.")
    project.article("payments/chargebacks", "es", CHARGEBACKS_ES, title="Qué hacer ante un reclamo del tarjetahabiente",
                    tags=["chargebacks"], summary="Plazos del comercio y evidencia.")
    project.article("payments/declines", "en", DECLINES_EN, title="Card decline codes", tags=["spei"],
                    summary="What each response code means.")
    project.article("glossary", "en", GLOSSARY_EN, title="Glossary", tags=["spei"], summary="English and Spanish terms.")
    project.article("glossary", "es", GLOSSARY_ES, title="Glosario", tags=["spei"], summary="Términos en inglés y español.")
    project.article("procedures/fraud-rings", "en", SECRET_EN, title="Fraud rings escalation", audience="internal",
                    tags=["escalation"], summary="Who to call about fraud rings.")
    project.article("procedures/draft-plan", "en", SECRET_EN.replace("Internal", "Draft"), title="Draft fraud plan",
                    status="draft", tags=["escalation"], summary="Unfinished fraud rings plan.")
    return project


@pytest.fixture
def indexed(kb):
    """The fixture project with both indexes built; returns a function opening one."""
    catalog = kb.catalog()
    assert not catalog.errors, catalog.errors
    for audience in ("public", "internal"):
        build_index(catalog, audience)

    def open_index(audience: str = "internal") -> SearchIndex:
        return SearchIndex(index_root(kb.root) / audience)

    return open_index
