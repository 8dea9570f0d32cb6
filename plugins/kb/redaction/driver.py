"""Running the detectors over a text in order, each on a copy where what earlier ones
claimed is masked, then putting each placeholder exactly where its value was."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from functools import lru_cache

from kb.redaction import address, contact, documents, identifiers, names, numbers, secrets
from kb.redaction.placeholders import EXISTING
from kb.redaction.spans import MASK, Span

Detector = Callable[[str], Iterable[Span]]


def _existing(work: str) -> Iterable[Span]:
    """Placeholders already in the text: kept as they are (idempotence)."""
    return ((m.start(), m.end(), m.group()) for m in EXISTING.finditer(work))


# Order matters: secrets and emails hold digit runs and letters that later detectors
# would read as numbers, identifiers or names; numbers come after every identifier that
# contains digits; names come last, on what is left.
DETECTORS: tuple[Detector, ...] = (
    _existing, secrets.keys, contact.emails, contact.wallets, secrets.opaque, contact.ip_addresses,
    identifiers.ibans, identifiers.curps, documents.documents, identifiers.rfcs, numbers.card_details, numbers.labelled_cvvs, numbers.expiries, address.addresses,
    numbers.numbers, names.names,
)


@lru_cache(maxsize=4096)  # an export repeats its tags, channels and phrasings thousands of times
def redact(text: str) -> str:
    """`text` with every personal or card datum it recognises replaced by a placeholder."""
    if not text:
        return text
    work = text.replace(MASK, " ")
    spans: list[Span] = []
    for detect in DETECTORS:
        found: list[Span] = []  # sorted and disjoint: a new span need only be compared with its neighbours
        for start, end, placeholder in detect(work):
            at = bisect.bisect_left(found, (start,))
            if (start < end and MASK not in work[start:end] and (at == 0 or found[at - 1][1] <= start)
                    and (at == len(found) or end <= found[at][0])):
                found.insert(at, (start, end, placeholder))
        if found:
            spans.extend(found)
            pieces, last = [], 0
            for start, end, _ in found:
                pieces += [work[last:start], MASK * (end - start)]
                last = end
            work = "".join(pieces) + work[last:]
    spans.sort()
    out, last = [], 0
    for start, end, placeholder in spans:
        out += [text[last:start], placeholder]
        last = end
    return "".join(out) + text[last:]
