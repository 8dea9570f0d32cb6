"""Words for comparing texts in English and Spanish: folded case and accents, common
words and greetings left out, plurals reduced, so "devoluciones" meets "devolución"."""

from __future__ import annotations

import re
from functools import lru_cache

from kb.text import fold

STOPWORDS = frozenset("""
a al algo and are as at be been but by con como de del do does el ella en es esta este esto for from ha has have
he her hi his how i if in is it its la las le les lo los me mi mis my no not nos o of on or our para pero por que
se ser si sin so son su sus that the their them then there they this to tu un una uno was we were what when where
which who why will with ya yo you your ese esa eso hay muy mas tengo tiene tienen hice hizo fue pero sobre
hola buen buenas buenos tardes dias noches saludos gracias thanks thank hello good morning afternoon evening dear
estimado estimada estimados equipo team favor please ayuda help ticket re fw fwd rv
""".split())
_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    if len(word) > 5 and word.endswith("es"):
        return word[:-2]
    if len(word) > 4 and word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)  # tickets repeat their subjects; each is read for phrasings, type and closest articles
def words(text: str) -> tuple[str, ...]:
    """The content words of `text`, folded and reduced, in order."""
    return tuple(stem(w) for w in _WORD.findall(fold(text)) if len(w) > 2 and w not in STOPWORDS and not w.isdigit())
