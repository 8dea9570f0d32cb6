"""A ticket's text without what tells nothing about the question: the earlier messages it
quotes, greetings, thanks, signatures, legal disclaimers, and the personal data in it
(replaced by the project's redaction placeholders, which are then dropped).

Help desks paste replies below a header ("On Mon, 3 Mar 2025, Ana wrote:", "El lun, 3 mar
2025, Ana escribió:", "-----Original Message-----", "De: ... Enviado: ..."); everything from
there on is an older message. A signature starts at a sign-off line ("Saludos", "Regards",
"Atentamente", "-- ") near the end; what follows it (name, title, phone) is dropped.
"""

from __future__ import annotations

import re

from kb.redaction import redact
from kb.redaction.placeholders import EXISTING
from kb.text import fold

# Lines from which the rest is a quoted older message.
_QUOTE_HEADER = re.compile(
    r"^\s*(?:"
    r"on\b.{0,200}\bwrote\s*:?"
    r"|el\b.{0,200}\bescribio\s*:?"
    r"|-{2,}\s*(?:original message|mensaje original|forwarded message|mensaje reenviado)\s*-{2,}"
    r"|(?:from|de)\s*:.*"  # an Outlook header block ("De: ... Enviado: ...")
    r"|_{10,}"
    r")\s*$")
_SIGN_OFF = re.compile(
    r"^\s*(?:--\s*|"
    r"(?:saludos|saludos cordiales|un saludo|atentamente|cordialmente|quedo atent[oa]|quedamos atentos"
    r"|gracias|muchas gracias|mil gracias|gracias de antemano|de antemano gracias|best|best regards|regards"
    r"|kind regards|thanks|thank you|thanks in advance|many thanks|cheers|sincerely|br)\b[^.?!]{0,60})$")
_DISCLAIMER = re.compile(
    r"\b(?:confidencial|confidential|aviso de privacidad|privacy notice|este correo|this e-?mail|this message"
    r"|este mensaje|disclaimer|destinatario|intended recipient|sent from my|enviado desde mi)\b")
_GREETING = re.compile(
    r"^\s*(?:hola|buen(?:os|as)? (?:dias|tardes|noches)|buen dia|estimad[oa]s?|hello|hi|hey|dear|good (?:morning|afternoon|evening)"
    r"|que tal|saludos)\b[^.?!\n]{0,30}[,!:]*\s*$")
_PLACEHOLDER = EXISTING  # the redaction's own placeholders: dropped, they are no words to search for
SIGNATURE_LINES = 8  # a sign-off farther than this from the end is part of the message


def without_quotes(text: str) -> str:
    """The message before the first quoted older message (lines starting with ">" go too)."""
    kept = []
    for line in text.splitlines():
        folded = fold(line)
        if _QUOTE_HEADER.match(folded) and kept:
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
    return "\n".join(kept)


def without_signature(lines: list[str]) -> list[str]:
    """The lines up to a sign-off near the end (the signature under it goes)."""
    start = max(0, len(lines) - SIGNATURE_LINES)
    for number in range(start, len(lines)):
        if number > 0 and _SIGN_OFF.match(fold(lines[number])):
            return lines[:number]
    return lines


def clean_ticket(subject: str, description: str) -> tuple[str, str]:
    """The subject and description as text that tells what the ticket asks, redacted."""
    body = without_quotes(description.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line for line in body.split("\n") if line.strip()]
    lines = without_signature(lines)
    lines = [line for line in lines if not _GREETING.match(fold(line)) and not _DISCLAIMER.search(fold(line))]
    subject = re.sub(r"^\s*(?:(?:re|fw|fwd|rv|reenviar)\s*:\s*)+", "", subject, flags=re.IGNORECASE)
    return _PLACEHOLDER.sub(" ", redact(subject)), _PLACEHOLDER.sub(" ", redact("\n".join(lines)))
