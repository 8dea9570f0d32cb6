"""Hypothesis strategies for what people write into articles and the search box: the
fragments the parsers care about (fences, YAML syntax, anchors, huge numbers, dates,
links, placeholders, internal blocks), mixed with any text."""

from __future__ import annotations

from hypothesis import strategies as st

FIELDS = ["id", "title", "summary", "type", "audience", "status", "tags", "owner", "last_reviewed",
          "review_every", "sources", "related", "ticket_tags", "generated", "hide", "unknown"]

# Any characters, surrogates and controls included (a file can hold what an editor saves).
any_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=60)

scalars = st.one_of(
    any_text,
    st.integers(-10**40, 10**40).map(str),
    st.sampled_from(["9" * 50, "1" * 5000, "0x" + "f" * 80, "1e400", "-.inf", ".nan", "~", "null", "yes", "no",
                     "0001-01-01", "9999-12-31", "2026-02-30", "2026-11-20", "20261120", "2026-11-20T10:00:00Z",
                     "1000000000", "-1", "0", "3650", "3651", "spei/returns", "[spei, returns]", "{a: b}",
                     "'quoted'", '"dq\\x00"', "|", ">", "&a x", "*a", "!!python/object:os.system", "!!binary AAAA",
                     "? x", ": y", "- z", "#c", "%YAML 1.2", "\t", "\ufeff", "\r", "'''", "[[[[[[[[[[[[", "]]]"]),
)


@st.composite
def yaml_lines(draw) -> str:
    key = draw(st.one_of(st.sampled_from(FIELDS), any_text))
    indent = draw(st.sampled_from(["", "", "  ", "    ", "\t"]))
    form = draw(st.integers(0, 4))
    if form == 0:
        return f"{indent}{key}: {draw(scalars)}"
    if form == 1:
        return f"{indent}{key}: [{', '.join(draw(st.lists(scalars, max_size=4)))}]"
    if form == 2:
        return f"{indent}- {draw(scalars)}"
    if form == 3:
        return f"{indent}{key}:"
    return draw(any_text)


body_fragments = st.one_of(
    any_text,
    st.sampled_from(["[home](../index.md)", "[x](spei/returns.md#a)", "[r]: ../a.md", "![i](a.png)", "[", "](",
                     "{{ platform.fees.card.percent }}", "{{ platform.nope }}", "{{", "}}", "<!-- internal -->",
                     "<!-- /internal -->", "<!-- kb:diagram payout-timeline -->", "<!-- kb:diagram x/../y -->",
                     "```", "~~~", '=== "Español"', '=== "English"', "| a | b |", "|---|---|", "# Heading", "\r\n"]),
)


@st.composite
def markdown_files(draw) -> str:
    """A file as a person may have saved it: mostly with a front matter, sometimes not."""
    opening = draw(st.sampled_from(["---\n", "---\n", "---\n", "\ufeff---\n", "--- \n", "", "---"]))
    lines = draw(st.lists(yaml_lines(), max_size=12))
    closing = draw(st.sampled_from(["---\n", "---\n", "...\n", "", "----\n"]))
    body = "".join(draw(st.lists(st.tuples(body_fragments, st.sampled_from([" ", "\n", ""])).map("".join), max_size=20)))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return (opening + newline.join(lines) + ("\n" if lines else "") + closing + body).replace("\n", newline)


queries = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=400),
    st.lists(st.sampled_from(['"', "*", "OR", "AND", "NOT", "spei", "no", "llega", "51", "devolución", "ÑANDÚ",
                              "\x00", "\u200b", "\u0301", "ﬁ", "İ", "ß", " ", "-", "_", "(", ")", ":", "'", "\\"]),
             max_size=60).map("".join),
    st.text(max_size=3000),
)
