"""Ticket bodies some APIs give only as HTML (Freshdesk's `description`), read as the
plain text a person sees: block ends become line breaks, tags go, entities are decoded.
The text stays untrusted: whatever shows it escapes it."""

from __future__ import annotations

import html
import re

_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", re.I)
_HIDDEN = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")


def html_text(markup: str) -> str:
    """`<div>Hola<br>mundo &amp; más</div>` -> `Hola\\nmundo & más`."""
    if "<" not in markup and "&" not in markup:
        return markup
    text = _HIDDEN.sub(" ", markup)
    text = _BREAK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    return _BLANK_LINES.sub("\n\n", text).strip()
