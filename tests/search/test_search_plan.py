"""Query planning (kb.search.plan) on made-up document frequencies, and the boundary: only
plan.py builds queries, and the other steps of a search load no part of the index."""

import ast
import subprocess
import sys
from pathlib import Path

import kb.search.plan
from kb.search.expansion import QueryWord, forms
from kb.search.plan import REQUIRED_MINIMUM, Planner, terms
from kb.search.query import And, AndMaybe, Or, Query, Term

SEARCH = Path(kb.search.plan.__file__).parent


def leaves(query: Query) -> list[Term]:
    """The terms of a query, in order."""
    if isinstance(query, Term):
        return [query]
    if isinstance(query, AndMaybe):
        return leaves(query.required) + leaves(query.optional)
    return [term for sub in query.queries for term in leaves(sub)]


def word(text: str, *alternatives: tuple[str, float]) -> QueryWord:
    return QueryWord(text, forms(text), list(alternatives), [])


def planner(frequencies: dict[tuple[str, str], int], documents: int = 100) -> Planner:
    return Planner(lambda field, text: frequencies.get((field, text), 0), documents)


def test_terms_are_the_known_stems_and_a_code_is_also_a_row_code():
    known = {("s", "51"), ("code", "51")}
    assert [(t.field, t.text) for t in terms("51", 1.0, "s", lambda f, t: (f, t) in known)] == [
        ("s", "51"), ("code", "51")]
    assert len(terms("zzz", 1.0, "s", lambda f, t: False)) == 1  # nothing known: one term, matching nothing


def test_an_unknown_word_drops_out_and_known_words_are_required_on_a_small_index():
    plan = planner({("s", "spei"): 40})
    [query] = plan.plans([word("spei"), word("qqqq")], [])
    assert isinstance(query, Or) and Term("s", "spei") in leaves(query)
    assert plan.plans([word("qqqq")], []) == []


def test_common_words_only_add_to_the_score_on_a_large_index():
    documents = 20 * REQUIRED_MINIMUM
    plan = planner({("s", "rare"): 10, ("s", "common"): documents // 2 + 1, ("h", "common"): 5}, documents)
    query = plan.plans([word("common"), word("rare")], [])[-1]
    assert isinstance(query, AndMaybe)
    assert [t.text for t in leaves(query.required)] == ["rare"] and [t.text for t in leaves(query.optional)] == ["common"]


def test_when_every_word_is_common_their_headings_come_first():
    documents = 20 * REQUIRED_MINIMUM
    plan = planner({("s", "spei"): documents, ("h", "spei"): 300}, documents)
    first, second = plan.plans([word("spei")], [])
    assert [t.field for t in leaves(first)] == ["h"] and [t.field for t in leaves(second)] == ["s"]


def test_a_better_choice_hides_a_term_asked_again_and_frequencies_are_remembered():
    asked = []
    plan = Planner(lambda field, text: asked.append((field, text)) or 5, 100)
    _, size = plan.clause(word("spei", ("spei", 0.5)))
    assert size == 5  # the alternative repeats the word: counted once
    assert len(asked) == len(set(asked))


def test_phrase_words_are_required():
    plan = planner({("s", "clave"): 3, ("s", "rastreo"): 3, ("s", "spei"): 3})
    [query] = plan.plans([word("spei")], [["clave", "rastreo"]])
    assert isinstance(query, And) and {t.text for t in leaves(query)} == {"clave", "rastreo", "spei"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_plan_builds_queries():
    builders = sorted(p.name for p in SEARCH.glob("*.py") if "kb.search.query" in _imports(p) and "Term" in p.read_text())
    assert builders == ["plan.py"]


def test_the_engine_free_steps_load_no_part_of_the_engine():
    code = ("import sys\n"
            "import kb.search.parse, kb.search.results, kb.search.vocabulary, kb.search.expansion\n"
            "import kb.search.ranking, kb.search.snippets, kb.search.answer\n"
            "print(sorted(m for m in sys.modules if m.startswith(('kb.search.store', 'kb.search.query', 'sqlite3', 'whoosh.query', 'whoosh.index'))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
