"""Text folding, the one definition shared by search, stubs and every comparison of words
as people type them: case and accents do not matter."""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f]")  # the combining accents that NFKD splits off


def fold(text: str) -> str:
    """Lower case without accents or other marks: 'DEVOLUCIÓN' -> 'devolucion' (ñ -> n too:
    agents type 'contrasena' for 'contraseña')."""
    text = text.lower()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))
