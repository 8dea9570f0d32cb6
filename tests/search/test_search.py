"""What agents type, and what they must get: accents, stems, typos, synonyms, codes, the
query's language, and malformed input that never fails."""

import pytest

from kb.search.parse import MAX_CHARS, parse
from kb.search.vocabulary import typo_budget


def ids(results):
    return [hit.id for hit in results.hits]


@pytest.mark.parametrize("query", ["devolución", "devolucion", "DEVOLUCIÓN", "devoluciones", "Devoluciones"])
def test_accents_and_case_do_not_matter(indexed, query):
    results = indexed().search(query)
    assert ids(results)[0] == "spei/returns"


def test_stemming_english_and_spanish(indexed):
    index = indexed()
    assert ids(index.search("chargebacks deadline"))[0] == "payments/chargebacks"
    assert ids(index.search("cuentas bloqueadas"))[0] == "spei/returns"


@pytest.mark.parametrize("query, expected", [
    ("chargebak", "payments/chargebacks"),      # a letter missing
    ("contracrago", "payments/chargebacks"),    # two letters swapped
    ("transfrencia", "spei/returns"),           # a letter missing, 12 letters
    ("devolucoines", "spei/returns"),           # swap in a long word
])
def test_typos_are_forgiven(indexed, query, expected):
    results = indexed().search(query)
    assert ids(results)[:1] == [expected]
    assert results.corrected


def test_typo_budget_follows_word_length():
    assert typo_budget("cep") == 0
    assert typo_budget("spei") == 1
    assert typo_budget("transfer") == 2
    assert typo_budget("51") == 0 and typo_budget("r0333") == 0


def test_codes_are_never_corrected(indexed):
    index = indexed()
    assert ids(index.search("52")) == []      # 51 and 54 exist: no fuzzy match on numbers
    assert ids(index.search("423")) == []


@pytest.mark.parametrize("code, anchors, article", [
    ("51", {"en": "response-codes"}, "payments/declines"),
    ("422", {"en": "http-errors"}, "payments/declines"),
    ("03", {"en": "return-causes", "es": "causas-de-devolucion"}, "spei/returns"),
])
def test_a_code_leads_to_its_row(indexed, code, anchors, article):
    hit = indexed().search(code).hits[0]
    assert (hit.id, hit.row, hit.anchor) == (article, code, anchors.get(hit.lang)), hit.lang
    if "es" in anchors:  # the same row through the other language's heading
        spanish = indexed().search(code, lang="es").hits
        assert (spanish[0].id, spanish[0].row, spanish[0].anchor) == (article, code, anchors["es"])
    assert f"<mark>{code}</mark>" in hit.snippet


def test_code_with_words_finds_the_row(indexed):
    hit = indexed().search("devolucion 03", lang="es").hits[0]
    assert (hit.id, hit.row, hit.anchor) == ("spei/returns", "03", "causas-de-devolucion")
    assert "cancelada" in hit.snippet.lower()


def test_synonyms_cross_languages(indexed):
    index = indexed()
    english = index.search("contracargo", lang="en")
    assert ids(english)[0] == "payments/chargebacks"  # the English article never says "contracargo"
    spanish = index.search("chargeback", lang="es")
    assert ids(spanish)[0] == "payments/chargebacks"
    assert ids(index.search("tracking key", lang="es")) == ["glossary"]


def test_query_language_is_favoured(indexed):
    index = indexed()
    assert index.search("cuenta bloqueada").hits[0].lang == "es"
    assert index.search("blocked account").hits[0].lang == "en"


def test_one_result_per_article(indexed):
    hits = indexed().search("spei").hits
    assert len(ids_ := [h.id for h in hits]) == len(set(ids_))


def test_title_outranks_body(indexed, kb):
    kb.article("payments/other", "en", "A long text that mentions a chargeback once, among many other words.\n\n"
               "See [chargebacks](chargebacks.md).\n", title="Other topics", tags=["spei"], summary="Other things.")
    from kb.search.index import build_index

    build_index(kb.catalog(), "internal")
    found = ids(indexed().search("chargeback", lang="en"))
    assert found.index("payments/chargebacks") < found.index("payments/other")


def test_limit_and_language_filter(indexed):
    index = indexed()
    assert len(index.search("spei", limit=1).hits) == 1
    assert {h.lang for h in index.search("spei", lang="es").hits} == {"es"}


def test_did_you_mean_when_nothing_matches(indexed):
    results = indexed().search("xargebak")  # too far for a typo, close enough for a suggestion
    assert results.hits == []
    assert results.did_you_mean == "chargeback"


def test_snippet_highlights_and_escapes(indexed):
    hit = indexed().search("beneficiary bank").hits[0]
    assert "<mark>" in hit.snippet
    assert "<mark>" not in hit.snippet.replace("<mark>", "").replace("</mark>", "") and "<" not in \
        hit.snippet.replace("<mark>", "").replace("</mark>", "")


MALFORMED = ['"unbalanced quote', 'quote" in "the middle', "*", "**", "* *", "OR OR", "AND", "NOT NOT OR",
             "spei OR OR", "x" * 10_000, "spei " * 3000, "\x00\x01\x02 spei \x1b[31m", "\u202e\u200b", "", "   ",
             '""', '"spei"', "(((", "[[]]", "spei^2 ~3 field:value", "🙂 💳", "a" * 300 + " devolución",
             "-devolución", "\\", "%s %d {0}", "<script>alert(1)</script>"]


@pytest.mark.parametrize("query", MALFORMED, ids=lambda q: repr(q[:20]))
def test_malformed_queries_never_fail(indexed, query):
    results = indexed().search(query)
    assert isinstance(results.hits, list)
    for hit in results.hits:
        assert "<script>" not in hit.snippet


def test_long_query_is_cut():
    parsed = parse("devolución " * 5000)
    assert parsed.words == ["devolucion"]
    assert len(parse("x" * 10_000).words[0]) <= MAX_CHARS


def test_quoted_phrase_must_match(indexed):
    index = indexed()
    assert ids(index.search('"cuenta bloqueada"')) == ["spei/returns"]
    assert ids(index.search('"bloqueada cuenta"')) == []


def test_control_characters_are_spaces():
    assert parse("spei\x00no\tllega").words == ["spei", "llega"]


def test_an_unknown_word_does_not_empty_the_results(indexed):
    assert ids(indexed().search("zorblax chargeback"))[:1] == ["payments/chargebacks"]
    assert ids(indexed().search("zorblax qwxyz")) == []
