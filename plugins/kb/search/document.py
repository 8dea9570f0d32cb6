"""What a page says, as search needs it: plain text, headings with the anchors the site
gives them, and table rows, read from the Markdown the site renders.

Anchors follow Python-Markdown's `toc` extension (the site's): the heading's text without
markup, accents dropped, lower case, spaces as "-", "_1", "_2" for repeats; an explicit
`{#id}` wins.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_ATTRS = re.compile(r"\s*\{:?[^}]*\}\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?|===)\s*[\w-]*(?:\s+[\w-]+)*\s*(?:"([^"]*)")?\s*$')
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]+>")
_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SPACES = re.compile(r"\s+")


def inline_text(markdown: str) -> str:
    """A line of Markdown as the reader sees it: links, emphasis, code marks and tags gone."""
    text = _IMAGE.sub(r"\1", markdown)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub("", text)
    text = _MARKS.sub("", text)
    return html.unescape(text).strip()


def slugify(text: str) -> str:
    """Python-Markdown's default `toc` slug of a heading's text."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


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


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [inline_text(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", line)]


def read_page(markdown: str) -> PageText:
    """Headings, table rows and text of a page's Markdown (front matter already removed)."""
    page = PageText()
    used: set[str] = set()
    anchor, heading = "", ""
    paragraph: list[str] = []
    lines = _COMMENT.sub("", markdown).split("\n")
    in_fence = False
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
            index += 1
            continue
        match = _HEADING.match(line)
        if match:
            flush()
            raw = match.group(2)
            explicit = _ATTR_ID.search(raw)
            text = inline_text(_ATTRS.sub("", raw))
            slug = explicit.group(1) if explicit else slugify(text)
            if not explicit:
                base, number = slug, 0
                while slug in used:
                    number += 1
                    slug = f"{base}_{number}"
            used.add(slug)
            anchor, heading = slug, text
            page.headings.append(Heading(text, slug, len(match.group(1))))
            page.paragraphs.append(text)
            index += 1
            continue
        stripped = line.strip()
        if stripped.startswith("|") and index + 1 < len(lines) and _TABLE_RULE.match(lines[index + 1].strip()):
            flush()
            header = _cells(stripped)
            index += 2
            while index < len(lines) and lines[index].strip().startswith("|"):
                cells = _cells(lines[index])
                page.rows.append(Row(cells, header, anchor, heading))
                page.paragraphs.append(" ".join(cells))
                index += 1
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            flush()
            if admonition.group(2):
                page.paragraphs.append(inline_text(admonition.group(2)))
            index += 1
            continue
        if not stripped:
            flush()
        else:
            paragraph.append(inline_text(_LIST.sub("", stripped)))
        index += 1
    flush()
    page.paragraphs = [p for p in page.paragraphs if p]
    return page
