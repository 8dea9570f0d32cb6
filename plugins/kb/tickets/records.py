"""Turning an export's records (CSV rows or JSON objects) into tickets, the same way for
every help desk: each format only says which columns hold what and how tags are split."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from kb.tickets.columns import Columns
from kb.tickets.dates import ticket_day
from kb.tickets.durations import hours, unit_of
from kb.tickets.limits import FIELD_MAX, ID_MAX
from kb.tickets.model import ExportError, Ticket
from kb.tickets.reading import csv_failure

SplitTags = Callable[[str], tuple[str, ...]]


@dataclass(frozen=True)
class Layout:
    """Where a help desk puts each ticket field: candidate column (or key) names."""

    name: str
    id: Sequence[str]
    subject: Sequence[str]
    description: Sequence[str]
    tags: Sequence[str]
    created_at: Sequence[str]
    channel: Sequence[str] = ()
    type: Sequence[str] = ()
    first_response: Sequence[str] = ()  # handle times (durations.py reads their units)
    resolution: Sequence[str] = ()


def _long_id(display: str, line: int, ident: str) -> ExportError:
    return ExportError(display, line, f"the ticket id is {len(ident):,} characters long (at most {ID_MAX})",
                       "check which column or key holds the ticket id (--map id=<it>), or export the tickets again")


def csv_tickets(reader: Iterator[list[str]], columns: Columns, layout: Layout, split: SplitTags) -> Iterator[Ticket]:
    """Tickets from the records that follow the header (the reader's next row); a record
    with the wrong number of fields, no id or an id too long stops the reading with its
    line. Tags come from every column that holds them (Jira repeats `Labels` once per
    label), each split with `split`; an export without such a column gives tickets with
    no tags (help desks leave the column out when no ticket has one), unless `--map`
    named it. Kept to one loop over the csv reader: this runs once per ticket of a
    gigabyte export."""
    display = columns.display
    width = len(columns.header)
    i_id = columns.require("id", layout.id, layout.name)
    tag_columns = columns.all("tags", layout.tags)
    if not tag_columns and "tags" in columns.mapping:
        columns.require("tags", layout.tags, layout.name)
    i_tags = tag_columns[0] if len(tag_columns) == 1 else None
    i_subject = columns.find("subject", layout.subject)
    i_description = columns.find("description", layout.description)
    i_created = columns.find("created_at", layout.created_at)
    i_channel = columns.find("channel", layout.channel)
    i_type = columns.find("type", layout.type)
    i_first = columns.find("first_response", layout.first_response)
    i_resolved = columns.find("resolution", layout.resolution)
    u_first = unit_of(columns.header[i_first]) if i_first is not None else 1.0
    u_resolved = unit_of(columns.header[i_resolved]) if i_resolved is not None else 1.0
    last = reader.line_num  # the line where the last record read ends
    try:
        for row in reader:
            if len(row) != width:
                if not any(row):  # an empty row, as spreadsheets leave them
                    last = reader.line_num
                    continue
                if len(row) > width and not any(row[width:]):
                    del row[width:]  # trailing separators
                else:
                    raise ExportError(display, last + 1, f"this record has {len(row)} fields where the header has {width}",
                                      "quote fields that contain the separator or a line break, or export the file again")
            ident = row[i_id].strip()
            if not ident:
                if not any(row):
                    last = reader.line_num
                    continue
                raise ExportError(display, last + 1, f"the ticket has no id (column '{columns.header[i_id]}' is empty)",
                                  "remove the row or fill in its id")
            if len(ident) > ID_MAX:
                raise _long_id(display, last + 1, ident)
            if i_tags is not None:
                tags = split(row[i_tags]) if row[i_tags] else ()
            else:
                tags = tuple(tag for i in tag_columns if row[i] for tag in split(row[i]))
            yield Ticket(
                ident,
                row[i_subject] if i_subject is not None else "",
                row[i_description] if i_description is not None else "",
                tags,
                ticket_day(row[i_created]) if i_created is not None and row[i_created] else "",
                row[i_channel].strip() if i_channel is not None else "",
                row[i_type].strip().lower() if i_type is not None else "",
                hours(row[i_first], u_first) if i_first is not None else None,
                hours(row[i_resolved], u_resolved) if i_resolved is not None else None,
            )
            last = reader.line_num
    except (csv.Error, UnicodeDecodeError) as exc:
        raise csv_failure(exc, display, last + 1) from None


def _text(value: object) -> str:
    if value.__class__ is str:
        return value  # type: ignore[return-value]
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _first(obj: Mapping, names: Sequence[str]) -> object:
    """The value under the first of `names` that has one (None when none has)."""
    for name in names:
        value = obj.get(name)
        if value is not None and value != "":
            return value
    return None


def object_tickets(items: Iterator[tuple[int, dict]], display: str, layout: Layout, split: SplitTags,
                   mapping: Mapping[str, str], skip: Callable[[Mapping], bool] | None = None) -> Iterator[Ticket]:
    """Tickets from JSON objects (API tickets or JSON-lines records); `skip` leaves some
    out (Zendesk's deleted tickets). A ticket without an id stops the reading. Each
    field is looked up under its first name, and under the others only when absent
    (written out field by field: this runs once per ticket of a gigabyte export)."""
    names = [(mapping[field],) if field in mapping else tuple(getattr(layout, field))
             for field in ("id", "subject", "description", "tags", "created_at", "channel", "type")]
    (k_id, *o_id), (k_subject, *o_subject), (k_description, *o_description), (k_tags, *o_tags), \
        (k_created, *o_created), (k_channel, *o_channel), (k_type, *o_type) = names
    times = bool(layout.first_response or layout.resolution)
    for ordinal, (line, obj) in enumerate(items, 1):
        if skip is not None and skip(obj):
            continue
        get = obj.get
        ident = get(k_id)
        if ident.__class__ is not str:
            ident = _text(ident if ident is not None else _first(obj, o_id))
        ident = ident.strip() or _text(_first(obj, o_id)).strip()
        if not ident:
            raise ExportError(display, line, f"ticket {ordinal} of the file has no '{k_id}'",
                              "export the tickets again, or pass --map id=<the key that holds the id>")
        if len(ident) > ID_MAX:
            raise _long_id(display, line, ident)
        raw_tags = get(k_tags) or _first(obj, o_tags)
        if raw_tags.__class__ is list:
            try:
                tags = tuple(filter(None, map(str.strip, raw_tags)))
            except TypeError:  # not all text: numbers as tags
                tags = tuple(t for t in (_text(tag).strip() for tag in raw_tags) if t)
        else:
            tags = split(_text(raw_tags)) if raw_tags else ()
        channel = get(k_channel) or _first(obj, o_channel)
        if channel.__class__ is dict:  # Zendesk: "via": {"channel": "email", ...}
            channel = channel.get("channel")
        created = _text(get(k_created) or _first(obj, o_created))
        subject = _text(get(k_subject) or _first(obj, o_subject))
        description = _text(get(k_description) or _first(obj, o_description))
        if len(subject) > FIELD_MAX or len(description) > FIELD_MAX:
            raise ExportError(display, line, f"ticket {ident} has a subject or description longer than {FIELD_MAX:,} characters",
                              "a ticket field that long is not ticket text: export the tickets again from the help desk")
        yield Ticket(ident, subject, description, tags, ticket_day(created[:64]) if created else "", _text(channel).strip()[:200],
                     _text(get(k_type) or _first(obj, o_type)).strip().lower()[:200],
                     _handle_time(obj, layout.first_response) if times else None,
                     _handle_time(obj, layout.resolution) if times else None)


def _handle_time(obj: Mapping, keys: Sequence[str]) -> float | None:
    """A handle time of a JSON ticket, in hours: under one of `keys`, or in its metric set
    (Zendesk's `metric_set`, sideloaded by the incremental export)."""
    metrics = obj.get("metric_set")
    for source in (obj, metrics if isinstance(metrics, dict) else {}):
        for key in keys:
            if source.get(key) is not None:
                return hours(source[key], unit_of(key))
    return None


def split_on(separators: str) -> SplitTags:
    """Tags in one field, split on any of `separators` (whitespace when it is " ")."""
    if separators == " ":
        return lambda value: tuple(value.split())
    if len(separators) == 1:
        return lambda value: tuple(filter(None, map(str.strip, value.split(separators))))
    table = str.maketrans({ch: separators[0] for ch in separators[1:]})
    return lambda value: tuple(filter(None, map(str.strip, value.translate(table).split(separators[0]))))
