"""`kb search`: search an audience's index and print the results for people or machines.

It needs no site configuration: the index lives under the project's folder and records its
languages when it is built, so a search starts without loading MkDocs.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import click

from kb.search.files import index_root, read_info
from kb.search.searcher import IndexUnavailable, Results, SearchIndex

_MARK = re.compile(r"<mark>(.*?)</mark>")


def open_index(root: Path, audience: str) -> SearchIndex:
    """The index of `audience` in the project at `root`, or a one-line error saying how to build it."""
    try:
        return SearchIndex(index_root(root) / audience)
    except IndexUnavailable as exc:
        raise click.ClickException(f"{exc}: run 'kb index' (or 'kb build') first") from None


def index_languages(root: Path, audience: str) -> tuple[str, ...]:
    """The languages the index of `audience` was built with (empty if it records none)."""
    info = read_info(index_root(root) / audience) or {}
    return tuple(info.get("languages") or info.get("documents") or ())


def results_json(results: Results) -> str:
    return json.dumps([hit.to_json() for hit in results.hits], ensure_ascii=False, indent=2)


def results_text(results: Results, query: str) -> str:
    """A ranked list for people: title, language, link, snippet with the matched words
    in bold."""
    if not results.hits:
        if results.query.empty:
            return "Type a few words to search for (the query had none)."
        hint = f" Did you mean: {results.did_you_mean!r}?" if results.did_you_mean else ""
        return f"No article matches {query.strip()[:80]!r}.{hint}"
    lines = []
    for number, hit in enumerate(results.hits, 1):
        snippet = _MARK.sub(lambda m: click.style(html.unescape(m.group(1)), bold=True), hit.snippet)
        snippet = html.unescape(re.sub(r"<(?!/?mark)[^>]*>", "", snippet))
        lines.append(f"{number:>2}. {click.style(hit.title, bold=True)}  [{hit.lang}]")
        lines.append(f"    {hit.link}")
        if snippet:
            lines.append(f"    {snippet}")
    if results.corrected:
        fixed = ", ".join(f"{word} -> {' / '.join(found[:2])}" for word, found in results.corrected.items())
        lines.append(f"(typos read as: {fixed})")
    return "\n".join(lines)


