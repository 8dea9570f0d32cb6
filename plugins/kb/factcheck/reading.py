"""How the facts check reads an article: normalized sentences, each with its file line.

Text is compared lower-cased and without accents, with number words as digits ("ocho
intentos" reads "8 intentos"). A paragraph is cut into sentences; a table row is read whole
and each of its cells again with its column header and the row's first cell, so that
"| P1 | 30 minutes |" under "First response" reads as a sentence about P1's first response.
"""

from __future__ import annotations

import bisect
import re

from kb.facts import PLACEHOLDER
from kb.factcheck.quantities import DURATIONS
from kb.search.analysis import fold

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90,
    "a hundred": 100, "one hundred": 100,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "veinticuatro": 24, "treinta": 30, "sesenta": 60,
    "noventa": 90, "cien": 100, "ciento ochenta": 180,
}
# Words whose meaning depends on the language: English "once" is not 11, Spanish "a" is not 1.
# Both languages' other words are read in every article, since ready replies carry both.
NUMBER_WORDS_BY_LANGUAGE = {"en": {**NUMBER_WORDS, "a": 1, "an": 1}, "es": {**NUMBER_WORDS, "once": 11}}
ARTICLES = {"a", "an", "un", "una"}  # read as 1 only before a duration in the singular: "an hour", "un día hábil"
_NUMBER_WORD_RE = {lang: re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
                   for lang, words in NUMBER_WORDS_BY_LANGUAGE.items()}
_SINGULAR_UNIT = re.compile(rf"\s+(?:{DURATIONS})(?<!s)(?!\w)")  # "an hour" is 1 hour; "a retry" is no count
_MAYBE_A_NUMBER = re.compile(r"\d|\b(?:" + "|".join(sorted(map(re.escape, {w for words in NUMBER_WORDS_BY_LANGUAGE.values() for w in words} - ARTICLES),
                                                         key=len, reverse=True))
                             + rf")\b|\b(?:a|an|un|una)(?:{_SINGULAR_UNIT.pattern})|\b(?:half|media)\b")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
# Durations said in words that number words alone would misread ("half an hour" is not "an hour").
PHRASES = {"an hour and a half": "90 minutes", "half an hour": "30 minutes", "hora y media": "90 minutos", "media hora": "30 minutos"}
_PHRASE_RE = re.compile(r"\b(" + "|".join(map(re.escape, PHRASES)) + r")\b")

MARKER = "\u2039fact\u203a"  # what a placeholder leaves behind: its keywords stay, its value goes
_BLOCK_START = re.compile(r"(#{1,6} |[-*+] |\d+[.)] |```|~~~|!!!|\?\?\?|===|<!--)")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_TABLE_RULE = re.compile(r":?-{2,}:?")
_CONTINUES = re.compile(r"[a-z\u00e0-\u00ff(]")


def norm(text: str) -> str:
    """Lower case, no accents, single spaces: how rules and verbatim searches read text."""
    return _SPACES.sub(" ", fold(text))


_ONE_CHAR: dict[int, str] = {}  # character -> its folded form, for str.translate


def fold_in_place(text: str) -> str:
    """`norm` without collapsing spaces, one character for one: a match in the folded text
    is at the same offsets in `text`, so a report quotes what the article wrote."""
    if text.isascii():
        return text.lower().replace("\t", " ")
    for char in set(text) - {chr(c) for c in _ONE_CHAR}:
        folded = " " if char.isspace() and char != "\n" else fold(char)
        _ONE_CHAR[ord(char)] = folded if len(folded) == 1 else char
    return text.translate(_ONE_CHAR)


def as_written(original: str, found: str) -> str:
    """The words of `original` that read as `found` (found in its normalized reading), or
    `found` itself when the article wrote them otherwise (a number in words)."""
    pattern = re.escape(found.strip()).replace(r"\ ", r"\s+")
    folded = fold_in_place(original)
    # As written, else with its numbers in words ("cinco días hábiles" read "5 dias habiles").
    match = re.search(pattern, folded) or re.search(re.sub(r"\d+", r"[^\\W\\d]+(?:-[^\\W\\d]+)?", pattern), folded)
    return original[match.start():match.end()] if match else found.strip()


def may_state_a_number(text: str) -> bool:
    """Whether `read` could find a number in `text`: a cheap test on the text as written,
    so that the many sentences without one are never normalized."""
    return bool(_MAYBE_A_NUMBER.search(fold(text)))


def read(text: str, lang: str) -> str:
    """A sentence as the rules read it: normalized, number words as digits."""
    text = _PHRASE_RE.sub(lambda m: PHRASES[m[1]], norm(text))
    words = NUMBER_WORDS_BY_LANGUAGE.get(lang)
    if not words:
        return text

    def digit(m: re.Match[str]) -> str:
        if m[1] in ARTICLES and not _SINGULAR_UNIT.match(text, m.end()):
            return m[1]
        return str(words[m[1]])

    return _NUMBER_WORD_RE[lang].sub(digit, text)


def without_placeholders(text: str) -> str:
    """Placeholders are the one right way to state a fact: their values are not read."""
    return PLACEHOLDER.sub(MARKER, text)


def sentences(text: str) -> list[tuple[int, str]]:
    """(line, text) of each sentence of a Markdown text, line 1 being the text's first.
    Paragraph lines are joined before splitting into sentences. In a code block a line starts
    a new sentence unless it continues one (starts lower-case), so that a wrapped ready reply
    is read as prose and a template or code line by line."""
    out: list[tuple[int, str]] = []
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        offsets, numbers, length = [], [], 0
        for number, line in paragraph:
            offsets.append(length)
            numbers.append(number)
            length += len(line) + 1
        joined = " ".join(line for _, line in paragraph) + " "
        position = 0
        for sentence in _SENTENCE_END.split(joined):
            if sentence.strip():
                out.append((numbers[bisect.bisect_right(offsets, position) - 1], sentence.strip()))
            position += len(sentence) + 1
        paragraph.clear()

    header: list[str] | None = None
    in_code = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
        elif in_code and paragraph and not _CONTINUES.match(stripped):
            flush()
        if stripped.startswith("|"):
            if paragraph:
                flush()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if all(_TABLE_RULE.fullmatch(cell) for cell in cells if cell):
                continue
            out.append((number, stripped))
            if header is None:
                header = cells
            else:
                out += [(number, f"{header[i] if i < len(header) else ''} | {cells[0]} | {cell}") for i, cell in enumerate(cells[1:], 1)]
            continue
        header = None
        if paragraph and (not stripped or _BLOCK_START.match(stripped)):
            flush()
        if stripped:
            paragraph.append((number, stripped))
    if paragraph:
        flush()
    return out
