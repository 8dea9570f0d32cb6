"""The summary of a `kb stubs` run: a table for people, JSON for machines."""

from __future__ import annotations

import json
from dataclasses import asdict

from kb.stubs.run import Result, TagResult
from kb.vocabulary import StubOutcome as Outcome

DONE = {Outcome.CREATED: "stub created", Outcome.UPDATED: "stub updated", Outcome.UNCHANGED: "stub unchanged",
        Outcome.EDITED: "stub edited by hand, left as is"}
DRY = {Outcome.CREATED: "stub would be created", Outcome.UPDATED: "stub would be updated"}


def _outcome(row: TagResult, result: Result) -> str:
    if row.outcome == Outcome.COVERED:
        shown = ", ".join(row.articles[:3]) + (f" (+{len(row.articles) - 3})" if len(row.articles) > 3 else "")
        return f"covered by {shown}"
    if row.outcome == Outcome.BELOW:
        return f"below threshold ({result.min_tickets})"
    if row.outcome == Outcome.PRIVATE:
        return "left out: the tag holds personal data"
    words = (DRY if result.dry_run else {}).get(row.outcome) or DONE[row.outcome]
    return f"{words}: {row.stub}"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' * (count != 1)}"


def report_text(result: Result) -> str:
    """What was read, a row per tag (most tickets first), and what was done."""
    lines = []
    for read in result.exports:
        untagged = "" if read.tags_column else "; no tags column: 0 tagged tickets"
        lines.append(f"read {read.file}: {_plural(read.tickets, 'ticket')} ({read.format}, {read.encoding}{untagged})")
    extra = [part for part in (f"{_plural(result.duplicates, 'duplicate')} counted once" if result.duplicates else "",
                               f"{result.untagged:,} without tags" if result.untagged else "") if part]
    lines.append(f"{_plural(result.tickets, 'ticket')} from {_plural(len(result.exports), 'export')}"
                 + (f" ({', '.join(extra)})" if extra else ""))
    if result.tags:
        width = max(len("tag"), *(len(row.tag) for row in result.tags))
        count_width = max(len("tickets"), *(len(f"{row.tickets:,}") for row in result.tags))
        lines += ["", f"{'tag':<{width}}  {'tickets':>{count_width}}  outcome"]
        for row in result.tags:
            lines.append(f"{row.tag:<{width}}  {row.tickets:>{count_width},}  {_outcome(row, result)}")
        lines.append("")
    counts = {outcome: sum(1 for stub in result.stubs if stub.outcome == outcome) for outcome in DONE}
    covered = sum(1 for row in result.tags if row.outcome == Outcome.COVERED)
    below = sum(1 for row in result.tags if row.outcome == Outcome.BELOW)
    verb = "would be " if result.dry_run else ""
    lines.append(f"stubs: {counts[Outcome.CREATED]} {verb}created, {counts[Outcome.UPDATED]} {verb}updated, "
                 f"{counts[Outcome.UNCHANGED]} unchanged, {counts[Outcome.EDITED]} edited by hand (left as is); "
                 f"tags: {covered} covered, {below} below threshold" + (" (dry run: nothing written)" if result.dry_run else ""))
    for stub_id in result.superseded:
        lines.append(f"note: every tag of the untouched stub {stub_id} is covered now; it can be deleted")
    return "\n".join(lines)


def report_json(result: Result) -> str:
    return json.dumps(asdict(result), ensure_ascii=False, indent=2)


def report_line(result: Result) -> str:
    """One line for a build log."""
    counts = {outcome: sum(1 for stub in result.stubs if stub.outcome == outcome) for outcome in DONE}
    return (f"{_plural(result.tickets, 'ticket')} from {_plural(len(result.exports), 'export')}: "
            f"{counts[Outcome.CREATED]} stubs created, {counts[Outcome.UPDATED]} updated, "
            f"{counts[Outcome.UNCHANGED]} unchanged, {counts[Outcome.EDITED]} edited by hand; "
            f"{sum(1 for row in result.tags if row.outcome == Outcome.COVERED)} tags covered")
