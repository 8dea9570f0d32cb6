"""One ticket export on disk, read as a stream of tickets whatever its help desk,
encoding or separator; a folder given as an export stands for the exports in it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from kb.tickets import jira
from kb.tickets.columns import Columns
from kb.tickets.detect import CSV_FORMATS, JSON_FORMATS, csv_format, object_format, sniff_shape
from kb.tickets.jsondoc import locate_tickets, top_level_keys
from kb.tickets.model import ExportError, Ticket
from kb.tickets.reading import JsonBytes, csv_header, csv_reader, detect_encoding, json_objects, ndjson_objects, open_text
from kb.vocabulary import ExportFormat, values

SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".ndjson", ".jsonl")
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252"}


def find_exports(paths: Iterable[Path]) -> list[Path]:
    """The files to read: each path given, or the export files inside a folder (its
    subfolders too, hidden files and notes such as README.md left out), in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return found


class Export:
    """A ticket export; `tickets()` streams it, `position()` says how far it has got."""

    def __init__(self, path: Path, display: str | None = None, fmt: str = ExportFormat.AUTO,
                 mapping: Mapping[str, str] | None = None) -> None:
        if fmt not in values(ExportFormat):
            raise ValueError(f"unknown format {fmt!r}")
        self.path = path
        self.display = display or str(path)
        self.requested = fmt
        self.format = fmt
        self.mapping = dict(mapping or {})
        self.encoding = ""
        self.tags_column = True  # False for a CSV without a tags column: its tickets have none
        self.size = path.stat().st_size if path.is_file() else 0
        self._raw: BinaryIO | None = None

    def position(self) -> int:
        """Bytes read so far (for a progress bar)."""
        if self._raw is None:
            return 0
        return self.size if self._raw.closed else self._raw.tell()

    def tickets(self) -> Iterator[Ticket]:
        """Every ticket of the export, read as it streams; ExportError on bad input."""
        if not self.path.is_file():
            raise ExportError(self.display, 0, "no such file", "check the path of the export")
        self.encoding = detect_encoding(self.path, self.display)
        shape = sniff_shape(self.path, self.display, self.encoding)
        if shape.kind == "csv":
            yield from self._csv(shape.delimiter)
        elif shape.kind == "ndjson":
            yield from self._ndjson()
        else:
            yield from self._json()

    def _csv(self, delimiter: str) -> Iterator[Ticket]:
        raw, text = open_text(self.path, self.encoding)
        self._raw = raw
        with text:
            reader = csv_reader(text, delimiter)
            columns = Columns(csv_header(reader, self.display), self.display, self.mapping)
            if self.format == ExportFormat.AUTO:
                self.format = csv_format(columns)
            module = CSV_FORMATS[self.format]
            self.tags_column = bool(columns.all("tags", module.CSV.tags))
            yield from module.csv_rows(reader, columns)

    def _objects(self, items: Iterator[tuple[int, dict]], keys: tuple[str, ...] = (), prefix: str = "") -> Iterator[Ticket]:
        """The tickets of JSON objects, read by the help desk their first one shows (an
        empty page, by its keys)."""
        first = next(items, None)
        if self.format == ExportFormat.AUTO:
            if first is None and prefix.endswith(".item"):
                keys = top_level_keys(self.path, self.encoding, self.display)
            self.format = object_format(first[1] if first else None, keys, prefix)
        if first is None:
            return
        if self.format == ExportFormat.JIRA and not jira.matches_object(first[1]):
            raise ExportError(self.display, first[0], "this JSON is not Jira's: its first ticket has no \"key\" and \"fields\"",
                              f"check --format (this looks like a {object_format(first[1], keys, prefix)} export)")
        yield from JSON_FORMATS[self.format].objects(itertools.chain([first], items), self.display, self.mapping)

    def _ndjson(self) -> Iterator[Ticket]:
        raw, text = open_text(self.path, self.encoding)
        self._raw = raw
        with text:
            yield from self._objects(ndjson_objects(text, self.display))

    def _json(self) -> Iterator[Ticket]:
        document = locate_tickets(self.path, self.encoding, self.display)
        stream = JsonBytes(self.path, self.encoding, self.display)
        self._raw = stream.raw
        try:
            yield from self._objects(json_objects(stream, self.display, document.prefix), document.keys, document.prefix)
        finally:
            stream.close()

    @property
    def encoding_name(self) -> str:
        """`UTF-8` or `Windows-1252`, once reading has begun."""
        return ENCODING_NAMES.get(self.encoding, self.encoding)
