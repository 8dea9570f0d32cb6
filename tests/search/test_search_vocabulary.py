"""The vocabulary's typos, completions, language guess and suggestions, without an index."""

import pytest

from kb.search.vocabulary import Vocabulary, typo_budget

WORDS = {  # word -> documents per language [en, es]
    "chargeback": [9, 1], "chargebacks": [3, 0], "contracargo": [1, 8], "transferencia": [0, 12],
    "transfer": [10, 1], "devolucion": [0, 7], "deadline": [4, 0], "plazo": [0, 5], "spei": [20, 20],
    "51": [3, 3], "r03": [1, 1], "deposit": [2, 0], "deposito": [0, 2], "devoluciones": [0, 2],
}


@pytest.fixture
def vocabulary():
    return Vocabulary({"languages": ["en", "es"], "words": WORDS})


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
