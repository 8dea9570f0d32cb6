"""Counting an export's tickets per tag and per topic (the taxonomy tag a ticket tag maps
to), week by week (ISO weeks), with their handle times; routed as `kb stubs` routes them
(stubs/coverage.py), so a row names the articles that answer it or the stub that would."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kb.stubs.coverage import Coverage
from kb.stubs.plan import FOLDER, slug_for
from kb.stubs.tally import Subject
from kb.tickets.model import Ticket

SPIKE_FACTOR = 3.0  # the last week is a spike at this many times the median of the weeks before
SPIKE_MINIMUM = 5  # and with at least this many tickets (a jump from 0 to 2 is noise)
SPIKE_HISTORY = 2  # weeks needed before the last one to call a spike


def iso_week(day: str) -> str | None:
    """'2025-W45' for a 'YYYY-MM-DD' day (None for no day)."""
    try:
        year, week, _ = dt.date.fromisoformat(day).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


@dataclass
class Row:
    """One tag or topic: its tickets, week by week, its articles and its times."""

    kind: str  # "tag" or "topic"
    name: str
    tickets: int = 0
    weeks: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)  # ids of the articles that answer it
    stub: str = ""  # the stub's id when no article does
    first_response: list[float] = field(default_factory=list)
    resolution: list[float] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)  # a topic's ticket tags

    @property
    def covered(self) -> bool:
        return bool(self.articles)

    def median(self, name: str) -> float | None:
        values = getattr(self, name)
        return round(statistics.median(values), 2) if values else None

    @property
    def handle_hours(self) -> float | None:
        """Hours one ticket costs: its median resolution time, else its first response."""
        return self.median("resolution") if self.resolution else self.median("first_response")

    @property
    def cost(self) -> float:
        """Agent time of the row: tickets x handle hours (the tickets alone without times)."""
        hours = self.handle_hours
        return round(self.tickets * hours, 2) if hours is not None else float(self.tickets)

    def series(self, weeks: list[str]) -> list[int]:
        return [self.weeks.get(week, 0) for week in weeks]

    def spike(self, weeks: list[str]) -> tuple[int, float] | None:
        """(the last week's tickets, the median of the weeks before) when it jumped."""
        values = self.series(weeks)
        if len(values) <= SPIKE_HISTORY:
            return None
        last, before = values[-1], statistics.median(values[:-1])
        return (last, before) if last >= SPIKE_MINIMUM and last >= SPIKE_FACTOR * max(before, 1) else None

    def to_json(self, weeks: list[str]) -> dict:
        spike = self.spike(weeks)
        return {"kind": self.kind, "name": self.name, "tickets": self.tickets,
                "weeks": dict(zip(weeks, self.series(weeks))), "articles": self.articles, "stub": self.stub,
                "first_response_hours": self.median("first_response"), "resolution_hours": self.median("resolution"),
                "agent_hours": self.cost if self.handle_hours is not None else None,
                "spike": {"last_week": spike[0], "median_before": spike[1]} if spike else None}


@dataclass
class Insights:
    tags: dict[str, Row] = field(default_factory=dict)
    topics: dict[str, Row] = field(default_factory=dict)
    tickets: int = 0
    timed: bool = False  # whether any ticket had a handle time

    @property
    def weeks(self) -> list[str]:
        """Every ISO week from the first to the last ticket's (weeks with none included)."""
        found = sorted(set().union(*(row.weeks for row in self.tags.values()))) if self.tags else []
        if not found:
            return []
        day = dt.date.fromisocalendar(int(found[0][:4]), int(found[0][6:]), 1)
        end = dt.date.fromisocalendar(int(found[-1][:4]), int(found[-1][6:]), 1)
        weeks = []
        while day <= end:
            weeks.append(iso_week(day.isoformat()))
            day += dt.timedelta(days=7)
        return weeks

    def ranked(self, rows: Iterable[Row]) -> list[Row]:
        """Uncovered first, the costliest first; then the covered, by tickets."""
        return sorted(rows, key=lambda r: (r.covered, -r.cost, -r.tickets, r.name))

    def spikes(self) -> list[Row]:
        weeks = self.weeks
        return sorted((r for r in self.tags.values() if r.spike(weeks)), key=lambda r: -r.spike(weeks)[0])


def tally(tickets: Iterable[Ticket], coverage: Coverage) -> Insights:
    """The insights of an export's tickets (a ticket id seen twice counts once)."""
    insights = Insights()
    seen: set[str] = set()
    for ticket in tickets:
        if ticket.id in seen:
            continue
        seen.add(ticket.id)
        insights.tickets += 1
        week = iso_week(ticket.created)
        for raw in dict.fromkeys(ticket.tags):
            route = coverage.route(raw)
            if route is None or route.private:
                continue
            rows = [insights.tags.setdefault(route.tag, _row(coverage, "tag", route.tag))]
            topic = coverage.topic_of.get(route.tag)
            if topic:
                rows.append(insights.topics.setdefault(topic, _topic_row(coverage, topic)))
                rows[-1].tags.add(route.tag)
            for row in rows:
                row.tickets += 1
                if week:
                    row.weeks[week] += 1
                if ticket.first_response is not None:
                    row.first_response.append(ticket.first_response)
                if ticket.resolution is not None:
                    row.resolution.append(ticket.resolution)
        insights.timed = insights.timed or ticket.first_response is not None or ticket.resolution is not None
    return insights


def _row(coverage: Coverage, kind: str, tag: str) -> Row:
    articles = coverage.covering(tag)
    topic = coverage.topic_of.get(tag)
    return Row(kind, tag, articles=list(articles), stub="" if articles else _stub(("topic", topic) if topic else ("tag", tag)))


def _topic_row(coverage: Coverage, topic: str) -> Row:
    articles = coverage.by_topic.get(topic, [])
    return Row("topic", topic, articles=list(articles), stub="" if articles else _stub(("topic", topic)))


def _stub(key: tuple[str, str]) -> str:
    """The id of the stub `kb stubs` writes for a subject."""
    return f"{FOLDER}/{slug_for(Subject(key))}"
