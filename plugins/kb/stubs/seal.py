"""Telling a stub nobody has touched from one a person edited: a generated stub records
the SHA-256 of its own text (without that line) in its `generated` front-matter field.

Any change a person makes (a word, a space, the field removed) breaks the seal, and
`kb stubs` never writes to a file whose seal is broken.
"""

from __future__ import annotations

import hashlib
import re
from enum import Enum
from pathlib import Path

FIELD = "generated"
_LINE = re.compile(rf"^{FIELD}: sha256:([0-9a-f]{{64}})\n", re.M)


class State(str, Enum):
    ABSENT = "absent"
    UNTOUCHED = "untouched"  # exactly as `kb stubs` wrote it
    EDITED = "edited"  # a person's file now (edited, or never generated)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(text: str) -> str:
    """`text` (a Markdown file with front matter) with its seal as the last field."""
    close = text.index("\n---\n", 3) + 1
    return f"{text[:close]}{FIELD}: sha256:{_digest(text)}\n{text[close:]}"


def is_sealed(text: str) -> bool:
    """Whether `text` is exactly what was sealed: the seal line is in the front matter
    and the rest hashes to it."""
    if not text.startswith("---\n"):
        return False
    end = text.find("\n---\n", 3)
    match = _LINE.search(text, 0, end + 1 if end >= 0 else 0)
    if match is None:
        return False
    return _digest(text[:match.start()] + text[match.end():]) == match.group(1)


def state(path: Path) -> State:
    return read(path)[0]


def read(path: Path) -> tuple[State, str]:
    """The state of the file at `path` and the text it was judged on (read once, so that
    the text written over later is the very one found sealed)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return State.ABSENT, ""
    except OSError:  # a folder, a dangling link...: not ours to write over
        return State.EDITED, ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return State.EDITED, ""
    return (State.UNTOUCHED if is_sealed(text) else State.EDITED), text
