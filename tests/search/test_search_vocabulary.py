"""The vocabulary's typos, completions, language guess and suggestions: in memory, and as
the index's lexicon holds it (read word by word), which must answer the same."""

import pytest

from kb.search.lexicon import Lexicon, write_lexicon
from kb.search.synonyms import Synonyms
from kb.search.vocabulary import Vocabulary, language_totals, typo_budget

WORDS = {  # word -> documents per language [en, es]
    "chargeback": [9, 1], "chargebacks": [3, 0], "contracargo": [1, 8], "transferencia": [0, 12],
    "transfer": [10, 1], "devolucion": [0, 7], "deadline": [4, 0], "plazo": [0, 5], "spei": [20, 20],
    "51": [3, 3], "r03": [1, 1], "deposit": [2, 0], "deposito": [0, 2], "devoluciones": [0, 2],
}


@pytest.fixture(params=["in memory", "lexicon"])
def vocabulary(request, tmp_path):
    if request.param == "in memory":
        return Vocabulary(["en", "es"], WORDS)
    write_lexicon(tmp_path / "lexicon.sqlite", ["en", "es"], WORDS, Synonyms([]))
    return Lexicon(tmp_path / "lexicon.sqlite").vocabulary


def test_the_lexicon_holds_every_word_its_counts_and_the_totals(tmp_path):
    write_lexicon(tmp_path / "lexicon.sqlite", ["en", "es"], WORDS, Synonyms([]))
    stored = Lexicon(tmp_path / "lexicon.sqlite").vocabulary
    assert list(stored.df) == sorted(WORDS) and len(stored.df) == len(WORDS)
    assert {word: stored.df[word] for word in stored.df} == WORDS
    assert stored.totals == language_totals(WORDS, 2) and stored.languages == ["en", "es"]
    assert "zorblax" not in stored and stored.count("zorblax") == 0 and stored.df.get("zorblax") is None


@pytest.mark.parametrize("word, budget", [("cep", 0), ("spei", 1), ("deposit", 1), ("transfer", 2), ("r03x", 0)])
def test_typo_budget(word, budget):
    assert typo_budget(word) == budget


def test_near_finds_missing_letters_and_swaps(vocabulary):
    assert vocabulary.near("chargebak", 1) == ["chargeback"]
    assert vocabulary.near("contracrago", 1) == ["contracargo"]  # a swap is one typo
    assert vocabulary.near("depost", 1) == ["deposit"]
    assert vocabulary.near("chargeback", 0) == []


def test_near_puts_the_closest_then_the_commonest_first(vocabulary):
    assert vocabulary.near("chargebacx", 2)[:2] == ["chargeback", "chargebacks"]


def test_codes_are_never_typo_candidates(vocabulary):
    assert "51" not in vocabulary.near("5", 2) and "r03" not in vocabulary.near("r04", 2)


def test_completions_commonest_first(vocabulary):
    assert vocabulary.completions("devol") == ["devolucion", "devoluciones"]
    assert vocabulary.completions("chargeback") == ["chargebacks"]  # not the word itself
    assert vocabulary.completions("zz") == []


def test_language_of_the_query(vocabulary):
    assert vocabulary.language(["contracargo", "plazo"]) == "es"
    assert vocabulary.language(["chargeback", "deadline"]) == "en"
    assert vocabulary.language(["spei", "51"]) is None  # both languages alike; codes tell nothing
    assert vocabulary.language(["unknown"]) is None


def test_did_you_mean_replaces_unknown_words(vocabulary):
    assert vocabulary.did_you_mean(["chargebakc", "spei"]) == "chargeback spei"
    assert vocabulary.did_you_mean(["spei", "51"]) is None
    assert vocabulary.did_you_mean(["qqqqqqqq"]) is None


def test_words_of_a_length_and_of_a_prefix_are_the_same_in_memory_and_in_the_lexicon(tmp_path):
    words = {**WORDS, "devol": [1, 1], "devolu\U0010ffff": [0, 1], "devolv": [0, 1], "éclair": [1, 0], "4242": [1, 0]}
    write_lexicon(tmp_path / "lexicon.sqlite", ["en", "es"], words, Synonyms([]))
    stored, memory = Lexicon(tmp_path / "lexicon.sqlite").vocabulary, Vocabulary(["en", "es"], words)
    for length in range(0, 16):
        assert list(stored.of_length(length)) == list(memory.of_length(length)), length
    for prefix in ("", "d", "devol", "devolu", "devolu\U0010ffff", "é", "4", "z", "transferencias"):
        assert stored.starting(prefix, 2000) == memory.starting(prefix, 2000), prefix
    assert stored.starting("devol", 2) == memory.starting("devol", 2) == ["devol", "devolucion"]
