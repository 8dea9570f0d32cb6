"""Counting tickets by tag as they stream past, in memory that does not grow with the
export: per subject only counts, a date range, the most recent ticket ids and a fixed
sample of phrasings are kept (a gigabyte export must not be held whole).

A *subject* is what one stub would be about: an uncovered ticket tag, or a taxonomy
topic that several ticket tags map to (one stub for `chargeback` and `contracargo`).
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kb.tickets.model import Ticket

RECENT_IDS = 50  # ticket ids listed in a stub, most recent first
SAMPLE_SIZE = 40  # tickets kept per subject to choose phrasings and guess the type from
SNIPPET = 600  # characters of a sampled ticket kept (subject + start of description)


SubjectKey = tuple[str, str]  # ("tag", a ticket tag) or ("topic", a taxonomy tag)


@dataclass(frozen=True)
class Route:
    """Where a ticket tag leads: `subject` is None when an article covers it already."""

    tag: str  # the normalized tag
    subject: SubjectKey | None
    private: bool = False  # the tag itself holds personal data: it gets no stub


@dataclass
class Subject:
    """What the tickets of one subject say, in bounded memory."""

    key: SubjectKey
    tickets: int = 0
    first: str = ""  # earliest and latest day, YYYY-MM-DD
    last: str = ""
    tags: set[str] = field(default_factory=set)  # the ticket tags that led here
    channels: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    recent: list[tuple[str, str]] = field(default_factory=list)  # heap of (day, id)
    sample: list[tuple[int, str, str, str]] = field(default_factory=list)  # heap of (-hash, id, subject, description)

    @property
    def topic(self) -> str | None:
        return self.key[1] if self.key[0] == "topic" else None

    @property
    def tag(self) -> str | None:
        return self.key[1] if self.key[0] == "tag" else None

    @property
    def name(self) -> str:
        """The key as one string, e.g. 'tag cobro_duplicado' (stub ids are derived from it)."""
        return " ".join(self.key)

    def add(self, ticket: Ticket, digest: int) -> None:
        self.tickets += 1
        day = ticket.created
        if day:
            if not self.first or day < self.first:
                self.first = day
            if day > self.last:
                self.last = day
        self.channels[ticket.channel] = self.channels.get(ticket.channel, 0) + 1
        if ticket.kind:
            self.kinds[ticket.kind] = self.kinds.get(ticket.kind, 0) + 1
        recent = (day, ticket.id)
        if len(self.recent) < RECENT_IDS:
            heapq.heappush(self.recent, recent)
        elif recent > self.recent[0]:
            heapq.heapreplace(self.recent, recent)
        # A sample by hash of the id: the same tickets whatever the order of the export.
        if len(self.sample) < SAMPLE_SIZE:
            heapq.heappush(self.sample, (-digest, ticket.id, ticket.subject[:SNIPPET], ticket.description[:SNIPPET]))
        elif -digest > self.sample[0][0]:
            heapq.heapreplace(self.sample, (-digest, ticket.id, ticket.subject[:SNIPPET], ticket.description[:SNIPPET]))

    def recent_ids(self) -> list[str]:
        return [ident for _, ident in sorted(self.recent, reverse=True)]


class Tally:
    """Tickets grouped by tag and by subject; tickets seen twice (the same id in two
    exports, or twice in an incremental export) are counted once, the first time."""

    def __init__(self, route: Callable[[str], Route | None]) -> None:
        self._route = route
        self._routes: dict[str, Route | None] = {}
        self._seen: dict[str, set[str]] = {}
        self.tag_counts: dict[str, int] = {}
        self.subjects: dict[str, Subject] = {}
        self.tickets = 0
        self.duplicates = 0
        self.untagged = 0

    def route(self, raw: str) -> Route | None:
        if raw not in self._routes:
            self._routes[raw] = self._route(raw)
        return self._routes[raw]

    def seen(self, fmt: str) -> set[str]:
        """Ticket ids already counted, per help desk (ids of two desks may collide)."""
        return self._seen.setdefault(fmt, set())

    def add_all(self, tickets: Iterable[Ticket], seen: set[str], tick: Callable[[], None] | None = None) -> int:
        """Count every ticket of a stream; returns how many it held (duplicates too).
        Runs once per ticket of the biggest export: locals, no per-ticket objects."""
        routes, route = self._routes, self.route
        tag_counts, subjects = self.tag_counts, self.subjects
        read = duplicates = untagged = 0
        for ticket in tickets:
            read += 1
            if tick is not None and not read & 0xFFF:
                tick()
            ident = ticket.id
            if ident in seen:
                duplicates += 1
                continue
            seen.add(ident)
            if not ticket.tags:
                untagged += 1
                continue
            done: list[str] = []  # the tags and subjects already counted for this ticket (a few)
            digest = -1
            for raw in ticket.tags:
                target = routes[raw] if raw in routes else route(raw)
                if target is None or target.tag in done:
                    continue
                done.append(target.tag)
                tag_counts[target.tag] = tag_counts.get(target.tag, 0) + 1
                key = target.subject
                if key is None or key in done:
                    continue
                done.append(key)
                subject = subjects.get(key)
                if subject is None:
                    subject = subjects[key] = Subject(key)
                subject.tags.add(target.tag)
                if digest < 0:
                    digest = zlib.crc32(ident.encode("utf-8", "surrogatepass"))
                subject.add(ticket, digest)
        self.tickets += read - duplicates
        self.duplicates += duplicates
        self.untagged += untagged
        return read
