"""Articles for a ticket, ranked by the project's own search.

A ticket is long; a search takes a few words (parse.MAX_WORDS). So the ticket's telling
words (terms.py) become a few searches — its subject's words, the 3, 6 and 10 most telling
words — and their rankings are fused (reciprocal rank fusion: an article found high by
several searches comes first). Each search runs in the ticket's language; the section that
answers (the heading anchor, the table row) is the row a code points at, else the one the
best-ranking search pointed at.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import islice

from kb.search.analysis import words
from kb.search.results import Hit
from kb.search.searcher import SearchIndex
from kb.suggest.clean import clean_ticket
from kb.suggest.reply import ReplyBook
from kb.suggest.terms import Term, telling_terms

MAX_SUBJECT = 1_000  # characters
MAX_DESCRIPTION = 100_000
FUSION_K = 3  # reciprocal rank fusion's constant: small, the first ranks weigh most
DEPTH = 8  # results read from each search
# (number of telling words, weight) of each search; the subject's words weigh SUBJECT.
SEARCHES = ((3, 1.0), (6, 1.0), (10, 0.8))
SUBJECT = 1.5
_SPANISH = frozenset("""el la los las de del que por para con una un es no mi se su pero como esta hola gracias
                      buenas buenos dias tardes saludos ya muy donde cuando porque""".split())
_ENGLISH = frozenset("""the and to of is my we our for with was it not but this that have has on hi hello
                      thanks thank please regards you are why when what""".split())


@dataclass
class Suggestion:
    id: str
    lang: str
    title: str
    url: str
    anchor: str
    row: str
    snippet: str
    score: float
    type: str
    reply: str  # the ready reply in the ticket's language, facts resolved ("" if none)

    @property
    def link(self) -> str:
        return self.url + (f"#{self.anchor}" if self.anchor else "")

    def to_json(self) -> dict:
        return asdict(self) | {"link": self.link}


@dataclass
class Suggestions:
    suggestions: list[Suggestion]
    lang: str  # the ticket's language
    words: list[str] = field(default_factory=list)  # the telling words searched for

    def to_json(self) -> dict:
        return {"lang": self.lang, "words": self.words, "suggestions": [s.to_json() for s in self.suggestions]}


def ticket_language(subject: str, body: str, index: SearchIndex, languages: tuple[str, ...]) -> str:
    """The ticket's language: the one of its commonest function words when they clearly
    say (prose has many), else the one whose articles use its words more (the search's
    guess), else the first language."""
    found = words(f"{subject} {body}")
    spanish = sum(w in _SPANISH for w in found)
    english = sum(w in _ENGLISH for w in found)
    guess = "es" if spanish >= 2 * english + 1 else "en" if english >= 2 * spanish + 1 else None
    if guess not in languages:
        known = islice((w for w in found if w in index.vocabulary), 400)  # looked up until there are enough
        guess = index.vocabulary.language(list(known))
    return guess if guess in languages else languages[0]


def _searches(found: list[Term]) -> list[tuple[list[str], float]]:
    subject = [t.word for t in found if t.in_subject][:6]
    plans = [(subject, SUBJECT)] if subject else []
    for count, weight in SEARCHES:
        chosen = [t.word for t in found[:count]]
        if chosen and all(chosen != words for words, _ in plans):
            plans.append((chosen, weight))
    return plans


def suggest(index: SearchIndex, subject: str, description: str, replies: ReplyBook,
            languages: tuple[str, ...], lang: str | None = None, limit: int = 5) -> Suggestions:
    """The best articles for a ticket, best first, in its language (`lang`, else detected)."""
    subject, body = clean_ticket(subject[:MAX_SUBJECT], description[:MAX_DESCRIPTION])
    lang = lang or ticket_language(subject, body, index, languages)
    found = telling_terms(subject, body, index.vocabulary, index.planner.documents,
                          index.is_row_code, index.headed)
    scores: dict[str, float] = {}
    best: dict[str, tuple[tuple[bool, int], Hit]] = {}  # article id -> (how well placed, its hit)
    for chosen, weight in _searches(found):
        hits = index.search(" ".join(chosen), lang=lang, limit=DEPTH).hits
        if not hits:  # an article only in the other language
            hits = index.search(" ".join(chosen), limit=DEPTH).hits
        for rank, hit in enumerate(hits, 1):
            scores[hit.id] = scores.get(hit.id, 0.0) + weight / (FUSION_K + rank)
            # The section shown: a table row a code points at, else the best-ranked search's.
            key = (not hit.row, rank)
            if hit.id not in best or key < best[hit.id][0]:
                best[hit.id] = (key, hit)
    ranked = sorted(scores, key=lambda i: (-scores[i], i))[:max(1, limit)]
    out = []
    for article_id in ranked:
        hit = best[article_id][1]
        out.append(Suggestion(hit.id, hit.lang, hit.title, hit.url, hit.anchor, hit.row, hit.snippet,
                              round(scores[article_id], 4), hit.type, replies.get(hit.id, lang)))
    return Suggestions(out, lang, [t.word for t in found[:10]])
