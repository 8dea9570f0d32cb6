"""Who may read what: public articles for merchants, everything for agents.

An article is public only when it is `audience: public` and `status: published`. Inside
any page, lines between `<!-- internal -->` and `<!-- /internal -->` are for agents only.
"""

from __future__ import annotations

import re

from kb.articles import Article
from kb.vocabulary import Audience, values

PUBLIC = Audience.PUBLIC
INTERNAL = Audience.INTERNAL
AUDIENCES = values(Audience)

_OPEN = re.compile(r"^[ \t]*<!--\s*internal\s*-->[ \t]*$", re.M)
_CLOSE = re.compile(r"^[ \t]*<!--\s*/internal\s*-->[ \t]*$", re.M)


def visible(article: Article, audience: str) -> bool:
    """Whether `article` belongs in the site built for `audience`."""
    if audience == INTERNAL:
        return True
    return article.is_public


def internal_blocks(text: str) -> list[tuple[int, int]]:
    """Character spans of the internal-only blocks; an unclosed block runs to the end."""
    spans = []
    position = 0
    while match := _OPEN.search(text, position):
        close = _CLOSE.search(text, match.end())
        end = close.end() if close else len(text)
        spans.append((match.start(), end))
        position = end
    return spans


def unclosed_block_line(text: str) -> int | None:
    """Line (1-based in `text`) of an internal block opened and never closed, if any."""
    position = 0
    while match := _OPEN.search(text, position):
        close = _CLOSE.search(text, match.end())
        if not close:
            return text.count("\n", 0, match.start()) + 1
        position = close.end()
    return None


def strip_internal(text: str) -> str:
    """The text without its internal-only blocks, for the public site and index."""
    spans = internal_blocks(text)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)
