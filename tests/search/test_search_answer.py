"""Where a result points and what its snippet shows (kb.search.answer, kb.search.snippets),
on hand-made pages."""

import html
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kb.search.analysis import stems, words
from kb.search.answer import locate
from kb.search.snippets import SNIPPET_CHARS, Marker, escape, stem_start, unescape
from kb.text import fold


def words_of(text: str) -> set[str]:
    """Every word of a text as the snippets read it (folded; runs of letters and digits
    that start a word: not the part after an underscore), read one by one."""
    return set(re.findall(r"\b[^\W_]+", fold(text)))


def marker(*words: str) -> Marker:
    return Marker(set(words).union(*(stems(w) for w in words)))


PAGE = {
    "title": "SPEI returns",
    "summary": "Why a transfer comes back.",
    "text": "Intro about returns.\nA blocked account returns the transfer to the sender.\nOther text.",
    "headings": [["Return causes", "return-causes"], ["Blocked accounts", "blocked-accounts"]],
    "rows": [["01", "01 · Account does not exist · Check the CLABE", "return-causes"],
             ["R03", "R03 · Blocked account · Call the bank", "return-causes"]],
}


def test_matches_ignore_accents_capitals_and_word_endings():
    assert marker("devolucion").matches("DEVOLUCIÓN y devoluciones, no devolver") == {"devolucion", "devoluciones"}
    assert marker("transferencia").matches("Transferencias SPEI") == {"transferencias"}
    assert marker().matches("anything") == set()


def test_mark_escapes_html_and_keeps_the_text_as_written():
    assert marker("clabe").mark("<b>CLABE</b> & Clabé") == "&lt;b&gt;<mark>CLABE</mark>&lt;/b&gt; &amp; <mark>Clabé</mark>"


@given(st.text())
@example("a & b < c > d &amp; &lt;mark&gt; &#27;")
def test_snippets_escape_as_html_escapes_text_and_unescape_undoes_it(text):
    assert escape(text) == html.escape(text, quote=False)
    assert unescape(escape(text)) == text


def test_window_centres_on_the_first_match():
    text = "filler " * 60 + "chargeback deadline " + "tail " * 40
    window = marker("chargeback").window(text)
    assert "chargeback" in window and window.startswith("… ") and window.endswith(" …")
    assert len(window) <= SNIPPET_CHARS + 4
    assert marker("chargeback").window("short text") == "short text"


def test_a_code_points_at_its_row():
    answer = locate(PAGE, marker("r03"), {"r03"}, 1)
    assert (answer.anchor, answer.row) == ("return-causes", "R03")
    assert "<mark>R03</mark>" in answer.snippet


def test_a_row_holding_most_words_wins_over_headings():
    answer = locate(PAGE, marker("blocked", "account", "bank"), set(), 3)
    assert (answer.anchor, answer.row) == ("return-causes", "R03")


def test_a_heading_beyond_the_title_and_the_best_paragraph():
    answer = locate(PAGE, marker("blocked", "sender"), set(), 2)
    assert (answer.anchor, answer.row) == ("blocked-accounts", "")
    assert answer.snippet == "A <mark>blocked</mark> account returns the transfer to the <mark>sender</mark>."
    # A heading holding only the title's words does not count.
    assert locate(PAGE | {"title": "Blocked accounts"}, marker("blocked", "sender"), set(), 2).anchor == ""


def test_nothing_better_than_the_summary():
    answer = locate(PAGE, marker("zebra"), set(), 1)
    assert answer == type(answer)("", "", "Why a transfer comes back.")


WORDS = st.text(alphabet="abcdeginorsuyñ", min_size=1, max_size=10)


@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, max_size=30))
@settings(max_examples=500, deadline=None)
@example(["dying"], ["die", "dying", "lie"])
@example(["die"], ["dying", "died"])
@example(["happy", "hope"], ["happi", "happiness", "hoping", "hop"])
def test_a_word_is_judged_as_by_its_stems_without_the_first_letter_shortcut(query, text):
    found = marker(*query)
    for word in text:
        assert found.hit(word) == (word in found.forms or not found.forms.isdisjoint(stems(word)))


@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS | st.sampled_from(["_", " ", "-", "É", "51"]), max_size=30))
@settings(max_examples=300, deadline=None)
@example(["die"], ["x", " ", "dying", "_", "lie"])
def test_a_text_skipped_by_its_pieces_holds_no_matching_word(query, parts):
    text = "".join(parts)
    found = marker(*query)
    assert found.matches(text) == {w for w in words_of(text) if found.hit(w)}


@given(st.lists(WORDS, min_size=1, max_size=4),
       st.lists(st.lists(WORDS | st.sampled_from(["_", " ", "-", "É", "\n", "51"]), max_size=8).map("".join), max_size=6))
@settings(max_examples=300, deadline=None)
@example(["devolucion"], ["DEVOLUCIÓN y", "", "a\nb devoluciones", "_devolucion devol"])
@example(["e"], ["a e i", "ie_e e1", "E"])  # a one-letter form: a piece every text holds
def test_texts_read_in_one_pass_match_as_each_alone(query, texts):
    found = marker(*query)
    assert found.matches_each(texts) == [{w for w in words_of(t) if found.hit(w)} for t in texts]


def test_a_stem_is_its_word_cut_short_but_for_its_last_letter():
    vocabulary = {w for p in Path(__file__).parents[2].glob("docs/*/**/*.md")
                  for w in words(p.read_text(encoding="utf-8"))}
    assert len(vocabulary) > 2000
    assert [(w, s) for w in vocabulary for s in stems(w) if not w.startswith(stem_start(s))] == []
    # Porter2's exceptions that change more than the last letter
    assert [w.startswith(stem_start(s)) for w in ("dying", "lying", "tying", "skies") for s in stems(w)] == [True] * 8


@given(st.text(alphabet="abcdeginorsuyñtlmpvá", min_size=1, max_size=14))
@settings(max_examples=2000, deadline=None)
@example("devoluciones")
@example("competencia")
def test_every_stem_starts_its_word_as_stem_start_says(word):
    word = fold(word)
    assert all(word.startswith(stem_start(stem)) for stem in stems(word))
