"""Reading exports as help desks and Excel write them: UTF-8 with or without BOM or
Windows-1252, `,` `;` tab or `|` separators, CRLF, quoted multi-line fields, empty rows,
fields longer than the csv module allows by default. Everything streams.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import ijson

from kb.tickets.guard import FIX_NUMBER, JsonGuard
from kb.tickets.limits import COLUMNS_MAX, FIELD_MAX, JSON_DEPTH_MAX, LINE_MAX, NUMBER_MAX_DIGITS
from kb.tickets.model import ExportError

DELIMITERS = ",;\t|"
CHUNK = 1 << 20
SAMPLE = 1 << 16
SAVE_AS_UTF8 = "save the export as UTF-8 (CSV UTF-8 in Excel) and run again"


def detect_encoding(path: Path, display: str) -> str:
    """`utf-8-sig` if the whole file is valid UTF-8, else `cp1252` if it decodes as that.

    Both are checked strictly over the whole file, a chunk at a time: a guess from the
    first kilobytes misreads exports whose first accented letter comes late, and
    statistical detectors misread short Spanish cp1252 text.
    """
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        lines = 1
        with path.open("rb") as handle:
            try:
                while chunk := handle.read(CHUNK):
                    decoder.decode(chunk)
                    lines += chunk.count(b"\n")
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError as exc:
                bad = exc.object[exc.start:exc.start + 1]
                line = lines + exc.object.count(b"\n", 0, exc.start)
    raise ExportError(display, line, f"byte 0x{bad.hex() or '??'} is neither UTF-8 nor Windows-1252 text", SAVE_AS_UTF8)


def open_text(path: Path, encoding: str) -> tuple[BinaryIO, io.TextIOWrapper]:
    """The file as text (newline="" so quoted fields keep their line ends), and the byte
    stream under it, whose position tells how far the reading has gone."""
    raw = path.open("rb", buffering=CHUNK)
    return raw, io.TextIOWrapper(raw, encoding=encoding, newline="")


def sniff_delimiter(sample: str) -> str:
    """The separator among `,` `;` tab `|` that gives the header most columns and the
    most rows with as many; csv.Sniffer can pick a letter, so it is not used."""
    lines = sample.splitlines(keepends=True)
    if len(sample) >= SAMPLE and len(lines) > 1:
        lines = lines[:-1]  # the last line of a truncated sample may be cut
    text = "".join(lines)
    best, best_score = ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if row]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        agreeing = sum(1 for row in rows[1:-1] if len(row) == width)  # the last may be cut
        score = (1, agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def csv_reader(text: io.TextIOWrapper, delimiter: str) -> Iterator[list[str]]:
    """A strict csv reader over the text: a quote left open is an error, not a field
    that swallows the rest of the file."""
    csv.field_size_limit(FIELD_MAX)  # long ticket bodies exceed the 131,072 default; a bound all the same
    return csv.reader(text, delimiter=delimiter, strict=True)


def csv_failure(exc: Exception, display: str, line: int) -> ExportError:
    """The error for a record that cannot be read, starting at `line`."""
    if isinstance(exc, UnicodeDecodeError):  # the file changed since its encoding was checked
        return ExportError(display, line, f"this record cannot be decoded ({exc.reason})", SAVE_AS_UTF8)
    if "field larger than field limit" in str(exc):
        return ExportError(display, line, f"a field of this record is longer than {FIELD_MAX:,} characters",
                           "check the quotes of this record (a quote left open takes in the rest of the file), or export the file again")
    if "end of data" in str(exc):
        return ExportError(display, line, "a quoted field that starts in this record is never closed",
                           "close the quote (a field with quotes inside is written \"like \"\"this\"\"\"), or export the file again")
    return ExportError(display, line, f"this is not valid CSV ({exc})",
                       "inside a quoted field write a quote as two quotes (\"\"), or export the file again")


def csv_header(reader: Iterator[list[str]], display: str) -> list[str]:
    """The first non-empty record: the column names."""
    try:
        for row in reader:
            if len(row) > COLUMNS_MAX:
                raise ExportError(display, reader.line_num, f"the header has {len(row):,} columns (at most {COLUMNS_MAX:,})",
                                  "check that the first row is the export's header, or export the tickets again")
            if any(row):
                return row
    except (csv.Error, UnicodeDecodeError) as exc:
        raise csv_failure(exc, display, 1) from None
    raise ExportError(display, 0, "the file has no rows", "export the tickets again")


def ndjson_objects(text: io.TextIOWrapper, display: str) -> Iterator[tuple[int, dict]]:
    """(line, object) for each non-blank line of a one-JSON-object-per-line file; a line
    longer than LINE_MAX or nested deeper than JSON_DEPTH_MAX is refused."""
    line = 0
    try:
        while content := text.readline(LINE_MAX + 1):
            line += 1
            if len(content) > LINE_MAX:
                raise ExportError(display, line, f"this line is longer than {LINE_MAX:,} characters",
                                  "each line of a JSON-lines export must be one ticket: export the tickets again")
            if not content.strip():
                continue
            if content.count("[") + content.count("{") > JSON_DEPTH_MAX:
                guard = JsonGuard(display)  # only lines that may pass a limit are checked byte by byte
                guard.line = line
                guard.feed(content.encode("utf-8", "surrogatepass"))
            try:
                value = json.loads(content)
            except (json.JSONDecodeError, RecursionError, ValueError) as exc:
                if not isinstance(exc, json.JSONDecodeError) and "digits" in str(exc):
                    raise ExportError(display, line, f"a number here has more than {NUMBER_MAX_DIGITS} digits", FIX_NUMBER) from None
                reason = f"{exc.msg}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "a value cannot be read"
                raise ExportError(display, line, f"this line is not JSON ({reason})",
                                  "each line of a JSON-lines export must be one complete JSON object") from None
            if not isinstance(value, dict):
                raise ExportError(display, line, f"this line is a JSON {type(value).__name__}, not an object",
                                  "each line of a JSON-lines export must be one ticket as {\"id\": ...}")
            yield line, value
    except UnicodeDecodeError as exc:
        raise ExportError(display, line + 1, f"this line is not {text.encoding} text ({exc.reason})", SAVE_AS_UTF8) from None


class JsonBytes:
    """The bytes of a JSON export for ijson: UTF-8 without its BOM (a cp1252 file is
    re-encoded as it streams), counting lines so that errors can say where they are."""

    def __init__(self, path: Path, encoding: str, display: str = "") -> None:
        self.path = path
        self.guard = JsonGuard(display or str(path))
        self.encoding = encoding
        self.raw = path.open("rb", buffering=CHUNK)
        self.text = io.TextIOWrapper(self.raw, encoding=encoding) if encoding != "utf-8-sig" else None
        if self.text is None and self.raw.read(3) != codecs.BOM_UTF8:
            self.raw.seek(0)
        self.lines_before = 1  # the line at which the last chunk handed out starts
        self.lines_after = 1

    def read(self, size: int = -1) -> bytes:
        chunk = self.text.read(size).encode("utf-8") if self.text is not None else self.raw.read(size)
        self.guard.feed(chunk)
        self.lines_before = self.lines_after
        self.lines_after += chunk.count(b"\n")
        return chunk

    def close(self) -> None:
        self.raw.close()


def json_objects(stream: JsonBytes, display: str, prefix: str) -> Iterator[tuple[int, dict]]:
    """(line, object) for each item under `prefix` (e.g. `tickets.item`), streamed with
    ijson so a gigabyte export never sits in memory; the line is where reading was
    when the object ended (ijson does not say where an object starts)."""
    try:
        for value in ijson.items(stream, prefix, use_float=True, buf_size=SAMPLE):
            if not isinstance(value, dict):
                raise ExportError(display, stream.lines_before, f"an item of '{prefix.rsplit('.', 1)[0]}' is a JSON {type(value).__name__}, not a ticket object",
                                  "export the tickets again from the help desk")
            yield stream.lines_before, value
    except (ijson.JSONError, ValueError) as exc:  # ExportError from the guard is a ValueError too
        raise json_failure(exc, stream, display) from None


def json_failure(exc: Exception, stream: JsonBytes, display: str) -> ExportError:
    """The error for a JSON document that cannot be read at the point the parser reached."""
    if isinstance(exc, ExportError):
        return exc
    if isinstance(exc, UnicodeDecodeError):
        return ExportError(display, stream.lines_before, f"this part is not {stream.encoding} text ({exc.reason})", SAVE_AS_UTF8)
    if not isinstance(exc, ijson.JSONError):  # a value valid in JSON that Python cannot hold
        return ExportError(display, stream.lines_before, "a value here cannot be read", "export the tickets again from the help desk")
    reason = str(exc).splitlines()[0] if str(exc).strip() else "the JSON is cut short"
    return ExportError(display, _json_error_line(stream.path, stream.encoding, stream.lines_before), f"this is not valid JSON ({reason[:200]})",
                       "export the tickets again: the file may have been cut short or edited by hand")


EXACT_LINE_LIMIT = 64 << 20


def _json_error_line(path: Path, encoding: str, near: int) -> int:
    """The exact line of a JSON error when the file is small enough to parse whole (the
    error path only), else the line where the failing chunk starts."""
    if path.stat().st_size > EXACT_LINE_LIMIT:
        return near
    try:
        json.loads(path.read_text(encoding=encoding))
    except json.JSONDecodeError as exc:
        return exc.lineno
    except (UnicodeDecodeError, RecursionError):
        pass
    return near
