"""What a page's Markdown points at, resolved to files of the docs folder: Markdown inline
and reference links and images, raw HTML `href`, `src`, `srcset`, `data` and `poster`
attributes, folder-style links (`../spei/returns/`) and absolute site paths
(`/es/spei/returns/`), wherever they sit (admonitions and tabs are indented text);
code blocks and code spans point at nothing."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

# An inline link or image is `[text](address "title")`: only the address matters, found from `](`
# (a bracket of link text never needs matching, which keeps the search linear).
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*\s[^>]*>")
_ATTRIBUTE = re.compile(r"""\b(?:href|src|srcset|data|poster|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})", re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
PAGE_SUFFIX = ".md"


@dataclass(frozen=True)
class Link:
    target: str  # docs-relative path of the linked file, e.g. en/spei/returns.md (the likeliest)
    anchor: str
    offset: int  # character offset in the text
    raw: str
    candidates: tuple[str, ...] = ()  # every docs-relative path the address may mean, likeliest first
    explicit: bool = True  # written as a file (`returns.md`, `diagram.svg`), not as a site address


def blank_code(text: str) -> str:
    """Code blocks and code spans keep their length (so offsets hold) but lose their links."""
    if "```" not in text and "~~~" not in text and "`" not in text:
        return text
    out = []
    lines = text.split("\n")
    fence = ""
    for line in lines:
        opener = _FENCE_OPEN.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                fence = ""
            out.append(" " * len(line))
        elif opener:
            fence = opener.group(1)
            out.append(" " * len(line))
        else:
            out.append(line)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), "\n".join(out))


def _addresses(text: str) -> list[tuple[int, str, bool]]:
    """(offset, address, from raw HTML) of every reference in `text`, code left out."""
    found = []
    for pattern in (_INLINE, _REFERENCE):
        found += [(m.start(), m.group(1), False) for m in pattern.finditer(text)]
    for tag in _TAG.finditer(text) if "<" in text else ():
        for attribute in _ATTRIBUTE.finditer(tag.group(0)):
            value = html.unescape(next(v for v in attribute.groups() if v is not None))
            if attribute.group(0).lower().startswith("srcset"):
                found += [(tag.start(), part.split()[0], True) for part in value.split(",") if part.strip()]
            else:
                found.append((tag.start(), value.strip(), True))
    return sorted(found)


def _candidates(path: str, bases: list[str]) -> tuple[tuple[str, ...], bool]:
    """The docs files `path` (no anchor) may mean from each of `bases` (docs-relative folders)."""
    tail = posixpath.basename(path.rstrip("/"))
    explicit = "." in tail and not path.endswith("/") and not tail.endswith(".html")
    out: list[str] = []
    for base in bases:
        full = posixpath.normpath(posixpath.join(base, path)) if path else posixpath.normpath(base)
        if explicit:
            out.append(full)
        elif full.endswith("/index.html") or tail == "index.html":
            out.append(posixpath.dirname(full) + "/index.md")
        elif full.endswith(".html"):
            out += [full[:-5] + PAGE_SUFFIX, full[:-5] + "/index.md"]
        else:
            out += [full + PAGE_SUFFIX, full + "/index.md"]
    return tuple(dict.fromkeys(p.lstrip("/") for p in out if not p.startswith("..") and p != ".")), explicit


def find_links(text: str, source: str, languages: tuple[str, ...] = (), default_language: str = "",
               pages_only: bool = True) -> list[Link]:
    """Links from the file `source` (docs-relative) to files of the docs: to pages only, or
    (`pages_only=False`) to any file, images and attachments included. Absolute site paths
    need the site's `languages` (the default one has no prefix in the site's addresses)."""
    return list(_find_links(text, source, tuple(languages), default_language, pages_only))


@lru_cache(maxsize=4096)  # the check and the allow-list each ask of the same pages
def _find_links(text: str, source: str, languages: tuple[str, ...], default_language: str, pages_only: bool) -> tuple[Link, ...]:
    text = blank_code(text)
    links = []
    folder = posixpath.dirname(source)
    page_folder = folder if posixpath.basename(source) == "index.md" else source[: -len(PAGE_SUFFIX)]
    for offset, raw, from_html in _addresses(text):
        if not raw or raw.startswith(("#", "//")) or _SCHEME.match(raw):
            continue
        path, _, anchor = raw.partition("#")
        path = unquote(path.partition("?")[0])
        if path.startswith("/"):
            if not default_language:
                continue
            first, _, rest = path.lstrip("/").partition("/")
            path, bases = (rest, [first]) if first in languages else (path.lstrip("/"), [default_language])
        else:  # Markdown links are relative to the file; a raw HTML one to the page's address
            bases = [folder, page_folder] if from_html else [folder]
        candidates, explicit = _candidates(path, bases)
        if not candidates or (pages_only and explicit and not path.endswith(PAGE_SUFFIX)):
            continue
        links.append(Link(candidates[0], anchor, offset, raw, candidates, explicit))
    return tuple(links)
