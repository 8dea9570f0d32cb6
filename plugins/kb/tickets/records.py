"""Turning an export's records (CSV rows or JSON objects) into tickets, the same way for
every help desk: each format only says which columns hold what and how tags are split."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from kb.tickets.columns import Columns
from kb.tickets.dates import ticket_day
from kb.tickets.model import ExportError, Ticket

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


def csv_tickets(records: Iterator[tuple[int, list[str]]], columns: Columns, layout: Layout, split: SplitTags,
                many_tag_columns: bool = False) -> Iterator[Ticket]:
    """Tickets from the records that follow the header; a record with the wrong number of
    fields or no id stops the reading with its line."""
    display = columns.display
    width = len(columns.header)
    i_id = columns.require("id", layout.id, layout.name)
    tag_columns = columns.all("tags", layout.tags)
    if not tag_columns:
        columns.require("tags", layout.tags, layout.name)
    i_tags = tag_columns[0]
    i_subject = columns.find("subject", layout.subject)
    i_description = columns.find("description", layout.description)
    i_created = columns.find("created_at", layout.created_at)
    i_channel = columns.find("channel", layout.channel)
    i_type = columns.find("type", layout.type)
    for line, row in records:
        if len(row) != width:
            if len(row) > width and not any(row[width:]):
                del row[width:]  # trailing separators, as spreadsheets write them
            else:
                raise ExportError(display, line, f"this record has {len(row)} fields where the header has {width}",
                                  "quote fields that contain the separator or a line break, or export the file again")
        ident = row[i_id].strip()
        if not ident:
            raise ExportError(display, line, f"the ticket has no id (column '{columns.header[i_id]}' is empty)",
                              "remove the row or fill in its id")
        if many_tag_columns:
            tags = tuple(row[i] for i in tag_columns if row[i])
        else:
            tags = split(row[i_tags]) if row[i_tags] else ()
        yield Ticket(
            ident,
            row[i_subject] if i_subject is not None else "",
            row[i_description] if i_description is not None else "",
            tags,
            ticket_day(row[i_created]) if i_created is not None and row[i_created] else "",
            row[i_channel].strip() if i_channel is not None else "",
            row[i_type].strip().lower() if i_type is not None else "",
        )


def _text(value: object) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _first(obj: Mapping, names: Sequence[str]) -> object:
    for name in names:
        value = obj.get(name)
        if value not in (None, ""):
            return value
    return None


def object_ticket(obj: Mapping, line: int, ordinal: int, display: str, layout: Layout, split: SplitTags,
                  mapping: Mapping[str, str]) -> Ticket:
    """A ticket from one JSON object (an API ticket or a JSON-lines record), the
    `ordinal`-th of its file."""

    def names(field: str) -> Sequence[str]:
        return (mapping[field],) if field in mapping else getattr(layout, field)

    ident = _text(_first(obj, names("id"))).strip()
    if not ident:
        raise ExportError(display, line, f"ticket {ordinal} of the file has no '{names('id')[0]}'",
                          f"export the tickets again, or pass --map id=<the key that holds the id>")
    raw_tags = _first(obj, names("tags"))
    if isinstance(raw_tags, list):
        tags = tuple(t for t in (_text(tag).strip() for tag in raw_tags) if t)
    else:
        tags = split(_text(raw_tags)) if raw_tags else ()
    channel = _first(obj, names("channel"))
    if isinstance(channel, dict):  # Zendesk: "via": {"channel": "email", ...}
        channel = channel.get("channel")
    created = _text(_first(obj, names("created_at")))
    return Ticket(ident, _text(_first(obj, names("subject"))), _text(_first(obj, names("description"))), tags,
                  ticket_day(created) if created else "", _text(channel).strip(), _text(_first(obj, names("type"))).strip().lower())


def split_on(separators: str) -> SplitTags:
    """Tags in one field, split on any of `separators` (whitespace when it is " ")."""
    if separators == " ":
        return lambda value: tuple(value.split())
    if len(separators) == 1:
        return lambda value: tuple(filter(None, map(str.strip, value.split(separators))))
    table = str.maketrans({ch: separators[0] for ch in separators[1:]})
    return lambda value: tuple(filter(None, map(str.strip, value.translate(table).split(separators[0]))))
