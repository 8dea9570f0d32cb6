"""The final ranking and the phrase check (kb.search.ranking), on hand-made candidates."""

from kb.search.expansion import QueryWord, forms
from kb.search.ranking import LANGUAGE_BOOST, Candidate, fit, holds_phrases, rank


def word(text: str) -> QueryWord:
    return QueryWord(text, forms(text), [], [])


def zones(title: str = "", meta: str = "", head: str = "", body: str = "") -> dict[str, str]:
    """Zones as the index stores them: space-separated terms with a space at each end."""
    return {zone: f" {text} " for zone, text in {"title": title, "meta": meta, "head": head, "body": body}.items()}


def candidate(id_: str, lang: str = "en", score: float = 4.0, **zone_texts: str) -> Candidate:
    return Candidate(id_, lang, {"zones": zones(**zone_texts)}, score, number=0)


def test_all_words_beat_most_words():
    query = [word("spei"), word("returns"), word("51")]
    assert fit(query, zones(body="spei returns 51")) > fit(query, zones(title="spei returns"))


def test_a_title_word_beats_a_body_word():
    query = [word("chargeback")]
    assert fit(query, zones(title="chargeback")) > fit(query, zones(head="chargeback")) > fit(query, zones(body="chargeback"))


def test_a_word_as_typed_beats_its_stem_alone():
    query = [word("returns")]
    stem_only = zones(body=" ".join(forms("returns") - {"returns"}))
    assert fit(query, zones(body="returns")) > fit(query, stem_only) > 0


def test_no_word_found_fits_nothing_and_no_word_fits_all():
    assert fit([word("spei")], zones(body="card")) == 0
    assert fit([], zones(body="card")) == 1.0


def test_one_result_per_article_its_best_document():
    ranked = rank([candidate("a", "en", 1.0, body="spei"), candidate("a", "es", 9.0, body="spei"),
                   candidate("b", "en", 4.0, body="spei")], [word("spei")], None, 10)
    assert [(c.id, c.lang) for c in ranked] == [("a", "es"), ("b", "en")]


def test_the_query_language_is_favoured_and_the_limit_kept():
    english, spanish = candidate("a", "en", 4.0, body="spei"), candidate("b", "es", 4.0, body="spei")
    ranked = rank([english, spanish], [word("spei")], "es", 10)
    assert [c.id for c in ranked] == ["b", "a"]
    assert ranked[0].score == ranked[1].score * LANGUAGE_BOOST
    assert len(rank([candidate(str(n), body="spei") for n in range(5)], [word("spei")], None, 3)) == 3


def test_phrases_must_appear_in_order():
    texts = ["Clave de rastreo", "", "La CLAVE de rastreo identifica"]
    assert holds_phrases(texts, [["clave", "de", "rastreo"]])
    assert not holds_phrases(texts, [["rastreo", "de", "clave"]])
    assert not holds_phrases(["clave de rastreos"], [["clave", "de", "rastreo"]])  # whole words
