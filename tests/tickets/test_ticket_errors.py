"""A bad export stops with the file, the line and the problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.tickets import Export, ExportError
from kb.tickets.reading import sniff_delimiter

GOOD_ROWS = "".join(f"{n},spei,Asunto {n}\n" for n in range(1, 40))


def _error(path: Path, **options) -> ExportError:
    with pytest.raises(ExportError) as caught:
        list(Export(path, display=path.name, **options).tickets())
    return caught.value


@pytest.mark.parametrize(("content", "line", "words"), [
    # a quote opened in the record of line 41 and never closed
    (f"id,tags,subject\n{GOOD_ROWS}40,spei,\"abierta\n41,spei,x\n", 41, "never closed"),
    (f"id,tags,subject\n{GOOD_ROWS}40,spei,x,extra\n", 41, "4 fields where the header has 3"),
    (f"id,tags,subject\n{GOOD_ROWS}40,spei\n", 41, "2 fields where the header has 3"),
    (f"id,tags,subject\n{GOOD_ROWS}\"40\"x,spei,x\n", 41, "not valid CSV"),
    (f"id,tags,subject\n{GOOD_ROWS},spei,sin id\n", 41, "has no id"),
    ("name,subject\nx,y\n", 1, "no 'id' and 'tags' columns"),
])
def test_bad_csv_names_the_line(tmp_path: Path, content: str, line: int, words: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(content, encoding="utf-8")
    error = _error(path)
    assert error.problem.file == "export.csv"
    assert error.problem.line == line
    assert words in error.problem.message
    assert str(error).startswith(f"export.csv, line {line}: ")
    assert "Fix: " in str(error)


def test_bytes_that_are_neither_utf8_nor_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"id,tags,subject\n1,a,ok\n2,a,bad \x81 byte\n")
    error = _error(path)
    assert (error.problem.line, "0x81" in error.problem.message) == (3, True)
    assert "UTF-8" in error.problem.fix


def test_invalid_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{\n  "tickets": [\n    {"id": 1, "tags": ["a"]},\n    {"id": 2 "tags": ["a"]}\n  ]\n}\n')
    error = _error(path)
    assert error.problem.line == 4
    assert "not valid JSON" in error.problem.message


def test_json_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"tickets": [{"id": 1, "tags": ["a"]}, {"id": 2, "ta')
    assert "not valid JSON" in _error(path).problem.message


def test_json_without_a_tickets_list(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"users": [{"id": 1}], "count": 1}')
    error = _error(path)
    assert "holds no tickets" in error.problem.message and "users, count" in error.problem.message
    assert "Freshdesk" in error.problem.fix and "Zendesk" in error.problem.fix
    path.write_text('{"tickets": [], "end_of_stream": true}')
    assert list(Export(path).tickets()) == []  # an empty page is no error


def test_ndjson_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "export.ndjson"
    path.write_text('{"id": 1, "tags": ["a"]}\n{"id": 2, "tags": ["a"]}\n\n{"id": 3, "tags": [\n')
    error = _error(path)
    assert (error.problem.line, "not JSON" in error.problem.message) == (4, True)


def test_ticket_without_id_in_json(tmp_path: Path) -> None:
    path = tmp_path / "export.ndjson"
    path.write_text('{"id": 1, "subject": "x", "tags": ["a"]}\n{"subject": "sin id", "tags": ["a"]}\n')
    error = _error(path)
    assert error.problem.line == 2
    assert "ticket 2 of the file has no 'id'" in error.problem.message


def test_empty_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("  \n")
    assert "empty" in _error(path).problem.message
    assert "no such file" in _error(tmp_path / "absent.csv").problem.message


def test_delimiter_is_sniffed_among_four_only() -> None:
    # csv.Sniffer can pick a letter here; only , ; tab | are candidates
    assert sniff_delimiter("idaxaz\n1a2a3\n") == ","
    assert sniff_delimiter("id;subject;tags\n1;a, b;x\n2;c;y\n") == ";"
    assert sniff_delimiter("id\tsubject\ttags\n1\ta; b, c\tx\n") == "\t"
    assert sniff_delimiter("id|subject|tags\n1|a;b|x\n") == "|"
