"""The platform's own facts (fees, payout days, API limits), stated once in a data file.

Articles write `{{ platform.fees.card.percent }}` instead of a value; the site, the search
index and `kb check` all resolve placeholders here, so a fact can never drift between
articles or languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.labels import language_named
from kb.problems import Problem

PLACEHOLDER = re.compile(r"\{\{\s*platform\.([A-Za-z0-9_.\-]+)\s*\}\}")
# A tab titled with a language (a ready reply's "Español" tab in an English article)
# resolves its facts in that language.
_TAB = re.compile(r'^([ \t]*)===\+?[ \t]+"([^"]+)"[ \t]*$')


def language_segments(text: str, lang: str) -> list[tuple[int, str, str]]:
    """`text` cut into (offset, chunk, language) pieces: language tabs take their own."""
    segments: list[tuple[int, str, str]] = []
    offset = 0
    tab: tuple[int, str] | None = None  # (indent of the tab marker, its language)
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" \t"))
        if tab and stripped and indent <= tab[0]:
            tab = None
        match = _TAB.match(line.rstrip("\r\n"))
        if match and (named := language_named(match.group(2))):
            tab = (len(match.group(1)), named)
        current = tab[1] if tab and not match else lang
        if segments and segments[-1][2] == current:
            start, chunk, _ = segments[-1]
            segments[-1] = (start, chunk + line, current)
        else:
            segments.append((offset, line, current))
        offset += len(line)
    return segments


@dataclass
class Facts:
    """A tree of facts; a leaf is a value or a mapping of language -> text."""

    tree: dict[str, Any] = field(default_factory=dict)
    languages: tuple[str, ...] = ("en", "es")

    def _is_localized(self, node: Any) -> bool:
        return isinstance(node, dict) and bool(node) and set(node) <= set(self.languages)

    def lookup(self, key: str, lang: str) -> str | None:
        """The text of fact `key` in `lang`, or None when there is no such single fact."""
        node: Any = self.tree
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        if self._is_localized(node):
            node = node.get(lang)
            return None if node is None else str(node)
        if isinstance(node, (dict, list)) or node is None:
            return None
        return str(node)

    def leaves(self) -> dict[str, dict[str, str]]:
        """Every fact as `key -> {lang: text}`, for checks that compare articles with facts."""
        out: dict[str, dict[str, str]] = {}

        def walk(node: Any, prefix: str) -> None:
            if self._is_localized(node):
                out[prefix] = {lang: str(text) for lang, text in node.items()}
            elif isinstance(node, dict):
                for key, child in node.items():
                    walk(child, f"{prefix}.{key}" if prefix else str(key))
            elif node is not None:
                out[prefix] = {lang: str(node) for lang in self.languages}

        walk(self.tree, "")
        return out

    def render(self, text: str, lang: str) -> str:
        """Replace every resolvable placeholder; unknown ones are left for `check` to report."""
        if "{{" not in text:
            return text
        out = []
        for _, chunk, chunk_lang in language_segments(text, lang):

            def replace(match: re.Match[str], chunk_lang: str = chunk_lang) -> str:
                value = self.lookup(match.group(1), chunk_lang)
                return match.group(0) if value is None else value

            out.append(PLACEHOLDER.sub(replace, chunk))
        return "".join(out)

    def check(self, text: str, lang: str, file: str, first_line: int) -> list[Problem]:
        """Report placeholders that name no fact; `first_line` is the file line of `text`."""
        problems = []
        if "{{" not in text:
            return problems
        for offset, chunk, chunk_lang in language_segments(text, lang):
            problems += self._check_chunk(chunk, chunk_lang, file, first_line + text.count("\n", 0, offset))
        return problems

    def _check_chunk(self, text: str, lang: str, file: str, first_line: int) -> list[Problem]:
        problems = []
        for match in PLACEHOLDER.finditer(text):
            key = match.group(1)
            if self.lookup(key, lang) is None:
                line = first_line + text.count("\n", 0, match.start())
                known = sorted(self.leaves())
                close = _closest(key, known)
                hint = f"did you mean '{{{{ platform.{close} }}}}'? " if close else ""
                problems.append(
                    Problem(file, line, "platform fact", f"'{match.group(0)}' names no platform fact in '{lang}'",
                            f"{hint}use a key of the platform facts file, or add the fact there", code="unknown-fact")
                )
        return problems


def _closest(key: str, known: list[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _stringify_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _stringify_keys(v) for k, v in node.items()}
    return node


def load_facts(path: Path, languages: tuple[str, ...], display: str | None = None) -> tuple[Facts, list[Problem]]:
    """Read the facts file; a missing file means no facts (any placeholder will be reported)."""
    name = display or str(path)
    if not path.exists():
        return Facts(languages=languages), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return Facts(languages=languages), [
            Problem(name, mark.line + 1 if mark else 0, "", f"not valid YAML ({getattr(exc, 'problem', exc)})", "fix the YAML syntax")
        ]
    if not isinstance(data, dict):
        return Facts(languages=languages), [Problem(name, 1, "", "the facts file is not a mapping", "write 'key: value' lines")]
    return Facts(tree=_stringify_keys(data), languages=languages), []
