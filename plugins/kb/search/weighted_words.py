"""The words of a weighted field ("stem^4 stem^2.5 stem"): each term with its weight in
the document (the sum of its tokens' weights: a title word counts 4) and the field's
length (its number of tokens). The one reading of those fields, for the agents' index
(store.py) and the static one (static_index.py)."""

from __future__ import annotations

from collections import Counter


def field_terms(text: str) -> tuple[dict[str, float], int]:
    """The terms of a weighted field with their weights, in order of first appearance, and
    the field's length in tokens. A token without "^w" weighs 1."""
    tokens = text.split()
    weights: dict[str, float] = {}
    for token, times in Counter(tokens).items():  # each distinct token once: a zone repeats its words
        term, _, weight = token.partition("^")
        weights[term] = weights.get(term, 0.0) + (float(weight) * times if weight else float(times))
    return weights, len(tokens)
