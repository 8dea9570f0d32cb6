"""What the customers of a subject say, in a few short, deduplicated and redacted
phrasings, and what kind of article would answer them.

Phrasings are chosen from the subject's fixed sample of tickets: each ticket offers
its subject line, or the first sentence of its description that says something beyond
a greeting; a phrasing is representative when its words are the ones the sampled
tickets share most. Redaction happens before anything is cut short, so no card number
is ever left in pieces too short to recognise.
"""

from __future__ import annotations

import re
from collections import Counter

from kb.redaction import redact
from kb.stubs.tally import SNIPPET, Subject
from kb.stubs.words import words
from kb.vocabulary import ArticleType

MAX_CHARS = 140
_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|rv|reenviar|respuesta)\s*:\s*)+", re.I)
_SENTENCE = re.compile(r"(?<=[.!?¿¡\n])\s+")


def _clean(text: str) -> str:
    return " ".join(_PREFIX.sub("", text).split())


def _shorten(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS - 1]
    if "[" in cut[cut.rfind("]") + 1:]:  # never end inside a placeholder
        cut = cut[:cut.rfind("[")]
    elif " " in cut:
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,;:-") + "…"


def _offered(title: str, description: str) -> str:
    """What one ticket says: its subject line if it says something, else the first
    sentence of its description past the greetings, else whatever has a word."""
    subject = _clean(title)
    if len(words(subject)) >= 2:
        return subject
    sentences = [_clean(sentence) for sentence in _SENTENCE.split(description[:SNIPPET], 4)[:4]]
    for least in (2, 1):
        for text in (*sentences, subject) if least == 2 else (subject, *sentences):
            if len(words(text)) >= least:
                return text
    return ""


def _candidates(subject: Subject) -> list[tuple[str, str]]:
    """(text, ticket id) offered by each sampled ticket."""
    found = []
    for _, ident, title, description in sorted(subject.sample, key=lambda item: item[1]):
        offered = _offered(title, description)
        if offered:
            found.append((offered, ident))
    return found


def phrasings(subject: Subject, count: int = 5) -> list[tuple[str, str]]:
    """Up to `count` (phrasing, ticket id), most representative first, redacted (and
    compared for repetition once redacted: two tickets that differ only in a phone
    number say the same)."""
    candidates = _candidates(subject)
    bags = [set(words(text)) for text, _ in candidates]
    frequency = Counter(word for bag in bags for word in bag)
    scored = sorted((-sum(frequency[word] for word in bag) / len(bag), len(text), ident, text)
                    for (text, ident), bag in zip(candidates, bags))
    chosen: list[tuple[str, str]] = []
    kept: list[set[str]] = []
    redacted: dict[str, str] = {}
    for _, _, ident, text in scored:
        text = redacted[text] if text in redacted else redacted.setdefault(text, redact(text))
        bag = set(words(text))
        if not bag or any(len(bag & other) / len(bag | other) >= 0.6 for other in kept):
            continue  # says the same as one already chosen
        chosen.append((_shorten(text), ident))
        kept.append(bag)
        if len(chosen) == count:
            break
    return chosen


def name_words(subject: Subject) -> set[str]:
    """The words that name a subject: those of its ticket tags, or of its topic."""
    names = subject.tags | ({subject.topic} if subject.topic else set())
    return {word for name in names for word in words(name.replace("_", " ").replace("-", " "))}


def query_words(subject: Subject) -> Counter[str]:
    """The words a subject is about, for finding the closest articles and taxonomy
    tags: the words that name it count most, then the words its tickets use most."""
    query: Counter[str] = Counter({word: 10 for word in name_words(subject)})
    sampled: Counter[str] = Counter()
    for _, _, title, _ in subject.sample:
        sampled.update(set(words(title)))
    for word, seen in sorted(sampled.items(), key=lambda item: (-item[1], item[0]))[:20]:  # not most_common: ties in set order
        if seen > 1:
            query[word] += seen / max(len(subject.sample), 1) * 5
    return query


# The help desk's own ticket types, where it has them (Zendesk, Freshdesk, Jira).
KINDS = {
    "question": ArticleType.HOW_TO, "service request": ArticleType.HOW_TO, "request": ArticleType.HOW_TO, "get help": ArticleType.HOW_TO, "consulta": ArticleType.HOW_TO,
    "incident": ArticleType.TROUBLESHOOTING, "problem": ArticleType.TROUBLESHOOTING, "bug": ArticleType.TROUBLESHOOTING, "incidente": ArticleType.TROUBLESHOOTING,
    "problema": ArticleType.TROUBLESHOOTING, "task": ArticleType.PROCEDURE, "tarea": ArticleType.PROCEDURE, "change": ArticleType.PROCEDURE,
}
CUES = {
    ArticleType.TROUBLESHOOTING: re.compile(r"\bno (?:se )?(?:refleja|llega|aparece|funciona|puedo|pasa|carga|deposit)|\berror\b|\bfall[óoa]|rechaz|declin|"
                                  r"not (?:working|received|showing|arrived)|\bfailed\b|\bmissing\b|can'?t|cannot|\bproblema|duplicad|doble cobro", re.I),
    ArticleType.HOW_TO: re.compile(r"\bc[oó]mo\b|\bhow (?:do|can|to)\b|\bpuedo\b|\bquiero\b|\bd[oó]nde\b|\bwhere (?:do|can)\b", re.I),
    "reference": re.compile(r"\bqu[eé] significa|\bwhat (?:is|does|are)\b|\bcu[aá]nto|\bhow (?:much|long)\b|\bl[ií]mite|\bhorario", re.I),
    "procedure": re.compile(r"\bsolicit|\bdar de (?:alta|baja)\b|\bcambiar (?:mi|la|el)\b|\bcancelar\b|\bchange my\b|\bupdate my\b", re.I),
}
DEFAULT_TYPE = ArticleType.TROUBLESHOOTING  # tickets are mostly about something that went wrong


def guess_type(subject: Subject) -> str:
    """The article type: the help desk's own ticket types when most tickets have one
    that says, else the wording of the sampled tickets, else troubleshooting."""
    votes: Counter[str] = Counter()
    for kind, seen in subject.kinds.items():
        if kind in KINDS:
            votes[KINDS[kind]] += seen
    if votes and sum(votes.values()) * 2 >= subject.tickets:
        return max(sorted(votes), key=votes.__getitem__)
    cues: Counter[str] = Counter()
    for _, _, title, description in subject.sample:
        text = f"{title} {description[:200]}"
        for article_type, pattern in CUES.items():
            if pattern.search(text):
                cues[article_type] += 1
    if cues:
        return max(sorted(cues), key=cues.__getitem__)
    return DEFAULT_TYPE
