"""The final ranking of the index's best candidates. The index scores BM25 over words
weighted by where they stand (index.py's zones: a title word counts as 4 words of body
text, a summary or tag word 2.5, a heading word 1.6); here, among its best candidates,
count the share of the query's words an article holds (all beat most), where they are
(titles first), words found as typed, and the query's language. One result per article
(its best language), and a quoted phrase must appear in the article, its words in order.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable

from kb.search.analysis import words
from kb.search.expansion import QueryWord

CANDIDATES = 30  # hits ranked by the index before the final ranking
EXACT_BONUS = 0.3  # words found as typed (not only their stem) rank higher
LANGUAGE_BOOST = 1.3
# How much a query word found in each zone adds (titles first).
ZONE_BONUS = {"title": 1.0, "meta": 0.6, "head": 0.3, "body": 0.0}
SCORE_POWER = 0.5  # of the index's score in the final one: below 1, where words are counts more


class Candidate(namedtuple("Candidate", ["id", "lang", "doc", "score", "number", "type", "audience"],
                           defaults=["", ""])):
    """A document the index found: its article's id, language, stored fields (`doc`:
    title, url, summary, zones), score, the index's document `number`, and the article's
    type and audience."""

    __slots__ = ()


def fit(query_words: list[QueryWord], zones: dict[str, str]) -> float:
    """How well an article fits the query beyond its index score: the share of the
    query's words it holds (squared: all words beat most words), and where they are.
    `zones` holds each zone's index terms, space-separated."""
    if not query_words:
        return 1.0
    covered, bonus, exact = 0, 0.0, 0
    for word in query_words:
        found = [zone for zone, terms in zones.items()
                 if any(f" {form} " in terms for form in word.forms)
                 or any(all(f" {w} " in terms for w in p) for p in word.phrases)]
        if found:
            covered += 1
            bonus += max(ZONE_BONUS.get(zone, 0.0) for zone in found)
            exact += any(f" {word.text} " in zones[zone] for zone in found)
    share = covered / len(query_words)
    return share * share * (1 + bonus / len(query_words)) * (1 + EXACT_BONUS * exact / len(query_words))


def rank(candidates: Iterable[Candidate], query_words: list[QueryWord], language: str | None,
         limit: int) -> list[Candidate]:
    """The best `limit` articles, best first, each once (its best-scoring document), with
    their final scores."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        score = candidate.score ** SCORE_POWER * fit(query_words, candidate.doc["zones"])
        if language and candidate.lang == language:
            score *= LANGUAGE_BOOST
        if candidate.id not in best or score > best[candidate.id].score:
            best[candidate.id] = candidate._replace(score=score)
    return sorted(best.values(), key=lambda c: -c.score)[:limit]


def holds_phrases(texts: list[str], phrases: list[list[str]]) -> bool:
    """Whether texts (an article's title, summary, body) show each quoted phrase, its
    (folded) words in that order."""
    text = " ".join(words(" ".join(texts)))
    return all(f" {' '.join(phrase)} " in f" {text} " for phrase in phrases)
