"""Street addresses, where recognisable: a street word with a number after it, and the
colonia, postal code, interior/exterior number parts that follow; a US-style
"221B Baker Street". A postal code on its own stays: thousands of people share one, and
it tells an agent where a payment was made."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.redaction import placeholders as P
from kb.redaction.spans import Span

_STREET_WORD = (r"(?:calle|av(?:enida)?\.?|avda\.?|blvd\.?|boulevard|bulevar|calz(?:ada)?\.?|priv(?:ada)?\.?|cerrada|"
                r"circuito|andador|prol(?:ongaci[oó]n)?\.?|carretera|retorno)")
_ADDRESS_PART = (r"(?:(?:int|ext|no|n[uú]m|depto|dpto|mz|lt|manzana|lote|edif(?:icio)?)\.?\s*[A-Za-z0-9-]+|"
                 r"(?:col(?:onia)?|fracc(?:ionamiento)?|alc(?:ald[ií]a)?|del(?:egaci[oó]n)?|mpio|municipio)\.?\s+[^\n,;.\ue000]{2,40}|"
                 r"c\.?\s?p\.?\s*\d{5}|c[oó]digo postal:?\s*\d{5})")
_ADDRESS = re.compile(
    rf"\b{_STREET_WORD}\s+[^\n,;\ue000]{{1,50}}?\s#?\d{{1,5}}[A-Za-z]?\b(?:\s*,?\s*{_ADDRESS_PART})*"
    rf"|\b(?:col(?:onia)?\.?)\s+[A-ZÁÉÍÓÚÑ][^\n,;.\ue000]{{1,40}}(?:\s*,?\s*{_ADDRESS_PART})*"
    r"|\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Dr|Drive)\b\.?",
    re.IGNORECASE)


def addresses(work: str) -> Iterator[Span]:
    return ((m.start(), m.end(), P.ADDRESS) for m in _ADDRESS.finditer(work))
