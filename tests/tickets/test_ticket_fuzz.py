"""Property-based tests of the ticket readers, as the mature parsers are fuzzed: for any
CSV (any dialect, header, encoding, cut or stray byte) and any JSON (any shape, value,
nesting, cut), reading an export either gives well-formed tickets or raises the
documented ExportError with a line and a fix; never another exception, a hang or a
blow-up in memory. Example counts come from the Hypothesis profile (tests/conftest.py:
KB_HYPOTHESIS_PROFILE=long for a longer run)."""

from __future__ import annotations

import csv
import io
import json
import signal
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.tickets import Export, ExportError, Ticket
from kb.tickets import freshdesk, generic, jira, zendesk
from kb.tickets.dates import ticket_day
from kb.tickets.guard import JsonGuard
from kb.tickets.htmltext import html_text
from kb.tickets.limits import ID_MAX, JSON_DEPTH_MAX
from kb.vocabulary import ExportFormat, values

SECONDS_MAX = 20  # far beyond what a few kilobytes take: reached only by a hang
MEMORY_MAX = 48 << 20  # bytes Python may allocate reading a few kilobytes
FIELDS = ("id", "subject", "description", "tags", "created_at", "channel", "type")
HEADER_NAMES = sorted({name for layout in (jira.CSV, freshdesk.CSV, zendesk.CSV, generic.CSV) for field in FIELDS
                       for name in getattr(layout, field)} | set(jira.MARKERS) | set(zendesk.MARKERS) | {"Custom field (X)"})
JSON_KEYS = sorted({"id", "subject", "description", "description_text", "tags", "created_at", "via", "source", "status",
                    "type", "result_type", "raw_subject", "fr_due_by", "priority", "tickets", "results", "ticket",
                    "total", "count", "next_page", "channel", "ticket_type", "source_name", "key", "fields", "issues", "text",
                    "content"})
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=24)
CELL = TEXT | st.sampled_from(["", " ", '"', '""', ",", ";", "\t", "|", "\r\n", "\n", "10/nov/25 4:51 PM", "15/Fev/24",
                                 "2024-02-30", "9" * 80, "a b;c,d", "\ufeff", "\x00"])


