"""Scoring (kb.search.query): BM25 per term over the weighted fields, and how queries combine
their terms' scores, on a small store whose every figure is computed here by hand."""

from __future__ import annotations

from math import log
from pathlib import Path

import pytest

from kb.search.query import B, K1, And, AndMaybe, DisjunctionMax, Or, Scorer, Term
from kb.search.store import Store, write_store

from test_search_store import document


@pytest.fixture
def scorer(tmp_path: Path) -> Scorer:
    write_store(tmp_path / "index", [
        document("a", s="spei^4 clabe"),              # length 2
        document("b", s="spei clabe clabe devolu", lang="es"),  # length 4
        document("c", s="devolu^2.5 cargo"),          # length 2
        document("d", s="cargo"),                     # length 1
    ])
    return Scorer(Store(tmp_path / "index"))


def bm25(weight: float, length: int, df: int, documents: int = 4, average: float = 9 / 4) -> float:
    idf = log(documents / (df + 1)) + 1
    return idf * weight * (K1 + 1) / (weight + K1 * (1 - B + B * length / average))


def test_a_term_scores_bm25_of_its_weight_and_the_documents_length(scorer: Scorer) -> None:
    assert Term("s", "spei").scores(scorer) == pytest.approx({0: bm25(4.0, 2, 2), 1: bm25(1.0, 4, 2)})
    assert Term("s", "clabe", boost=0.5).scores(scorer) == pytest.approx({0: bm25(1, 2, 2) / 2, 1: bm25(2, 4, 2) / 2})
    assert Term("s", "nada").scores(scorer) == {} and Term("x", "spei").scores(scorer) == {}


def test_or_adds_the_terms_a_document_holds_and_and_needs_them_all(scorer: Scorer) -> None:
    spei, clabe, devolu = (Term("s", word) for word in ("spei", "clabe", "devolu"))
    one = {word.text: word.scores(scorer) for word in (spei, clabe, devolu)}
    assert Or([spei, devolu]).scores(scorer) == pytest.approx(
        {0: one["spei"][0], 1: one["spei"][1] + one["devolu"][1], 2: one["devolu"][2]})
    assert And([spei, devolu]).scores(scorer) == pytest.approx({1: one["spei"][1] + one["devolu"][1]})
    assert And([spei, Term("s", "nada")]).scores(scorer) == {} and And([]).scores(scorer) == {}


def test_and_maybe_raises_only_the_documents_the_first_part_found(scorer: Scorer) -> None:
    spei, cargo, clabe = Term("s", "spei"), Term("s", "cargo"), Term("s", "clabe")
    assert AndMaybe(spei, cargo).scores(scorer) == pytest.approx(spei.scores(scorer))
    both = AndMaybe(spei, clabe).scores(scorer)
    assert both == pytest.approx({n: spei.scores(scorer)[n] + clabe.scores(scorer)[n] for n in (0, 1)})


def test_a_choice_of_forms_scores_its_best_plus_the_tiebreak_of_the_others(scorer: Scorer) -> None:
    spei, clabe = Term("s", "spei"), Term("s", "clabe")
    s, c = spei.scores(scorer), clabe.scores(scorer)
    assert DisjunctionMax([spei, clabe]).scores(scorer) == pytest.approx({n: max(s[n], c[n]) for n in (0, 1)})
    assert DisjunctionMax([spei, clabe], tiebreak=0.1).scores(scorer) == pytest.approx(
        {n: max(s[n], c[n]) + 0.1 * min(s[n], c[n]) for n in (0, 1)})


def test_within_restricts_every_query_to_the_documents_given(scorer: Scorer) -> None:
    for query in (Term("s", "devolu"), Or([Term("s", "devolu"), Term("s", "cargo")]),
                  DisjunctionMax([Term("s", "devolu"), Term("s", "cargo")])):
        assert query.scores(scorer, {2}) == pytest.approx({2: query.scores(scorer)[2]})


def test_top_is_best_first_lower_number_first_on_a_tie_and_keeps_one_language(scorer: Scorer) -> None:
    cargo = Term("s", "cargo", boost=0.0)  # every score 0: a tie
    assert scorer.top(cargo, 5) == [(2, 0.0), (3, 0.0)]
    ranked = scorer.top(Or([Term("s", "spei"), Term("s", "devolu")]), 10)
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)
    assert [n for n, _ in scorer.top(Term("s", "spei"), 10, lang="es")] == [1]
    assert scorer.top(Term("s", "spei"), 1) == [max(Term("s", "spei").scores(scorer).items(), key=lambda i: i[1])]


def test_within_a_long_list_looks_up_each_document(tmp_path: Path) -> None:
    write_store(tmp_path / "index", [document(f"d{n}", s="cargo " * (1 + n % 3) + ("spei" if n % 2 else ""))
                                     for n in range(60)])
    scorer = Scorer(Store(tmp_path / "index"))
    everything = Term("s", "cargo").scores(scorer)
    assert len(everything) == 60
    assert Term("s", "cargo").scores(scorer, {3, 40, 59, 99}) == {n: everything[n] for n in (3, 40, 59)}
    assert Term("s", "spei").scores(scorer, {2, 3}) == {3: Term("s", "spei").scores(scorer)[3]}
