"""One ticket export on disk, read as a stream of tickets whatever its help desk,
encoding or separator; a folder given as an export stands for the exports in it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from kb.tickets import generic, zendesk
from kb.tickets.columns import Columns
from kb.tickets.detect import CSV_FORMATS, FORMATS, csv_format, object_format, sniff_shape
from kb.tickets.model import ExportError, Ticket
from kb.tickets.reading import JsonBytes, csv_header, csv_reader, detect_encoding, json_objects, ndjson_objects, open_text
from kb.vocabulary import ExportFormat

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
        if fmt != ExportFormat.AUTO and fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.path = path
        self.display = display or str(path)
        self.requested = fmt
        self.format = fmt
        self.mapping = dict(mapping or {})
        self.encoding = ""
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
            yield from self._json(shape.first)

    def _wrong_kind(self, kind: str) -> ExportError:
        return ExportError(self.display, 1, f"this file is {kind}, and a {self.requested} export is CSV",
                           "check --format (zendesk and generic exports can be JSON)")

    def _csv(self, delimiter: str) -> Iterator[Ticket]:
        raw, text = open_text(self.path, self.encoding)
        self._raw = raw
        with text:
            reader = csv_reader(text, delimiter)
            columns = Columns(csv_header(reader, self.display), self.display, self.mapping)
            if self.format == ExportFormat.AUTO:
                self.format = csv_format(columns)
            yield from CSV_FORMATS[self.format].csv_rows(reader, columns)

    def _ndjson(self) -> Iterator[Ticket]:
        if self.requested in (ExportFormat.FRESHDESK, ExportFormat.JIRA):
            raise self._wrong_kind("JSON lines")
        raw, text = open_text(self.path, self.encoding)
        self._raw = raw
        with text:
            items = ndjson_objects(text, self.display)
            first = next(items, None)
            if first is None:
                return
            if self.format == ExportFormat.AUTO:
                self.format = object_format(first[1])
            reader = zendesk if self.format == ExportFormat.ZENDESK else generic
            yield from reader.objects(itertools.chain([first], items), self.display, self.mapping)

    def _json(self, first: str) -> Iterator[Ticket]:
        if self.requested in (ExportFormat.FRESHDESK, ExportFormat.JIRA):
            raise self._wrong_kind("JSON")
        stream = JsonBytes(self.path, self.encoding)
        self._raw = stream.raw
        try:
            if self.format == ExportFormat.GENERIC:
                prefix = "item" if first == "[" else "tickets.item"
                yield from generic.objects(json_objects(stream, self.display, prefix), self.display, self.mapping)
            else:
                self.format = ExportFormat.ZENDESK
                yield from zendesk.json_document(stream, self.display, first, self.mapping)
        finally:
            stream.close()

    @property
    def encoding_name(self) -> str:
        """`UTF-8` or `Windows-1252`, once reading has begun."""
        return ENCODING_NAMES.get(self.encoding, self.encoding)
