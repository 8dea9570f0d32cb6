"""The analyzer of the index's weighted fields: "stem^4 stem^2.5 stem" as tokens, each
with its zone's weight as its boost. The same tokens a regular-expression tokenizer and
Whoosh's DelimitedAttributeFilter make, in a third of the time (one loop, no regular
expression, no second generator): the analysis was most of the time to build an index.

Its own small module: the index's schema names it, so every search that opens an index
imports it (and nothing of the index builder)."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer


class WeightedWords(Tokenizer):
    """Splits on white space; "word^w" is the token "word" with boost w (1 without).
    No character offsets: the fields it analyses keep no positions to highlight."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.stopped = False
        for position, word in enumerate(value.split()):
            text, _, boost = word.partition("^")
            token.text = text
            token.boost = float(boost) if boost else 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + position
            yield token
