"""What a detector reports: (start, end, placeholder) over the text it was given, and
the character that masks what an earlier detector claimed (a private-use character:
no pattern matches it as a letter, digit or space)."""

from __future__ import annotations

MASK = "\ue000"
Span = tuple[int, int, str]
