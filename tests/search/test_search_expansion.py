"""Query words and their alternatives (typos, completions, synonyms), without an index."""

from kb.search.analysis import stems
from kb.search.expansion import PREFIX_WEIGHT, SYNONYM_WEIGHT, TYPO_WEIGHT, expand, forms, query_language
from kb.search.parse import parse
from kb.search.synonyms import Synonyms
from kb.search.vocabulary import Vocabulary

VOCABULARY = Vocabulary(["en", "es"], {
    "chargeback": [9, 1], "contracargo": [1, 8], "plazo": [0, 5], "deadline": [4, 0], "devolucion": [0, 7],
    "devoluciones": [0, 2], "tracking": [3, 0], "key": [3, 0], "clave": [0, 3], "rastreo": [0, 3],
})
SYNONYMS = Synonyms([{"en": ["chargeback"], "es": ["contracargo"]}, {"en": ["tracking key"], "es": ["clave de rastreo"]}])


def test_forms_are_the_word_and_its_stems_except_for_codes():
    assert forms("devoluciones") == {"devoluciones"} | stems("devoluciones")
    assert forms("r03") == {"r03"}


def test_a_known_word_has_no_alternatives_but_its_synonyms():
    [word] = expand(parse("plazo"), VOCABULARY, SYNONYMS, corrected := {})
    assert word.alternatives == [] and corrected == {}
    [word] = expand(parse("contracargo"), VOCABULARY, SYNONYMS, {})
    assert word.alternatives == [("chargeback", SYNONYM_WEIGHT)]
    assert stems("chargeback") <= word.forms


def test_typos_are_corrected_and_reported():
    corrected = {}
    [word] = expand(parse("contracrago "), VOCABULARY, SYNONYMS, corrected)
    assert ("contracargo", TYPO_WEIGHT) in word.alternatives
    assert corrected == {"contracrago": ["contracargo"]}


def test_only_an_unfinished_last_word_is_completed():
    [word] = expand(parse("devol"), VOCABULARY, SYNONYMS, {})
    assert [w for w, weight in word.alternatives if weight == PREFIX_WEIGHT] == ["devolucion", "devoluciones"]
    [word] = expand(parse("devol "), VOCABULARY, SYNONYMS, {})
    assert not any(weight == PREFIX_WEIGHT for _, weight in word.alternatives)


def test_a_synonym_of_several_words_is_a_phrase_of_each_word():
    words = expand(parse("clave rastreo"), VOCABULARY, SYNONYMS, {})
    assert [w.phrases for w in words] == [[("tracking", "key")], [("tracking", "key")]]
    [word] = expand(parse("chargeback"), VOCABULARY, Synonyms([{"en": ["chargeback"], "es": ["clave de rastreo"]}]), {})
    assert word.phrases == [("clave", "rastreo")]


def test_the_query_language_reads_corrections_of_unknown_words():
    assert query_language(expand(parse("contracrago plazo "), VOCABULARY, SYNONYMS, {}), VOCABULARY) == "es"
    assert query_language(expand(parse("deadline"), VOCABULARY, SYNONYMS, {}), VOCABULARY) == "en"