@contextmanager
def bounded() -> Iterator[None]:
    """Fail if the block runs past SECONDS_MAX (a hang) or allocates past MEMORY_MAX."""
    def hung(*_: object) -> None:
        raise AssertionError(f"reading took more than {SECONDS_MAX} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, SECONDS_MAX)
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
        assert peak < MEMORY_MAX, f"peak {peak:,} bytes"
    finally:
        tracemalloc.stop()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read(path: Path, **options) -> list[Ticket] | ExportError:
    """The tickets, or the ExportError; any other exception fails the test."""
    export = Export(path, display=path.name, **options)
    try:
        with bounded():
            tickets = list(export.tickets())
    except ExportError as exc:
        assert exc.problem.file == path.name and exc.problem.line >= 0
        assert exc.problem.message and exc.problem.fix and "Traceback" not in str(exc)
        assert len(str(exc)) < 2000  # a message, never a dump of the input
        return exc
    assert export.format in values(ExportFormat) and export.format != ExportFormat.AUTO
    for ticket in tickets:
        assert isinstance(ticket, Ticket)
        assert isinstance(ticket.id, str) and ticket.id.strip() and len(ticket.id) <= ID_MAX
        assert all(isinstance(tag, str) and tag for tag in ticket.tags)
        assert ticket.created == "" or (len(ticket.created) == 10 and ticket.created[4] == "-")
    return tickets


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes as written, cut short, or with a byte changed or inserted."""
    how = draw(st.sampled_from(["as is", "as is", "cut", "change", "insert"]))
    if how == "as is" or not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if how == "cut":
        return data[:at]
    byte = bytes([draw(st.integers(0, 255))])
    return data[:at] + byte + data[at + (how == "change"):]


@st.composite
def csv_exports(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(HEADER_NAMES) | TEXT, min_size=1, max_size=8))
    width = len(header)
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=width + 2) | st.lists(CELL, min_size=width, max_size=width),
                         max_size=6))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from(",;\t|")), lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])),
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return draw(mutated(buffer.getvalue().encode(encoding, errors="replace")))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=csv_exports(), fmt=st.sampled_from(values(ExportFormat)))
def test_any_csv_gives_tickets_or_an_export_error(tmp_path: Path, data: bytes, fmt: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    read(path, fmt=fmt)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.integers(1, 10**12), TEXT, st.lists(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), max_size=3)),
                     max_size=8, unique_by=lambda row: row[0]),
       delimiter=st.sampled_from(",;\t|"), encoding=st.sampled_from(["utf-8", "utf-8-sig"]))
def test_a_well_formed_freshdesk_csv_reads_back_exactly(tmp_path: Path, rows, delimiter: str, encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Ticket ID", "Subject", "Tags", "Created time"])
    writer.writerows([[str(n), subject, ", ".join(tags), "2024-03-05 10:00:00"] for n, subject, tags in rows])
    path = tmp_path / "fd.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    tickets = read(path)
    if not rows:
        return  # a header alone: no tickets, or a file with no rows
    assert not isinstance(tickets, ExportError), tickets
    assert [(t.id, t.subject, list(t.tags)) for t in tickets] == [(str(n), s, tags) for n, s, tags in rows]


JSON_SCALARS = st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=False, allow_infinity=False) | TEXT
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.sampled_from(JSON_KEYS) | TEXT, inner, max_size=5), max_leaves=25)
TICKETS = st.fixed_dictionaries({}, optional={
    "id": st.integers(0, 10**20) | TEXT | JSON_VALUES, "subject": TEXT | JSON_VALUES, "description": TEXT,
    "description_text": TEXT, "tags": st.lists(TEXT | st.integers()) | TEXT | JSON_VALUES,
    "created_at": st.sampled_from(["2024-03-05T14:22:10Z", "2024-13-45", ""]) | TEXT, "via": JSON_VALUES,
    "source": st.integers(0, 20) | TEXT, "status": st.integers(0, 6) | st.sampled_from(["open", "deleted"]),
    "result_type": st.sampled_from(["ticket", "user", "organization"]), "type": TEXT | JSON_VALUES,
    "fr_due_by": TEXT, "raw_subject": TEXT})
ISSUES = st.fixed_dictionaries({"key": TEXT | JSON_VALUES}, optional={
    "id": TEXT, "fields": st.fixed_dictionaries({}, optional={
        "summary": TEXT | JSON_VALUES, "labels": st.lists(TEXT) | JSON_VALUES, "created": TEXT,
        "issuetype": st.fixed_dictionaries({"name": TEXT}) | JSON_VALUES,
        "description": TEXT | JSON_VALUES | st.fixed_dictionaries({"type": st.just("doc"), "content": JSON_VALUES})}) | JSON_VALUES})
DOCUMENTS = st.one_of(
    st.builds(lambda issues: {"startAt": 0, "total": len(issues), "issues": issues}, st.lists(ISSUES, max_size=4)),
    st.lists(TICKETS, max_size=5),
    st.builds(lambda ts, extra: {**extra, "tickets": ts}, st.lists(TICKETS, max_size=5), st.dictionaries(st.sampled_from(JSON_KEYS), JSON_VALUES, max_size=3)),
    st.builds(lambda ts, n: {"total": n, "results": ts}, st.lists(TICKETS, max_size=5), st.integers(0, 9)),
    st.builds(lambda ts: {"results": ts, "count": len(ts), "next_page": None}, st.lists(TICKETS, max_size=5)),
    st.builds(lambda t: {"ticket": t}, TICKETS), TICKETS, JSON_VALUES)


@st.composite
def json_exports(draw: st.DrawFn) -> tuple[str, bytes]:
    document = draw(DOCUMENTS)
    if draw(st.booleans()) and isinstance(document, list):  # one object per line
        lines = [json.dumps(item, ensure_ascii=draw(st.booleans())) for item in document]
        return ".ndjson", draw(mutated("\n".join(lines).encode("utf-8")))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1, 4])))
    return ".json", draw(mutated(text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])))))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(export=json_exports(), fmt=st.sampled_from(values(ExportFormat)))
def test_any_json_gives_tickets_or_an_export_error(tmp_path: Path, export: tuple[str, bytes], fmt: str) -> None:
    suffix, data = export
    path = tmp_path / f"export{suffix}"
    path.write_bytes(data)
    read(path, fmt=fmt)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.integers(0, 3 * JSON_DEPTH_MAX), filler=st.lists(TEXT | st.sampled_from(['[{"', '\\"]]', "\\\\", "]}"]), max_size=4),
       newline=st.booleans(), cuts=st.lists(st.integers(0, 10**6), max_size=4))
def test_the_guard_refuses_exactly_the_nesting_past_the_limit(depth: int, filler: list[str], newline: bool, cuts: list[int]) -> None:
    """Brackets, quotes and backslashes inside strings never count; chunks cut anywhere."""
    sep = "\n" if newline else ""
    inner = json.dumps(filler)  # one more level: the list of strings
    document = ("[" + sep) * depth + inner + ("]" + sep) * depth
    data = document.encode("utf-8")
    points = sorted({cut % (len(data) + 1) for cut in cuts})
    pieces = [data[a:b] for a, b in zip([0, *points], [*points, len(data)])]
    guard = JsonGuard("x.json")
    try:
        for piece in pieces:
            guard.feed(piece)
    except ExportError as exc:
        assert depth + 1 > JSON_DEPTH_MAX, "refused a document within the limit"
        assert exc.problem.line == (JSON_DEPTH_MAX + 1 if newline else 1)
    else:
        assert depth + 1 <= JSON_DEPTH_MAX, "accepted a document past the limit"


@given(raw=TEXT | st.from_regex(r"\d{1,4}[/.-]\w{1,12}\.?[/.-]\d{1,5}( .*)?", fullmatch=True))
def test_any_date_text_gives_a_day_or_nothing(raw: str) -> None:
    day = ticket_day(raw)
    assert day == "" or (len(day) == 10 and day[4] == day[7] == "-" and day[:4].isdigit())


@given(markup=st.text(st.sampled_from("<>/&;#x0123ab pdivbrscript\n\"'"), max_size=60) | TEXT)
def test_any_html_body_gives_text(markup: str) -> None:
    text = html_text(markup)
    assert isinstance(text, str) and len(text) <= len(markup) + markup.count("<")
