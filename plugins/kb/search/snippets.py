"""The words of a result that match the query: found, marked in <mark>, and a window of
text around the first of them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from kb.search.analysis import fold, is_code, stems

SNIPPET_CHARS = 180
_WORDS = re.compile(r"[^\W_]+")
_WORD_STARTS = re.compile(r"\b[^\W_]+")  # the words a form can start: not the part after an underscore


def escape(text: str) -> str:
    """`text` as HTML text: what html.escape(text, quote=False) gives (a snippet is never
    an attribute), without importing html, whose table of entities costs a search process
    3 ms."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """The text `escape` was given (the inverse of escape, not of every HTML entity: a
    snippet holds no other)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _line_breaks(text: str) -> Iterator[int]:
    at = text.find("\n")
    while at >= 0:
        yield at
        at = text.find("\n", at + 1)


def stem_start(form: str) -> str:
    """What every word having `form` as a stem starts with: the stem but for its last
    letter (Porter2's "happy" -> "happi", "hoping" -> "hope"), or its last two for Porter2's
    "dying" -> "die" ("lying", "tying"). Checked on every word of the articles, and on
    random words, in tests."""
    return form[:-2] if form.endswith("ie") else form[:-1]


class Marker:
    """Finds and marks, in the text of a result, the words that match the query's forms
    (folded words and stems)."""

    def __init__(self, forms: set[str]) -> None:
        self.forms = forms
        # A word is a form (a code only ever is), or starts like one of the stems it could
        # have: most words start like none (up to 3 letters) and are not stemmed at all.
        starts = {stem_start(form) for form in forms if not is_code(form)}
        self._starts = {(len(start[:3]), start[:3]) for start in starts}
        self._lengths = {length for length, _ in self._starts}
        # What a text holding a matching word holds (none holding another: a text holding
        # "devolucio" holds "devol"). Looking for these is much quicker than reading every
        # word, and most paragraphs of a result hold none.
        pieces = starts | {form for form in forms if is_code(form)}
        self._pieces = [piece for piece in pieces if not any(other != piece and other in piece for other in pieces)]
        self._judged: dict[str, bool] = {}  # the words this query has judged

    def hit(self, word: str) -> bool:
        """Whether a folded word matches: as typed, or through one of its stems."""
        if word in self.forms:
            return True
        return (any((n, word[:n]) in self._starts for n in self._lengths)
                and not self.forms.isdisjoint(stems(word)))

    def matches(self, text: str) -> set[str]:
        """The distinct (folded) words of `text` that match."""
        return self.matches_each([text])[0]

    def matches_each(self, texts: Sequence[str]) -> list[set[str]]:
        """The distinct (folded) words of each of `texts` that match, read in one pass over
        them all."""
        if not texts:
            return []
        if len(texts) == 1:
            folded = fold(texts[0])
        else:
            folded = fold("\n".join(texts))
            if folded.count("\n") != len(texts) - 1:  # a text holds a line break: one by one
                return [self.matches(text) for text in texts]
        found: list[set[str]] = [set() for _ in texts]
        lines: list[int] = []  # where each text starts in `folded`, once a word needs it
        for word, at in self._words(folded):
            if self._matching(word):
                if len(texts) > 1 and not lines:
                    lines = [0] + [i + 1 for i in _line_breaks(folded)]
                found[bisect_right(lines, at) - 1 if lines else 0].add(word)
        return found

    def _matching(self, word: str) -> bool:
        """`hit`, each word judged once per query (a result's texts repeat their words)."""
        judged = self._judged.get(word)
        if judged is None:
            judged = self._judged[word] = self.hit(word)
        return judged

    def _words(self, folded: str) -> Iterator[tuple[str, int]]:
        """The words of a folded text (as `_WORD_STARTS` reads them) that hold a piece, with
        where they are: found from where each piece is, not by reading every word."""
        if "" in self._pieces:  # every word holds it
            yield from ((match.group(0), match.start()) for match in _WORD_STARTS.finditer(folded))
            return
        for piece in self._pieces:
            at = folded.find(piece)
            while at >= 0:
                start, end = at, at + len(piece)
                while start and folded[start - 1].isalnum():
                    start -= 1
                while end < len(folded) and folded[end].isalnum():
                    end += 1
                if not start or folded[start - 1] != "_":  # a word starts after a non-word character
                    yield folded[start:end], start
                at = folded.find(piece, end)

    def mark(self, text: str) -> str:
        """`text` HTML-escaped, with the matching words in <mark>."""
        out, last = [], 0
        for match in _WORDS.finditer(text):
            if self._matching(fold(match.group(0))):
                out.append(escape(text[last:match.start()]))
                out.append(f"<mark>{escape(match.group(0))}</mark>")
                last = match.end()
        out.append(escape(text[last:]))
        return "".join(out)

    def window(self, text: str) -> str:
        """About SNIPPET_CHARS characters of `text` around its first matching word."""
        if len(text) <= SNIPPET_CHARS:
            return text
        first = next((m.start() for m in _WORDS.finditer(text) if self._matching(fold(m.group(0)))), None)
        start = 0 if first is None or first < SNIPPET_CHARS // 3 else text.rfind(" ", 0, first - SNIPPET_CHARS // 3) + 1
        end = text.rfind(" ", start, start + SNIPPET_CHARS)
        end = end if end > start else start + SNIPPET_CHARS
        return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
