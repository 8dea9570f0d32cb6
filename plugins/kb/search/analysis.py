"""How text becomes index terms, the same way for articles and for what agents type.

Agents type without accents, in capitals, in either language. Every word is folded
(lower case, accents removed) and kept twice: as it is (the `exact` form, for ranking
exact words first) and stemmed (the `stem` form, so that plural and singular meet).

The accent/stemming trap: Snowball's Spanish stemmer reads accents ("devolución" loses
"ución", "devolucion" loses nothing), so stemming before or after folding breaks the word
family devolución / devolucion / devoluciones. Here the word is folded first, the one
accent the stemmer needs on folded Spanish ("-acion", "-ucion" -> "-ación", "-ución") is
put back, then it is stemmed: every spelling of a family reaches the same stem.

The stemmers are Snowball's own (libstemmer, through PyStemmer): English is Porter2.
"""

from __future__ import annotations

import re
import threading
from collections import namedtuple
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

from kb.text import fold

LANGUAGES = ("en", "es")
_ALGORITHMS = {"en": "english", "es": "spanish"}
_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
# A PyStemmer object is not safe to share between threads (the servers search in several):
# each thread makes its own, without PyStemmer's cache (`stem` keeps the stems).
_local = threading.local()

# Words that carry no meaning in a query. Kept short on purpose: "estado" (status),
# "antes" (before), "contra", "sin" (without) mean something to a payments agent.
STOPWORDS = frozenset("""
a al algo and are as at be been but by de del e el en es esa ese eso esta este esto for from
ha han has hay he how i if in is it its la las le les lo los me mi my no o of on or our para pero
por que se si su sus that the their them then there these they this to tu un una unos unas
was we what when where which who why will with y ya yo you your qué cómo cuál
""".split())


def is_code(word: str) -> bool:
    """Codes and numbers ('51', '422', 'r03', 'n7') are matched exactly, never stemmed or
    corrected."""
    return bool(_DIGIT.search(word))


def _stemmer(lang: str) -> Stemmer.Stemmer:
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if lang not in stemmers:
        stemmers[lang] = Stemmer.Stemmer(_ALGORITHMS[lang], 0)
    return stemmers[lang]


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The stem of a folded word in `lang` (codes unchanged)."""
    if is_code(word) or len(word) < 3:
        return word
    if lang == "es" and word.endswith(("acion", "ucion")):
        word = word[:-3] + "ión"  # the accent Snowball's "-ación"/"-ución" rules need
    return fold(_stemmer(lang).stemWord(word))


def words(text: str) -> list[str]:
    """The folded words of `text`, stop words included (phrases and snippets need them)."""
    return _WORD.findall(fold(text))


def terms(text: str) -> Iterator[str]:
    """The folded words of `text` that carry meaning."""
    for word in _WORD.findall(fold(text)):
        if word not in STOPWORDS:
            yield word


class Analyzed(namedtuple("Analyzed", ["exact", "stem"])):
    """A text as index terms: `exact` (folded words) and `stem` (their stems), each a
    string of space-separated terms, in order."""

    __slots__ = ()


def analyze(text: str, lang: str) -> Analyzed:
    """Index terms of `text`: its words, and every stem of each (see `stems`). `lang`, the
    language of the text, is kept in the signature for analyzers that need it."""
    exact = list(terms(text))
    # The stems of a word in order: the same text gives the same terms in every process
    # (a set's order follows the hash seed), so an unchanged article's document is too.
    return Analyzed(" ".join(exact), " ".join(" ".join(sorted(stems(word))) for word in exact))


@lru_cache(maxsize=200_000)
def stems(word: str) -> frozenset[str]:
    """Every stem of a folded word, one per language. Articles quote words of the other
    language ("contracargo (chargeback)") and a short query's language is a guess, so a
    word is indexed and looked up under all of them: a stem then means the same in every
    article, and no stem is rare only because another language's stemmer made it."""
    return frozenset(stem(word, lang) for lang in LANGUAGES)
