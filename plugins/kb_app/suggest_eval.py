"""The suggestions, measured: hit@1, hit@3 and MRR@5 of `kb suggest` on a set of ticket
texts, each with the article(s) that answer it, beside `kb search` given the same tickets'
subjects (what an agent would otherwise type).

A ticket set is a YAML list of `{subject, description, slug: id-or-list}`; a ticket is
answered when one of its slugs is among the first 3 suggestions (hit@3).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.search.searcher import SearchIndex
from kb.suggest import ReplyBook, suggest

TOP = 5


class TicketSetError(ValueError):
    """The ticket set cannot be used; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class Case:
    subject: str
    description: str
    slugs: tuple[str, ...]
    line: int


def load_tickets(path: Path) -> list[Case]:
    """The ticket set of a YAML file, or TicketSetError naming what is wrong."""
    try:
        nodes = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TicketSetError(f"{path}: cannot be read as YAML ({exc})") from None
    if nodes is None or not isinstance(nodes, yaml.SequenceNode):
        raise TicketSetError(f"{path}: expected a list of {{subject, description, slug}}")
    cases = []
    for node in nodes.value:
        line = node.start_mark.line + 1
        item = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.MappingNode) else None
        slugs = item.get("slug") if isinstance(item, dict) else None
        slugs = [slugs] if isinstance(slugs, str) else slugs
        if (not isinstance(item, dict) or not isinstance(item.get("description", ""), str)
                or not isinstance(item.get("subject", ""), str) or not slugs
                or not all(isinstance(s, str) for s in slugs)):
            raise TicketSetError(f"{path}, line {line}: each entry needs subject and/or description (text) and "
                                 "slug (an article id or a list of them)")
        cases.append(Case(item.get("subject") or "", item.get("description") or "", tuple(slugs), line))
    return cases


@dataclass
class Measure:
    """How one way of finding articles did on the ticket set."""

    name: str
    rankings: list[list[str]]
    cases: list[Case]
    seconds: float

    def rank(self, number: int) -> int | None:
        for position, found in enumerate(self.rankings[number][:TOP], 1):
            if found in self.cases[number].slugs:
                return position
        return None

    def hit(self, at: int) -> float:
        ranks = [self.rank(n) for n in range(len(self.cases))]
        return sum(1 for r in ranks if r is not None and r <= at) / max(1, len(ranks))

    def mrr(self) -> float:
        ranks = [self.rank(n) for n in range(len(self.cases))]
        return sum(1 / r for r in ranks if r) / max(1, len(ranks))


def measure(index: SearchIndex, replies: ReplyBook, languages: tuple[str, ...], cases: list[Case]) -> list[Measure]:
    """The suggestions for each ticket, and the search of its subject alone."""
    def timed(name: str, find: Callable[[Case], list[str]]) -> Measure:
        start = time.perf_counter()
        rankings = [find(case) for case in cases]
        return Measure(name, rankings, cases, time.perf_counter() - start)

    return [
        timed("kb suggest (whole ticket)",
              lambda c: [s.id for s in suggest(index, c.subject, c.description, replies, languages, limit=TOP).suggestions]),
        timed("kb search (the subject)", lambda c: [h.id for h in index.search(c.subject, limit=TOP).hits]),
    ]


def measure_report(path: Path, measures: list[Measure]) -> str:
    """The figures side by side, then the misses (not in the top 3) of the suggestions."""
    cases = measures[0].cases
    lines = [f"{path}: {len(cases)} tickets",
             f"{'tickets':<34}{'hit@1':>7}{'hit@3':>7}{'MRR@5':>7}{'time':>8}"]
    for m in measures:
        lines.append(f"{m.name:<34}{m.hit(1):>7.3f}{m.hit(3):>7.3f}{m.mrr():>7.3f}{m.seconds:>7.1f} s")
    first = measures[0]
    misses = [n for n in range(len(cases)) if not (first.rank(n) or 99) <= 3]
    lines += ["", f"misses of {first.name} ({len(misses)}):"]
    for n in misses:
        lines.append(f"  line {cases[n].line}: {cases[n].subject[:60]!r} wants {' or '.join(cases[n].slugs)}; "
                     f"got {', '.join(first.rankings[n][:3]) or 'nothing'}")
    return "\n".join(lines)
