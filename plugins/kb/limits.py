"""The bounds on what people write, in one place: anything past them is a clear problem,
never a blow-up in memory, time or message size."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

FRONT_MATTER_MAX_BYTES = 32 * 1024  # a real front matter is under 2 KB
FRONT_MATTER_MAX_DEPTH = 10  # sources: [{title: ...}] is 3 deep
NUMBER_MAX_DIGITS = 30  # a plain YAML number longer than this is refused before Python reads it
REVIEW_EVERY_MAX = 3650  # days: ten years
EARLIEST_REVIEW = dt.date(2000, 1, 1)
QUOTE_MAX = 80  # characters of a value an error message repeats
NAME_MAX = 100  # characters of one file or folder name the project derives from user text
ID_MAX = 200  # characters of an article id (its path under docs/<lang>/)
_HASH = 10  # hex digits of the hash that stands for a name too long or empty


def quote(value: object, limit: int = QUOTE_MAX) -> str:
    """`value` as text short enough to repeat in a message (its head, '…' and its length)."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text):,} characters)"


def bounded_name(slug: str, source: str, limit: int = NAME_MAX) -> str:
    """A file name from `slug` (already made of safe characters) that is never empty nor
    longer than `limit`: a readable prefix and a short hash of the whole `source` text,
    the same on every run."""
    if slug and len(slug) <= limit:
        return slug
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH]
    prefix = re.sub(r"-+$", "", slug[: limit - _HASH - 1])
    return f"{prefix}-{digest}" if prefix else f"tag-{digest}"
