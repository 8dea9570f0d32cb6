"""The telling words of a ticket: those the articles use, weighted by how rare they are
among the articles (a word in most articles tells nothing) and by how often the ticket uses
them, subject words first. Codes (`51`, `R03`, `422`) the articles state are kept; a word
the articles do not know is read as its closest known spelling (typos), else dropped."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from stop_words import get_stop_words

from kb.search.analysis import is_code, terms
from kb.search.vocabulary import Vocabulary, typo_budget
from kb.text import fold

# Spanish function words and common verb forms (a maintained list: unaccented Spanish
# prose is mostly these), less the ones that mean something to a payments agent.
MEANINGFUL = frozenset("cuenta estado estados contra antes sin tiempo total valor despues parcial".split())
# Words of ticket prose, in both languages, that the articles also use but that say
# nothing of the question (English has few forms: a short list of its own).
TICKET_WORDS = frozenset("""
hola gracias favor ayuda ayudar apoyo apoyar urgente saludos buenas buenos dias tardes noches
quisiera queria quiero necesito necesitamos podrian pudieran adjunto adjunta estimado estimada
equipo soporte cliente clientes tenemos tengo hoy veo vemos sale salio aparece dicen comenta
hello thanks thank please help hi hey team support need needs could would can know regards dear
kind urgent attached customer customers our we us you have has had just also today yesterday
tried try does did doing get got getting see seems still any some there here what when why how
which who been being was were are is am be do not no yes very really much many more most so
about after before again all also always because both each few from into its just like make
me my myself now off once only other out over own same should some such than that their them
then these they this those too under until up want wants way well while with would your yours
""".split())
TICKET_STOPWORDS = frozenset({fold(w) for w in get_stop_words("es")} - MEANINGFUL) | TICKET_WORDS
SUBJECT_WEIGHT = 2.0
CODE_WEIGHT = 1.5
HEADED_WEIGHT = 1.5
COMMON_SHARE = 0.5  # a word in more than this share of the articles is dropped
MAX_WORDS = 2_000  # words of a ticket read: the question is in its first lines, not in a pasted log
MAX_TYPOS = 200  # distinct unknown words looked up as typos (each lookup scans the vocabulary)


@dataclass(frozen=True)
class Term:
    word: str  # as the index knows it
    weight: float
    in_subject: bool


def telling_terms(subject: str, body: str, vocabulary: Vocabulary, documents: int,
                  row_code: Callable[[str], bool], headed: Callable[[str], bool]) -> list[Term]:
    """The ticket's telling words, most telling first. A code counts when it names a table
    row (`row_code`: a decline, return or HTTP code), not a number that names none (an
    amount, an order number); a word some article has in a title, summary, tag or heading
    (`headed`) counts more than one articles only use in passing."""
    counts: Counter[str] = Counter()
    in_subject: set[str] = set()
    read: dict[str, str | None] = {}  # each distinct word as the index knows it
    for weight, text in ((SUBJECT_WEIGHT, subject), (1.0, body)):
        for position, raw in enumerate(terms(text)):
            if position >= MAX_WORDS:
                break
            if raw not in read:
                read[raw] = _known(raw, vocabulary, typos=len(read) < MAX_TYPOS)
            word = read[raw]
            if word is None:
                continue
            counts[word] += weight
            if weight == SUBJECT_WEIGHT:
                in_subject.add(word)
    documents = max(documents, 1)
    found = []
    for word, count in counts.items():
        frequency = vocabulary.count(word)
        if frequency > COMMON_SHARE * documents and not is_code(word):
            continue
        score = math.sqrt(count) * math.log(1 + documents / frequency)
        if is_code(word):
            if not row_code(word):
                continue
            score *= CODE_WEIGHT
        elif headed(word):
            score *= HEADED_WEIGHT
        found.append(Term(word, score, word in in_subject))
    return sorted(found, key=lambda t: (-t.weight, t.word))


def _known(word: str, vocabulary: Vocabulary, typos: bool = True) -> str | None:
    """The word as the index knows it (its closest known spelling when `typos`), or None
    for a word that tells nothing."""
    if word in TICKET_STOPWORDS or len(word) < 2:
        return None
    if word in vocabulary:
        return word
    if is_code(word) or len(word) > 30 or not typos:
        return None
    near = vocabulary.near(word, typo_budget(word), limit=1)
    return near[0] if near and near[0] not in TICKET_STOPWORDS else None
