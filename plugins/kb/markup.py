"""Text is text: what authors type in front matter (titles, summaries, owners, source
titles, tag labels) is written into Markdown and HTML as characters, never as markup.
Only an article's body is trusted author HTML; its HTML comments are author notes and
never reach a reader."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# What makes markup in inline text: emphasis, code, links, attribute lists, headings, images
# (each loses its meaning after a backslash; < and & become entities).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!])")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_URL_SAFE = ":/?#@!$&'*+,;=%~-._[]"


def as_html(text: str) -> str:
    """`text` as characters in HTML element content (the theme writes titles there as HTML;
    where it writes them into an attribute, it escapes them itself)."""
    return html.escape(text, quote=False)


def as_markdown(text: str) -> str:
    """`text` as characters in Markdown inline text (a heading, a list item, a link's text)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def as_markdown_url(url: str) -> str:
    """A URL that ends where a Markdown link's `(...)` ends, whatever it holds."""
    return quote(url, safe=_URL_SAFE)


def without_comments(page_html: str) -> str:
    """Rendered HTML without its comments (code shows `&lt;!--`, so code keeps its own)."""
    return _COMMENT.sub("", page_html) if "<!--" in page_html else page_html
