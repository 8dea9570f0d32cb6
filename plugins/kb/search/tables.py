"""Markdown tables as the site reads them (Python-Markdown's `tables` extension): which
blocks are tables, and the cells of a line.

A table is a block (after a blank line, a heading or the start of an indented block)
whose first line has a pipe between two cells, or outer pipes around one; its second line
is the rule (only `|`, `:`, `-` and spaces: `|---|:-:|`, `|-|-|`, `--|--`), with as many
cells; every other line of the block is a row, cut or padded to the header's cells. Outer
pipes are optional. A pipe inside a code span or escaped (`\\|`) is text.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(r"(\\\\)|(\\`+)|(`+)|(\\\|)|(\|)")
_RULE_CHARS = frozenset("|:- ")


def _scan(text: str) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """The code spans of a line (first and last tick), its pipes and its escaped pipes.
    A run of backticks opens a span closed by the next run of the same length; a backslash
    before a run escapes its first tick (as Python-Markdown pairs them)."""
    pipes: list[int] = []
    escaped: list[int] = []
    runs: list[tuple[int, int, int, int]] = []  # (ticks, ticks when opening, first, last)
    for match in _TOKENS.finditer(text):
        if match.group(2):
            ticks = len(match.group(2)) - 1
            runs.append((ticks, ticks - 1, match.start(2), match.end(2) - 1))
        elif match.group(3):
            ticks = len(match.group(3))
            runs.append((ticks, ticks, match.start(3), match.end(3) - 1))
        elif match.group(4):
            escaped.append(match.start(4))
        elif match.group(5):
            pipes.append(match.start(5))
    closing = [-1] * len(runs)  # the next run that would close each one (found from the end)
    latest: dict[int, int] = {}
    for number in range(len(runs) - 1, -1, -1):
        closing[number] = latest.get(runs[number][1], -1) if runs[number][1] > 0 else -1
        latest[runs[number][0]] = number
    spans, number = [], 0
    while number < len(runs):
        if closing[number] < 0:
            number += 1
            continue
        spans.append((runs[number][2], runs[closing[number]][3]))
        number = closing[number] + 1
    return spans, pipes, escaped


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where a line's code spans are: (first tick, last tick) of each, in order."""
    return _scan(text)[0]


def _outside(positions: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """The positions (sorted) that no span (sorted, disjoint) holds."""
    kept, number = [], 0
    for position in positions:
        while number < len(spans) and spans[number][1] < position:
            number += 1
        if number == len(spans) or position < spans[number][0]:
            kept.append(position)
    return kept


def _end_border(row: str) -> int:
    """How many characters of the row's end are its closing pipe (with the escaped
    backslashes before it, as Python-Markdown takes them); 0 if it has none."""
    if not row.endswith("|"):
        return 0
    slashes = len(row) - 1 - len(row[:-1].rstrip("\\"))
    return 0 if slashes % 2 else slashes + 1


def split_row(row: str, border: bool) -> list[str]:
    """The raw cells of a table line (outer pipes removed when the table has them)."""
    row = row.strip()
    if border:
        if row.startswith("|"):
            row = row[1:]
        row = row[: len(row) - _end_border(row)]
    spans, pipes, _ = _scan(row)
    cells, start = [], 0
    for pipe in _outside(pipes, spans):
        cells.append(row[start:pipe])
        start = pipe + 1
    cells.append(row[start:])
    return cells


def table_start(lines: list[str]) -> tuple[list[str], bool] | None:
    """If a block of `lines` (stripped, up to the next blank one) is a table: its header's
    raw cells and whether it has outer pipes."""
    if len(lines) < 2:
        return None
    border = lines[0].startswith("|") or _end_border(lines[0]) > 0
    header = split_row(lines[0], border)
    if len(header) == 1:  # one column: every line needs an outer pipe
        if not border or not all(line.startswith("|") or _end_border(line) for line in lines[1:]):
            return None
    rule = split_row(lines[1], border)
    if len(rule) != len(header) or not set("".join(rule)) <= _RULE_CHARS:
        return None
    return header, border


def unescape_pipes(cell: str) -> str:
    """A cell's Markdown with its escaped pipes as the site shows them: `|`, except in code
    spans, which show their text as written."""
    spans, _, escaped = _scan(cell)
    out, last = [], 0
    for position in _outside(escaped, spans):
        out.append(cell[last:position])
        last = position + 1  # drop the backslash
    out.append(cell[last:])
    return "".join(out).strip()
