"""Where in an article the answer is, and the snippet to show: the table row of a code the
query holds, else a row holding most of the query's words, else the heading that matches
best (beyond the title's words) with the paragraph holding the most of them."""

from __future__ import annotations

from collections import namedtuple

from kb.search.analysis import words
from kb.search.snippets import Marker


class Answer(namedtuple("Answer", ["anchor", "row", "snippet"], defaults=["", "", ""])):
    """Where the answer is: the `anchor` of the heading or row to link to ("": the top of
    the page), the first cell of the `row` that answers, and the `snippet` (HTML, the
    matching words in <mark>)."""

    __slots__ = ()


def locate(page: dict, marker: Marker, codes: set[str], size: int) -> Answer:
    """The answer in `page` (the stored title, summary, text, headings [(text, anchor)]
    and rows [(key, text, anchor)]) to a query of `size` words holding `codes`."""
    for key, text, anchor in page["rows"]:
        if codes and codes & set(words(key)):
            return Answer(anchor, key, marker.mark(text))
    if size >= 2:
        best_row, best_count = None, 1
        for row in page["rows"]:
            count = len(marker.matches(row[1]))
            if count > best_count:
                best_row, best_count = row, count
        if best_row and best_count >= min(size, 3):
            return Answer(best_row[2], best_row[0], marker.mark(best_row[1]))
    title_words = marker.matches(page["title"])
    best_heading, best_count = "", 0
    for text, anchor in page["headings"]:
        found = marker.matches(text)
        if found - title_words and len(found) > best_count:
            best_heading, best_count = anchor, len(found)
    # The paragraph with the most of the query's words (the summary if none has more).
    best, best_count = page["summary"], len(marker.matches(page["summary"]))
    for paragraph in page["text"].split("\n"):
        count = len(marker.matches(paragraph))
        if count > best_count:
            best, best_count = paragraph, count
    return Answer(best_heading, "", marker.mark(marker.window(best)))
