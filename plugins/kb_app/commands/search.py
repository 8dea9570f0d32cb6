"""`kb search`: search an audience's index and print the results for people or machines.

It needs no site configuration: the index lives under the project's folder and records its
languages when it is built, so a search starts without loading MkDocs. It is also the one
command parsed with the standard library's argparse instead of click: it is what agents'
terminals and help-desk macros run many times a day, and importing click alone takes a
third of its 100 ms budget (README: "`kb search` and `kb --help` as whole processes").
`kb search ...` reaches `main` straight from
the `kb` script (kb_app.__main__); `kb -f CONFIG search ...` through the group's
pass-through command (cli.py). Its errors are written as the group writes them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from kb.search.files import index_folder
from kb.search.searcher import MAX_RESULTS, IndexUnavailable, Results, SearchIndex
from kb.search.snippets import unescape
from kb.vocabulary import Audience, values
from kb_app.errors import error_line, usage_line

PROG = "kb search"
DETAILS = ("Accents, capitals and typos do not matter; codes are matched exactly; glossary terms find their "
           "translation. The index is the one kb index (or kb build) last made.")
_MARK = re.compile(r"<mark>(.*?)</mark>")
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


TYPE_CHECKING = False  # pathlib is not loaded by a search process (kb.search.files)
if TYPE_CHECKING:
    from os import PathLike


class UsageError(Exception):
    """A mistake in the command line: its message, then a pointer to the help (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints the usage and exits; one line is ours
        raise UsageError(message)


class _Formatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal. argparse makes one for every option it is
    given, and reads the width with shutil, which imports compression modules: 3 ms of a
    search. This reads it as shutil does, without them."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):  # no stdout, not a number, not a terminal
            columns = 80
        super().__init__(prog, width=columns - 2)


def _limit(text: str) -> int:
    low, high = 1, MAX_RESULTS
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
    return value


def parser() -> argparse.ArgumentParser:
    found = _Parser(prog=PROG, description=DETAILS, allow_abbrev=False, formatter_class=_Formatter)
    found.add_argument("query", help='What an agent would type, e.g. "spei no llega", "chargebak" or "51".')
    found.add_argument("--lang", help="Only articles in this language, e.g. es (default: all, the query's first).")
    found.add_argument("--audience", choices=values(Audience), default=Audience.INTERNAL.value,
                       help="Search what this audience's site shows (default: %(default)s).")
    found.add_argument("-n", "--limit", type=_limit, default=10, metavar="N",
                       help=f"How many results, 1 to {MAX_RESULTS} (default: %(default)s).")
    found.add_argument("--json", dest="as_json", action="store_true",
                       help="Print a JSON array (id, lang, title, url, anchor, snippet, score...).")
    return found


def main(argv: list[str], root: str | PathLike[str] | None = None) -> int:
    """Run `kb search ARGV` in the project at `root` (default: the current folder, the one
    holding mkdocs.yml); the exit code."""
    root = os.getcwd() if root is None else root
    try:
        args = parser().parse_args(argv)
        index = open_index(root, args.audience)
        if args.lang is not None and index.languages and args.lang not in index.languages:
            raise UsageError(f"argument --lang: {args.lang!r} is not one of the index's languages: {', '.join(index.languages)}")
        results = index.search(args.query, lang=args.lang, limit=args.limit)
    except UsageError as exc:
        print(usage_line(PROG, str(exc)), file=sys.stderr)
        return 2
    except IndexUnavailable as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return 1
    if args.as_json:
        print(results_json(results))
        if not results.hits and results.did_you_mean:
            print(f"did you mean: {results.did_you_mean}", file=sys.stderr)
    else:
        print(results_text(results, args.query, bold=sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    return 0


def open_index(root: str | PathLike[str], audience: str) -> SearchIndex:
    """The index of `audience` in the project at `root`; IndexUnavailable says how to build it."""
    try:
        return SearchIndex(index_folder(root, audience))
    except IndexUnavailable as exc:
        raise IndexUnavailable(f"{exc}: run 'kb index' (or 'kb build') first") from None


def results_json(results: Results) -> str:
    return json.dumps([hit.to_json() for hit in results.hits], ensure_ascii=False, indent=2)


def _plain(fragment: str) -> str:
    """HTML as a terminal shows it: no tags, entities read, and no control character (no
    article's text moves the cursor or changes the colours)."""
    return _CONTROL.sub("", unescape(_TAG.sub("", fragment)))


def results_text(results: Results, query: str, bold: bool = False) -> str:
    """A ranked list for people: title, language, link, snippet with the matched words (in
    bold on a terminal)."""
    if not results.hits:
        if results.query.empty:
            return "Type a few words to search for (the query had none)."
        hint = f" Did you mean: {results.did_you_mean!r}?" if results.did_you_mean else ""
        return f"No article matches {query.strip()[:80]!r}.{hint}"

    def strong(text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if bold else text

    lines = []
    for number, hit in enumerate(results.hits, 1):
        parts = _MARK.split(hit.snippet)  # the text between marks, then a marked word, and so on
        snippet = "".join(strong(_plain(part)) if index % 2 else _plain(part) for index, part in enumerate(parts))
        lines.append(f"{number:>2}. {strong(_CONTROL.sub('', hit.title))}  [{hit.lang}]")
        lines.append(f"    {hit.link}")
        if snippet:
            lines.append(f"    {snippet}")
    if results.corrected:
        fixed = ", ".join(f"{word} -> {' / '.join(found[:2])}" for word, found in results.corrected.items())
        lines.append(f"(typos read as: {fixed})")
    return "\n".join(lines)
