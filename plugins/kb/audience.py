"""Who may read what: public articles for merchants, everything for agents.

An article is public only when it is `audience: public` and `status: published`. Inside
any page, lines between `<!-- internal -->` and `<!-- /internal -->` are for agents only.
The markers have one grammar: exactly those two comments, each alone on its line (spaces
around it allowed), outside code blocks, never nested. Anything else that looks like a
marker (`<!-- INTERNAL -->`, `<!--internal-->`, a marker with text beside it, one inside a
code fence) is a `MarkerProblem`, and the check and the build refuse the page; the public
text is still cut as if the near-miss opened a block, so that a mistake never shows more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb.articles import Article
from kb.vocabulary import Audience, values

PUBLIC = Audience.PUBLIC
INTERNAL = Audience.INTERNAL
AUDIENCES = values(Audience)
OPEN = "<!-- internal -->"
CLOSE = "<!-- /internal -->"

_OPEN = re.compile(r"[ \t]*<!-- internal -->[ \t]*")
_CLOSE = re.compile(r"[ \t]*<!-- /internal -->[ \t]*")
# Anything an author may have meant as a marker: any case, spacing, slash or text after it.
_LOOKALIKE = re.compile(r"<!-{2,}\s*(?P<close>/|end\b)?\s*/?\s*internal\b", re.I)
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_FIX = f"write '{OPEN}' and '{CLOSE}', exactly so, each alone on its line"


@dataclass(frozen=True)
class MarkerProblem:
    line: int  # 1-based in the text
    message: str
    fix: str
    code: str = "bad-internal-marker"


def visible(article: Article, audience: str) -> bool:
    """Whether `article` belongs in the site built for `audience`."""
    if audience == INTERNAL:
        return True
    return article.is_public


@lru_cache(maxsize=4096)  # the check, the allow-list and the renderer each ask of the same pages
def _scan(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[MarkerProblem, ...]]:
    """The internal blocks' character spans (an unclosed block runs to the end) and what is
    wrong with the markers, in one pass over the lines that knows the code fences."""
    spans: list[tuple[int, int]] = []
    problems: list[MarkerProblem] = []
    if not _LOOKALIKE.search(text):  # most pages: no marker at all
        return (), ()
    opened: tuple[int, int, bool] | None = None  # (offset, line, by an exact marker) of the open block
    fence = ""
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        start, offset = offset, offset + len(line) + 1
        lookalike = _LOOKALIKE.search(line)
        found = _FENCE.match(line)
        if fence:
            if found and found.group("fence")[0] == fence[0] and len(found.group("fence")) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
            elif lookalike:
                problems.append(MarkerProblem(number, f"'{line.strip()[:60]}' is an internal marker inside a code block",
                                              "move the marker out of the code block (markers never work inside one)"))
                if opened is None and not lookalike.group("close"):
                    opened = (start, number, False)
            continue
        if found:
            fence = found.group("fence")
            continue
        if _OPEN.fullmatch(line):
            if opened is not None:
                problems.append(MarkerProblem(number, f"'{OPEN}' opens a block inside the block opened at line {opened[1]}",
                                              f"close the first block with '{CLOSE}' before opening another (blocks do not nest)"))
            else:
                opened = (start, number, True)
        elif _CLOSE.fullmatch(line):
            if opened is None:
                problems.append(MarkerProblem(number, f"'{CLOSE}' closes no block", f"remove it, or add '{OPEN}' where the agents-only part starts"))
            else:
                spans.append((opened[0], min(start + len(line), len(text))))
                opened = None
        elif lookalike:
            problems.append(MarkerProblem(number, f"'{line.strip()[:60]}' is not an internal marker", _FIX))
            if opened is None and not lookalike.group("close"):
                opened = (start, number, False)
    if opened is not None:
        if opened[2]:
            problems.append(MarkerProblem(opened[1], f"'{OPEN}' is never closed", f"add a line '{CLOSE}' where the agents-only part ends", "unclosed-internal"))
        spans.append((opened[0], len(text)))
    return tuple(spans), tuple(problems)


def internal_blocks(text: str) -> list[tuple[int, int]]:
    """Character spans of the internal-only blocks; an unclosed block runs to the end."""
    return list(_scan(text)[0])


def marker_problems(text: str) -> list[MarkerProblem]:
    """Every marker that is not exactly right: near-misses, nesting, unclosed, in code."""
    return list(_scan(text)[1])


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
