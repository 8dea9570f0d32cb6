"""Links between articles, as written in Markdown, resolved to files of the docs folder."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

_INLINE = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


@dataclass(frozen=True)
class Link:
    target: str  # docs-relative path of the linked file, e.g. en/spei/returns.md
    anchor: str
    offset: int  # character offset in the text
    raw: str


def _blank_code(text: str) -> str:
    """Code blocks keep their length (so offsets hold) but lose their links."""
    return _FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def find_links(text: str, source: str) -> list[Link]:
    """Links from the file `source` (docs-relative) to other Markdown files of the docs."""
    text = _blank_code(text)
    links = []
    base = posixpath.dirname(source)
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(text):
            raw = match.group(1)
            if "://" in raw or raw.startswith(("mailto:", "tel:", "#", "/")):
                continue
            path, _, anchor = raw.partition("#")
            path = unquote(path)
            if not path.endswith(".md"):
                continue
            target = posixpath.normpath(posixpath.join(base, path))
            links.append(Link(target, anchor, match.start(), raw))
    return links
