"""The weighted fields' words ("stem^4" is the term "stem" weighing 4) are read as Whoosh's
regular-expression tokenizer and delimited-attribute filter read them: the same terms,
each weighing the sum of its tokens' weights (to the rounding of the sum), and the field's
length in tokens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.analysis import DelimitedAttributeFilter, RegexTokenizer

from kb.search.weighted_words import field_terms

WHOOSH = RegexTokenizer(r"\S+") | DelimitedAttributeFilter(delimiter="^", attribute="boost", default=1.0)
WORD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="^"), min_size=1).filter(
    lambda w: not any(c.isspace() for c in w))
WEIGHT = st.one_of(st.none(), st.sampled_from(["4", "2.5", "1.6", "1"]),
                   st.floats(min_value=0.01, max_value=100, allow_nan=False).map(lambda f: f"{f:g}"))
SPACE = st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2003\u3000\x1c"), min_size=1, max_size=3)


def whooshs(text: str) -> tuple[dict[str, float], int]:
    weights: dict[str, float] = {}
    length = 0
    for token in WHOOSH(text, mode="index", boosts=True):
        weights[token.text] = weights.get(token.text, 0.0) + token.boost
        length += 1
    return weights, length


@given(st.lists(st.tuples(WORD, WEIGHT, SPACE), max_size=30), SPACE)
def test_the_terms_and_length_are_whooshs(parts: list, lead: str) -> None:
    text = lead + "".join(word + (f"^{weight}" if weight else "") + space for word, weight, space in parts)
    ours, theirs = field_terms(text), whooshs(text)
    assert list(ours[0]) == list(theirs[0]) and ours[1] == theirs[1]
    assert ours[0] == pytest.approx(theirs[0], rel=1e-12)


def test_a_weight_adds_up_and_a_bare_word_counts_one() -> None:
    assert field_terms("spei^4 devolu^2.5 cuenta spei") == ({"spei": 5.0, "devolu": 2.5, "cuenta": 1.0}, 4)
    assert field_terms("  \n ") == ({}, 0)
