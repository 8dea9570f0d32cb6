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
    rows = page["rows"]
    for key, text, anchor in rows:
        if codes and codes & set(words(key)):
            return Answer(anchor, key, marker.mark(text))
    if size >= 2 and rows:
        counts = [len(found) for found in marker.matches_each([row[1] for row in rows])]
        best_count = max(counts)  # the first row holding the most, if it holds enough
        if best_count > 1 and best_count >= min(size, 3):
            key, text, anchor = rows[counts.index(best_count)]
            return Answer(anchor, key, marker.mark(text))
    title_words = marker.matches(page["title"])
    best_heading, best_count = "", 0
    headings = page["headings"]
    for (_, anchor), found in zip(headings, marker.matches_each([text for text, _ in headings])):
        if found - title_words and len(found) > best_count:
            best_heading, best_count = anchor, len(found)
    # The paragraph with the most of the query's words (the summary if none has more).
    best, best_count = page["summary"], len(marker.matches(page["summary"]))
    paragraphs = page["text"].split("\n")
    for paragraph, found in zip(paragraphs, marker.matches_each(paragraphs)):
        if len(found) > best_count:
            best, best_count = paragraph, len(found)
    return Answer(best_heading, "", marker.mark(marker.window(best)))
