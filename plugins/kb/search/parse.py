"""What an agent typed, as words: parsing never fails. Control characters, stray quotes
and operators, a lone `*` and very long input are cleaned, not rejected; a balanced
"quoted phrase" is kept as a phrase that must appear as is; the last word may be
unfinished (search as you type)."""

from __future__ import annotations

import re
import unicodedata
from collections import namedtuple

from kb.search.analysis import STOPWORDS, fold, words

MAX_CHARS = 256  # agents type a few words; the rest of a pasted text is noise
MAX_WORDS = 12
OPERATORS = {"OR", "AND", "NOT"}  # the syntax of other engines, typed out of habit: ignored
_QUOTED = re.compile(r'"([^"]*)"')
_TOKEN = re.compile(r"[^\W_]+\*?|\*")


class ParsedQuery(namedtuple("ParsedQuery", ["words", "phrases", "prefix"], defaults=[False])):
    """What was understood of the query: its `words` (folded), its quoted `phrases` (lists
    of folded words), and whether the last word may be unfinished (`prefix`)."""

    __slots__ = ()

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


def clean(text: str) -> str:
    """The query without control or format characters, cut to MAX_CHARS at a word."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in str(text))
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    return text


def parse(text: str) -> ParsedQuery:
    """Parse what an agent typed; never raises."""
    text = clean(text)
    phrases = [phrase for match in _QUOTED.finditer(text) if len(phrase := words(match.group(1))) > 1]
    rest = _QUOTED.sub(lambda m: " " + m.group(1) + " ", text).replace('"', " ")
    tokens = [t for t in _TOKEN.findall(rest) if t != "*" and t not in OPERATORS]
    raw = [fold(t.rstrip("*")) for t in tokens]
    kept = [w for w in raw if w not in STOPWORDS] or raw  # a query of stop words only keeps them
    query_words = list(dict.fromkeys(kept))[:MAX_WORDS]
    ends_open = bool(tokens) and (tokens[-1].endswith("*") or not text.endswith((" ", '"')))
    prefix = ends_open and bool(query_words) and fold(tokens[-1].rstrip("*")) == query_words[-1]
    return ParsedQuery(query_words, phrases, prefix)
