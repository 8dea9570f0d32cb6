"""Each word of a query and every form that counts as matching it: its stems, and, with a
lower weight, the corrections of a typo, the completions of an unfinished last word and
the glossary's synonyms, which join the two languages (a synonym of several words is kept
as a phrase). Also the query's language, read from the words as understood."""

from __future__ import annotations

from collections import namedtuple

from kb.search.analysis import is_code, stems
from kb.search.parse import ParsedQuery
from kb.search.synonyms import Synonyms
from kb.search.vocabulary import Vocabulary, typo_budget

TYPO_WEIGHT = 0.5
PREFIX_WEIGHT = 0.6
SYNONYM_WEIGHT = 0.7


class QueryWord(namedtuple("QueryWord", ["text", "forms", "alternatives", "phrases"])):
    """One query word (`text`) and every form that counts as matching it: `forms`, the
    index terms (exact words and stems) that match it; `alternatives`, the (word, weight)
    pairs besides itself (typos, completions, synonyms); `phrases`, its synonyms of several
    words, as tuples. The set and lists are filled in while the query is expanded, then
    only read."""

    __slots__ = ()


def forms(word: str) -> set[str]:
    """The index terms of a folded word: itself and its stems (a code is only itself)."""
    return {word} if is_code(word) else {word} | stems(word)


def expand(parsed: ParsedQuery, vocabulary: Vocabulary, synonyms: Synonyms,
           corrected: dict[str, list[str]]) -> list[QueryWord]:
    """The query's words with their alternatives; the typo corrections tried are added to
    `corrected` (word -> corrections), for the results to say how the query was read."""
    result = []
    for position, word in enumerate(parsed.words):
        alternatives: list[tuple[str, float]] = []
        if word not in vocabulary and not is_code(word):
            if parsed.prefix and position == len(parsed.words) - 1 and len(word) >= 3:
                alternatives += [(w, PREFIX_WEIGHT) for w in vocabulary.completions(word)]
            typos = vocabulary.near(word, typo_budget(word))
            if typos:
                corrected[word] = typos
            alternatives += [(w, TYPO_WEIGHT) for w in typos if w not in dict(alternatives)]
        matching = forms(word)
        for alternative, _ in alternatives:
            matching |= forms(alternative)
        result.append(QueryWord(word, matching, alternatives, []))
    for expansion in synonyms.expand([w.text for w in result]):
        if expansion.end - expansion.start == 1:
            target = result[expansion.start]
            for phrase in expansion.phrases:
                if len(phrase) == 1:
                    target.alternatives.append((phrase[0], SYNONYM_WEIGHT))
                    target.forms.update(forms(phrase[0]))
                else:
                    target.phrases.append(phrase)
        else:
            for position in range(expansion.start, expansion.end):
                result[position].phrases.extend(expansion.phrases)
    return result


def query_language(query_words: list[QueryWord], vocabulary: Vocabulary) -> str | None:
    """The language the query seems to be in: of its words, or of the best correction of
    a word the index does not know."""
    return vocabulary.language([w.alternatives[0][0] if w.alternatives and w.text not in vocabulary
                                else w.text for w in query_words])
