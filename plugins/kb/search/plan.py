"""The queries a search runs (the one module that builds them; query.py scores them).

Each word is one clause: its forms, each a choice scored for the best one. The rare words
are required and the common ones only add to the score, which bounds the work of a query
on large indexes (the idea of MaxScore/WAND). When every word is common, articles holding
the query's telling words in their title, summary, tags or headings come first (a short
field: little to read), then the rarest word's articles, ranked by all the words. A word in
most articles tells nothing: it is never required (as Lucene's common terms query does).
Code words are also looked for among the codes of table rows.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.search.analysis import is_code, stems
from kb.search.expansion import SYNONYM_WEIGHT, QueryWord, forms
from kb.search.query import And, AndMaybe, DisjunctionMax, Or, Query, Term

CODE_BOOST = 6.0
# Words are required, rarest first, while the documents they match stay under this share
# of the index; the commoner words only add to the score of those documents.
REQUIRED_SHARE = 0.1
REQUIRED_MINIMUM = 1000  # documents: below this, any plan is fast
COMMON_SHARE = 0.5  # a word in more than this share of the articles is never required

Known = Callable[[str, str], bool]


def terms(word: str, weight: float, field: str, known: Known) -> list[Query]:
    """The index terms of one word in `field`: its stems the index holds (a code is its own
    stem, and is also looked for among the codes of table rows)."""
    found = [Term(field, form, boost=weight) for form in ([word] if is_code(word) else sorted(stems(word)))]
    if is_code(word):
        found.append(Term("code", word, boost=CODE_BOOST * weight))
    return [term for term in found if known(term.field, term.text)] or found[:1]


class Planner:
    """Plans the queries of one opened index. `doc_frequency(field, text)` is the number
    of documents holding a term (remembered here: a query asks for the same terms again),
    `documents` the size of the index."""

    def __init__(self, doc_frequency: Callable[[str, str], int], documents: int) -> None:
        self._doc_frequency = doc_frequency
        self.documents = documents
        self._frequencies: dict[tuple[str, str], int] = {}

    def frequency(self, field: str, text: str) -> int:
        key = (field, text)
        if key not in self._frequencies:
            self._frequencies[key] = self._doc_frequency(field, text)
        return self._frequencies[key]

    def known(self, field: str, text: str) -> bool:
        return self.frequency(field, text) > 0

    def clause(self, word: QueryWord, field: str = "s") -> tuple[Query, int]:
        """The query of one word (all its forms) in `field`, and how many documents it may
        match."""
        # Each form (the word, a typo's correction, a completion, a synonym) is one choice:
        # an article scores for its best choice (plus a tenth of the others), so holding a
        # word and its synonym does not count twice. A synonym of several words counts as
        # much as the word it stands for.
        known = self.known
        seen: set[tuple[str, str]] = set()
        choices: list[Query] = []
        size = 0
        for choice, weight in [(word.text, 1.0), *word.alternatives]:
            # A term already asked for by a better choice adds nothing (typo corrections
            # often share stems: "comercio", "comercios"), nor does a word the index lacks.
            found = [t for t in terms(choice, weight, field, known)
                     if (t.field, t.text) not in seen and known(t.field, t.text)]
            seen.update((t.field, t.text) for t in found)
            if found:
                choices.append(Or(found))
                # Documents it may match: the choice's commonest form (a word's stems in the
                # two languages match nearly the same documents), added up.
                size += max(self.frequency(t.field, t.text) for t in found)
        for phrase in word.phrases:
            choices.append(And([Or(terms(w, SYNONYM_WEIGHT / len(phrase), field, known)) for w in phrase]))
            size += min(self.frequency(field, f) for w in phrase for f in forms(w))
        if not choices:  # nothing known: a query that matches nothing
            return Or(terms(word.text, 1.0, field, known)), 0
        return (choices[0] if len(choices) == 1 else DisjunctionMax(choices, tiebreak=0.1)), size

    def plans(self, query_words: list[QueryWord], phrases: list[list[str]]) -> list[Query]:
        """Queries to run in turn until one finds enough results (see the module's text)."""
        count = self.documents
        # A word the index does not have (and no correction of it) matches nothing: it only
        # lowers the share of the query's words that the results hold.
        clauses = sorted((c for c in (self.clause(word) for word in query_words) if c[1]), key=lambda c: c[1])
        if not clauses:
            return []
        budget = max(REQUIRED_MINIMUM, REQUIRED_SHARE * count)
        required, total = [], 0
        for clause, size in clauses:
            if required and total + size > budget:
                break
            required.append(clause)
            total += size
        optional = [clause for clause, _ in clauses[len(required):]]
        plans: list[Query] = []
        if total > budget:  # even the rarest word is common
            heads = sorted((c for c in (self.clause(word, "h") for word in query_words) if c[1]), key=lambda c: c[1])
            common = COMMON_SHARE * count
            telling = [clause for clause, size in heads if size <= common]
            rest = [clause for clause, size in heads if size > common]
            if not telling:
                telling, rest = rest[:1], rest[1:]
            if telling:  # (none when no word is above the body)
                plans.append(AndMaybe(And(telling), Or(rest)) if rest else And(telling))
        plans.append(AndMaybe(Or(required), Or(optional)) if optional else Or(required))
        if phrases:  # their words are required here; their order is checked on the results
            need = [Or(terms(word, 0.0, "s", self.known)) for phrase in phrases for word in phrase]
            plans = [And([*need, plan]) for plan in plans]
        return plans
