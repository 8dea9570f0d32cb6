"""Hostile exports are refused at the door with file, line and fix, in bounded time and
memory: deep nesting (one line or spread over lines), huge fields and numbers, long ids."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb_app.cli import cli
from kb.tickets import Export, ExportError
from kb.tickets.guard import JsonGuard
from kb.tickets.limits import COLUMNS_MAX, FIELD_MAX, ID_MAX, JSON_DEPTH_MAX, NUMBER_MAX_DIGITS

MB = 1 << 20


def _refused(path: Path) -> tuple[ExportError, int]:
    """The error reading `path` gives, and the peak memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(ExportError) as caught:
            list(Export(path, display=path.name).tickets())
        return caught.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("newline", ["", "\n"])
def test_json_nested_100000_deep(tmp_path: Path, newline: str) -> None:
    depth = 100_000
    path = tmp_path / "deep.json"
    path.write_text('{"tickets": [{"id": 1, "x": ' + newline + ("[" + newline) * depth + ("]" + newline) * depth + "}]}")
    error, peak = _refused(path)
    assert f"nested more than {JSON_DEPTH_MAX} levels" in error.problem.message
    assert error.problem.line == (1 if not newline else JSON_DEPTH_MAX - 1)  # where the 65th level opens
    assert str(error).startswith(f"deep.json, line {error.problem.line}: ") and "Fix: " in str(error)
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB"


def test_nesting_spread_over_lines_costs_no_more_memory_when_deeper(tmp_path: Path) -> None:
    peaks = []
    for depth in (1_000, 100_000):
        path = tmp_path / f"deep{depth}.json"
        path.write_text('[{"id": 1, "x":\n' + "[\n" * depth + "]\n" * depth + "}]")
        peaks.append(_refused(path)[1])
    print(f"peak memory refusing nesting 1,000 / 100,000 deep: {peaks[0] / MB:.2f} / {peaks[1] / MB:.2f} MB")
    assert peaks[1] < 2 * peaks[0] + MB


def test_json_lines_nested_100000_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.ndjson"
    path.write_text('{"id": 1, "tags": ["a"]}\n{"id": 2, "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    error, _ = _refused(path)
    assert (error.problem.line, "nested" in error.problem.message) == (2, True)


@pytest.mark.parametrize("suffix", [".json", ".ndjson"])
def test_a_5000_digit_id_in_json(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ids{suffix}"
    ticket = '{"id": ' + "9" * 5000 + ', "subject": "x", "tags": ["a"]}'
    path.write_text(f'{{"tickets": [\n{ticket}\n]}}' if suffix == ".json" else '{"id": 1, "tags": ["a"]}\n' + ticket + "\n")
    error, _ = _refused(path)
    assert f"more than {NUMBER_MAX_DIGITS} digits" in error.problem.message
    assert error.problem.line == 2


def test_a_long_id_as_text_in_csv_and_json(tmp_path: Path) -> None:
    csv_path = tmp_path / "ids.csv"
    csv_path.write_text("id,tags\n1,a\n" + "7" * 5000 + ",a\n")
    error, _ = _refused(csv_path)
    assert (error.problem.line, f"5,000 characters long (at most {ID_MAX})" in error.problem.message) == (3, True)
    json_path = tmp_path / "ids.jsonl"
    json_path.write_text(json.dumps({"id": "x" * (ID_MAX + 1), "tags": ["a"]}) + "\n")
    assert "characters long" in _refused(json_path)[0].problem.message
    ok = tmp_path / "ok.jsonl"
    ok.write_text(json.dumps({"id": "9" * 19, "tags": ["a"]}) + "\n")  # a 19-digit Zendesk id is fine
    assert [t.id for t in Export(ok).tickets()] == ["9" * 19]


def test_a_field_longer_than_the_limit(tmp_path: Path) -> None:
    csv_path = tmp_path / "big.csv"
    csv_path.write_text('id,tags,description\n1,a,ok\n2,a,"' + "x" * (FIELD_MAX + 1) + '"\n')
    error, _ = _refused(csv_path)
    assert (error.problem.line, f"longer than {FIELD_MAX:,} characters" in error.problem.message) == (3, True)
    json_path = tmp_path / "big.json"
    for size, words in ((FIELD_MAX + 10, "has a subject or description longer than"), (3 * FIELD_MAX, "a text value starting here")):
        json_path.write_text('{"tickets": [{"id": 1, "tags": []},\n{"id": 2, "description": "' + "y" * size + '"}]}')
        error, peak = _refused(json_path)
        assert (error.problem.line, words in error.problem.message) == (2, True)
        assert f"longer than {FIELD_MAX:,}" in error.problem.message
        assert peak < 6 * FIELD_MAX


def test_a_header_wider_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("id,tags," + ",".join(f"c{n}" for n in range(COLUMNS_MAX)) + "\n1,a\n")
    error, _ = _refused(path)
    assert (error.problem.line, f"columns (at most {COLUMNS_MAX:,})" in error.problem.message) == (1, True)


def test_a_json_line_longer_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kb.tickets.reading.LINE_MAX", 1000)
    path = tmp_path / "long.ndjson"
    path.write_text('{"id": 1, "tags": ["a"]}\n' + json.dumps({"id": 2, "description": "z" * 2000}) + "\n")
    error, _ = _refused(path)
    assert (error.problem.line, "longer than 1,000 characters" in error.problem.message) == (2, True)


def test_brackets_and_quotes_inside_strings_are_text(tmp_path: Path) -> None:
    subject = "[" * 200 + '{ \\" } \\\\' + "]" * 3
    path = tmp_path / "ok.json"
    path.write_text('{"tickets": [{"id": 1, "subject": "' + subject + '", "tags": ["a"]}]}')
    (ticket,) = Export(path).tickets()
    assert ticket.subject == json.loads(f'"{subject}"')


def _guard_error(pieces: list[bytes]) -> str:
    guard = JsonGuard("x.json")
    try:
        for piece in pieces:
            guard.feed(piece)
    except ExportError as exc:
        return f"{exc.problem.line}: {exc.problem.message}"
    return ""


@pytest.mark.parametrize("document", [
    b'{"a": [' + b"1" * (NUMBER_MAX_DIGITS + 1) + b"]}",
    b'{"a": "' + b"[" * 100 + b'\\"' + b"[" * 100 + b'"}',
    b'{"a":\n' + b"[" * (JSON_DEPTH_MAX + 1) + b"]" * (JSON_DEPTH_MAX + 1) + b"}",
    b'{"a": "x\\\\", "b": ' + b"[" * (JSON_DEPTH_MAX - 2) + b"]" * (JSON_DEPTH_MAX - 2) + b"}",
])
def test_the_guard_says_the_same_wherever_the_chunks_are_cut(document: bytes) -> None:
    whole = _guard_error([document])
    for cut in range(1, len(document)):
        assert _guard_error([document[:cut], document[cut:]]) == whole, cut


def test_kb_stubs_refuses_a_hostile_export_and_writes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for lang in ("en", "es"):
        (docs / lang).mkdir(parents=True)
    good = tmp_path / "good.csv"
    good.write_text("id,tags,subject\n" + "".join(f"{n},spei_no_reflejado,Pago {n}\n" for n in range(1, 8)))
    deep = tmp_path / "deep.json"
    deep.write_text('{"tickets": [' + "[" * 100_000 + "]" * 100_000 + "]}")
    result = CliRunner().invoke(cli, ["stubs", str(good), str(deep), "--docs-dir", str(docs)])
    assert result.exit_code == 1
    assert "deep.json, line 1: the JSON is nested more than 64 levels deep here. Fix: " in result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["en", "es"]
