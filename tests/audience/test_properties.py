"""Property tests of the two parsers the allow-list rests on: the internal-block scanner and
the link finder. Whatever surrounds an internal block (fences, stray or near-miss markers,
other blocks), what the public is shown never holds its words; neither parser ever raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kb.audience import CLOSE, OPEN, marker_problems, strip_internal
from kb.links import find_links

SECRET = "QUAGGA"
PIECES = [OPEN, CLOSE, "<!-- INTERNAL -->", "<!--internal-->", "<!-- /internal --> x", "```", "~~~", "````text",
          "    ```", "!!! note", "    text", "`code`", "[a](b.md)", "<a href='../x/'>", "", " ", "plain words"]
lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.characters(blacklist_characters="\r"), max_size=20)
                           .filter(lambda s: SECRET not in s)), max_size=12)


@given(before=lines, after=lines, indent=st.sampled_from(["", "    ", "\t"]))
def test_the_words_of_an_internal_block_never_reach_the_public(before, after, indent):
    text = "\n".join([*before, f"{indent}{OPEN}", f"{indent}{SECRET}", f"{indent}{CLOSE}", *after])
    assert SECRET not in strip_internal(text)


@given(st.text(max_size=400))
def test_the_scanner_reads_any_text(text):
    problems = marker_problems(text)
    assert all(1 <= p.line <= text.count("\n") + 1 and p.fix for p in problems)
    assert len(strip_internal(text)) <= len(text)


@given(st.lists(st.sampled_from(PIECES), max_size=15).map("\n".join))
def test_a_text_without_marker_problems_keeps_everything_outside_its_blocks(text):
    if not marker_problems(text) and OPEN not in text:
        assert strip_internal(text) == text


@given(st.text(max_size=300), st.sampled_from(["en/index.md", "es/spei/returns.md", "en/a/b/index.md"]))
def test_the_link_finder_reads_any_text(text, source):
    for link in find_links(text, source, ("en", "es"), "en", pages_only=False):
        assert link.candidates and all(not c.startswith(("/", "..")) for c in link.candidates)
        assert 0 <= link.offset <= len(text)
