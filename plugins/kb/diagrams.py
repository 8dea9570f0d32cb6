"""Diagrams drawn by hand as SVG files, one per language, shown inside the articles.

An article asks for a diagram with a line `<!-- kb:diagram card-payment-lifecycle -->`;
the site puts the SVG of the article's language, docs/<lang>/assets/diagrams/<name>.svg,
in its place, inline: its words are the page's text (translated, searchable by the reader's
browser, read by screen readers through its <title> and <desc>) and it needs no request.
Platform facts may appear in a diagram as placeholders: the page renders them like the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*kb:diagram\s+(?P<name>[a-z0-9][a-z0-9-]*)\s*-->[ \t]*$", re.M)
_PROLOGUE = re.compile(r"<\?xml[^>]*\?>|<!--.*?-->", re.S)


@dataclass(frozen=True)
class MissingDiagram(Exception):
    """A marker names a diagram that has no SVG file in the article's language."""

    name: str
    line: int
    path: Path

    def __str__(self) -> str:
        return (f"line {self.line}: the diagram '{self.name}' has no file {self.path}; "
                f"draw it there (one SVG per language) or fix the name in the kb:diagram line")


def diagram_path(docs_dir: Path, lang: str, name: str) -> Path:
    return docs_dir / lang / "assets" / "diagrams" / f"{name}.svg"


def diagram_names(text: str) -> list[str]:
    """The diagrams a text asks for, in order."""
    return [match.group("name") for match in MARKER.finditer(text)]


def inline_svg(svg: str) -> str:
    """An SVG file's markup, ready to sit in a Markdown page as one raw HTML block: no XML
    prologue or comments, and no blank line (which would end the block)."""
    svg = _PROLOGUE.sub("", svg)
    return "\n".join(line.rstrip() for line in svg.splitlines() if line.strip())


def embed_diagrams(text: str, lang: str, docs_dir: Path, attributes: str = "") -> str:
    """`text` with every diagram marker replaced by its SVG in a <figure>, indented like the
    marker (so a diagram can sit in an admonition or a tab). Raises MissingDiagram."""

    def replace(match: re.Match[str]) -> str:
        name, indent = match.group("name"), match.group("indent")
        path = diagram_path(docs_dir, lang, name)
        if not path.is_file():
            raise MissingDiagram(name, text.count("\n", 0, match.start()) + 1, path)
        figure = f'<figure class="kb-diagram" data-kb-diagram="{name}"{" " + attributes if attributes else ""}>\n'
        figure += inline_svg(path.read_text(encoding="utf-8")) + "\n</figure>"
        return "\n".join(indent + line for line in figure.splitlines())

    return MARKER.sub(replace, text) if "kb:diagram" in text else text
