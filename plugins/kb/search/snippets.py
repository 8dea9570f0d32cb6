"""The words of a result that match the query: found, marked in <mark>, and a window of
text around the first of them."""

from __future__ import annotations

import html
import re

from kb.search.analysis import fold, stems

SNIPPET_CHARS = 180
_WORDS = re.compile(r"[^\W_]+")


class Marker:
    """Finds and marks, in the text of a result, the words that match the query's forms
    (folded words and stems)."""

    def __init__(self, forms: set[str]) -> None:
        self.forms = forms
        # Words starting with a form less its last two letters (stemmers may rewrite a
        # word's end: "transferencia" -> "transferent", "policy" -> "polici") are found in
        # the folded text by one regular expression; only they are checked.
        prefixes = sorted({form[: max(3, len(form) - 2)] for form in forms}, key=len, reverse=True)
        pattern = "|".join(re.escape(prefix) for prefix in prefixes)
        self.quick = re.compile(rf"\b(?:{pattern})[^\W_]*" if pattern else r"(?!)")

    def hit(self, word: str) -> bool:
        """Whether a folded word matches: as typed, or through one of its stems."""
        return word in self.forms or not self.forms.isdisjoint(stems(word))  # stems() is cached

    def matches(self, text: str) -> set[str]:
        """The distinct (folded) words of `text` that match."""
        return {word for word in set(self.quick.findall(fold(text))) if self.hit(word)}

    def mark(self, text: str) -> str:
        """`text` HTML-escaped, with the matching words in <mark>."""
        out, last = [], 0
        for match in _WORDS.finditer(text):
            if self.hit(fold(match.group(0))):
                out.append(html.escape(text[last:match.start()], quote=False))
                out.append(f"<mark>{html.escape(match.group(0), quote=False)}</mark>")
                last = match.end()
        out.append(html.escape(text[last:], quote=False))
        return "".join(out)

    def window(self, text: str) -> str:
        """About SNIPPET_CHARS characters of `text` around its first matching word."""
        if len(text) <= SNIPPET_CHARS:
            return text
        first = next((m.start() for m in _WORDS.finditer(text) if self.hit(fold(m.group(0)))), None)
        start = 0 if first is None or first < SNIPPET_CHARS // 3 else text.rfind(" ", 0, first - SNIPPET_CHARS // 3) + 1
        end = text.rfind(" ", start, start + SNIPPET_CHARS)
        end = end if end > start else start + SNIPPET_CHARS
        return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
