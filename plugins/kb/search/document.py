"""What a page says, as search needs it: plain text, headings with the anchors the site
gives them, and table rows, read from the Markdown the site renders.

Anchors are made by Python-Markdown's `toc` extension itself (the site's: default slugify,
"_1", "_2" for repeats, an explicit `{#id}` wins and is never reused). Tables are read as
its `tables` extension reads them (tables.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from kb.search.tables import code_spans, split_row, table_start, unescape_pipes

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})(.*)$")  # as Python-Markdown's: no space needed (closing #s: _heading_text)
# (Possessive quantifiers and classes that stop at the next opening: linear on any line.)
_ATTR_ID = re.compile(r"\{[^{}#]*+#([\w-]++)[^{}]*+\}\s*+$")
_ATTRS = re.compile(r"\{:?[^{}]*+\}\s*+$")
_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?|===)\s*+[\w-]*+(?:\s++[\w-]++)*+\s*+(?:"([^"]*+)")?\s*+$')
_IMAGE = re.compile(r"!\[([^\[\]]*+)\]\([^()]*+\)")
_LINK = re.compile(r"\[([^\[\]]++)\]\([^()]*+\)|\[([^\[\]]++)\]\[[^\[\]]*+\]")
_TAG = re.compile(r"<[^<>]++>")
_MARKS = re.compile(r"(\*\*|__|\*|~~)")  # (a backtick left out of a code span shows as is)
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SPACES = re.compile(r"\s+")
_OPEN, _CLOSE = "\ue000", "\ue001"  # around the number of a code span set aside
_CODE = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def _without_comments(text: str) -> str:
    """`text` less its HTML comments (an unclosed one runs to the end, as in a browser)."""
    out, last = [], 0
    while (start := text.find("<!--", last)) >= 0:
        out.append(text[last:start])
        end = text.find("-->", start + 4)
        last = len(text) if end < 0 else end + 3
    out.append(text[last:])
    return "".join(out)


def inline_text(markdown: str) -> str:
    """A line of Markdown as the reader sees it: links, emphasis, code marks and tags gone;
    the text of a code span as written."""
    markdown = markdown.replace(_OPEN, "").replace(_CLOSE, "")
    codes: list[str] = []
    out, last = [], 0
    for start, end in code_spans(markdown):  # set aside: no markup inside code
        out.append(markdown[last:start])
        out.append(f"{_OPEN}{len(codes)}{_CLOSE}")
        codes.append(markdown[start:end + 1].strip("`").strip())
        last = end + 1
    out.append(markdown[last:])
    text = _IMAGE.sub(r"\1", "".join(out))
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub("", text)
    text = html.unescape(_MARKS.sub("", text))
    return _CODE.sub(lambda m: codes[int(m.group(1))], text).strip()


def _heading_text(rest: str) -> str:
    """A heading line's text after its opening #s: without its closing #s (an escaped one
    stays: it is text)."""
    text = rest.rstrip("#")
    if len(text) < len(rest) and (len(text) - len(text.rstrip("\\"))) % 2:
        text += "#"
    return text.strip()


def heading_id(text: str, used: set[str]) -> str:
    """The id the site gives a heading of this text, `used` holding the page's ids so far
    (the new one is added)."""
    # Imported here: a search loads this module (through the glossary reader) but reads no
    # page, and Markdown's import is most of the time of a search's start-up.
    from markdown.extensions.toc import slugify, unique

    return unique(slugify(text, "-"), used)


@dataclass
class Heading:
    text: str
    anchor: str
    level: int


@dataclass
class Row:
    """One row of a table: its cells, the table's header, and the heading it sits under."""

    cells: list[str]
    header: list[str]
    anchor: str
    heading: str

    @property
    def key(self) -> str:
        """The first cell: in the knowledge base's tables, the code or name a row explains."""
        return self.cells[0] if self.cells else ""

    @property
    def text(self) -> str:
        return " · ".join(cell for cell in self.cells if cell)


@dataclass
class PageText:
    headings: list[Heading] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # plain text blocks, tables included

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


def _cells(raw: list[str], width: int) -> list[str]:
    """The text of a row's cells, cut or padded to the table's width."""
    cells = [inline_text(unescape_pipes(cell)) for cell in raw[:width]]
    return cells + [""] * (width - len(cells))


def _block(lines: list[str], index: int) -> list[str]:
    """The lines (stripped) of the block starting at `index`, up to the next blank one."""
    block = []
    for line in lines[index:]:
        line = line.strip()
        if not line:
            break
        block.append(line)
    return block


def read_page(markdown: str) -> PageText:
    """Headings, table rows and text of a page's Markdown (front matter already removed)."""
    page = PageText()
    used: set[str] = set()
    anchor, heading = "", ""
    paragraph: list[str] = []
    lines = _without_comments(markdown).split("\n")
    for line in lines:  # explicit ids are taken before any is made: a made one never repeats them
        found = _HEADING.match(line.lstrip())
        explicit = _ATTR_ID.search(_heading_text(found.group(2))) if found else None
        if explicit:
            used.add(explicit.group(1))
    in_fence = False
    at_start = True  # of a block: where a table may start
    containers: list[int] = []  # the indentation of the content of each open admonition or tab
    index = 0

    def flush() -> None:
        if paragraph:
            page.paragraphs.append(_SPACES.sub(" ", " ".join(paragraph)).strip())
            paragraph.clear()

    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            in_fence = not in_fence
            index += 1
            continue
        if in_fence:
            paragraph.append(line.strip())
            at_start = False
            index += 1
            continue
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        while containers and stripped and indent < containers[-1]:
            containers.pop()  # a line less indented closes the admonition
        table = table_start(_block(lines, index)) if at_start and "|" in stripped else None
        if table:
            flush()
            raw_header, border = table
            header = _cells(raw_header, len(raw_header))
            index += 2
            while index < len(lines) and lines[index].strip():
                cells = _cells(split_row(lines[index], border), len(header))
                if any(cells):  # (a row of empty cells answers nothing)
                    page.rows.append(Row(cells, header, anchor, heading))
                    page.paragraphs.append(" ".join(cells))
                index += 1
            continue
        match = _HEADING.match(line[containers[-1]:] if containers else line)  # (not indented: code)
        if match:
            flush()
            raw = _heading_text(match.group(2))
            explicit = _ATTR_ID.search(raw)
            text = inline_text(_ATTRS.sub("", raw).strip())
            slug = explicit.group(1) if explicit else heading_id(text, used)
            anchor, heading = slug, text
            page.headings.append(Heading(text, slug, len(match.group(1))))
            page.paragraphs.append(text)
            at_start = True
            index += 1
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            flush()
            if admonition.group(2):
                page.paragraphs.append(inline_text(admonition.group(2)))
            containers.append(len(admonition.group(1)) + 4)
            at_start = True
            index += 1
            continue
        if not stripped:
            flush()
            at_start = True
        else:
            paragraph.append(inline_text(_LIST.sub("", stripped)))
            at_start = False
        index += 1
    flush()
    page.paragraphs = [p for p in page.paragraphs if p]
    return page
