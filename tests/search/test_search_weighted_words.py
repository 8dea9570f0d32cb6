"""The weighted fields' analyzer makes the tokens Whoosh's regular-expression tokenizer
and delimited-attribute filter make ("stem^4" is "stem", boost 4), and an index built
with it holds the same postings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.analysis import DelimitedAttributeFilter, RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT

from kb.search.documents_cache import search_documents
from kb.search.index import build_index, index_schema
from kb.search.weighted_words import WeightedWords

WHOOSH = RegexTokenizer(r"\S+") | DelimitedAttributeFilter(delimiter="^", attribute="boost", default=1.0)
WORD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="^"), min_size=1).filter(
    lambda w: not any(c.isspace() for c in w))
WEIGHT = st.one_of(st.none(), st.sampled_from(["4", "2.5", "1.6", "1"]),
                   st.floats(min_value=0.01, max_value=100, allow_nan=False).map(lambda f: f"{f:g}"))
SPACE = st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2003\u3000\x1c"), min_size=1, max_size=3)


def tokens(analyzer, text: str) -> list[tuple[str, float]]:  # noqa: ANN001
    return [(t.text, t.boost) for t in analyzer(text, mode="index", boosts=True)]


@given(st.lists(st.tuples(WORD, WEIGHT, SPACE), max_size=30), SPACE)
def test_the_tokens_are_whooshs(parts: list, lead: str) -> None:
    text = lead + "".join(word + (f"^{weight}" if weight else "") + space for word, weight, space in parts)
    assert tokens(WeightedWords(), text) == tokens(WHOOSH, text)


def test_a_weight_is_the_boost_and_a_bare_word_counts_one() -> None:
    assert tokens(WeightedWords(), "spei^4 devolu^2.5 cuenta") == [("spei", 4.0), ("devolu", 2.5), ("cuenta", 1.0)]
    assert tokens(WeightedWords(), "  \n ") == []


def _postings(folder) -> dict:  # noqa: ANN001
    reader = whoosh_index.open_dir(str(folder)).reader()
    found = {}
    for field, term in reader.all_terms():
        matcher, items = reader.postings(field, term), []
        while matcher.is_active():
            items.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        found[(field, term)] = items
    lengths = [(reader.doc_field_length(n, "s"), reader.doc_field_length(n, "h")) for n in range(reader.doc_count_all())]
    return {"postings": found, "lengths": lengths, "stored": list(reader.all_stored_fields())}


def test_an_index_built_with_it_holds_whooshs_postings(kb, tmp_path) -> None:
    catalog = kb.catalog()
    built = build_index(catalog, "internal", tmp_path / "ours").path
    schema = index_schema()
    for name in ("s", "h"):
        schema.remove(name)
        schema.add(name, TEXT(analyzer=WHOOSH, phrase=False))
    reference = tmp_path / "whoosh"
    reference.mkdir()
    writer = whoosh_index.create_in(str(reference), schema).writer(codec=W3Codec(compression=0))
    for doc, _ in search_documents(catalog, "internal"):
        writer.add_document(**doc)
    writer.commit(optimize=True)
    ours = _postings(built)
    assert ours == _postings(reference)
    assert any(weight == 4.0 for (field, _), items in ours["postings"].items() if field == "s" for _, weight, _ in items)
