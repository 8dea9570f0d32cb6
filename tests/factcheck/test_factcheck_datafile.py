"""Data files are read with the line of every key; bad ones give a problem, never a traceback."""

from __future__ import annotations

from kb.datafile import read_data_file


def read(tmp_path, text: str):
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    return read_data_file(path, "data/data.yml")


def test_lines_of_keys_and_items(tmp_path):
    file, problems = read(tmp_path, "a:\n  b: 1\n  c:\n    - x\n    - {d: 2}\n")
    assert problems == [] and file.data == {"a": {"b": 1, "c": ["x", {"d": 2}]}}
    assert file.line("a", "b") == 2 and file.line("a", "c", 1) == 5 and file.line("a", "c", 1, "d") == 5
    assert file.line("a", "nothing") == 1  # the nearest parent that is written


def test_invalid_yaml_names_its_line(tmp_path):
    file, [problem] = read(tmp_path, "a: 1\nb: [unclosed\nc: 2\n")
    assert file is None and problem.file == "data/data.yml" and problem.line >= 2 and "not valid YAML" in problem.message


def test_aliases_are_refused_before_they_expand(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                                                        for p, c in zip("abcdefgh", "bcdefghi"))
    file, [problem] = read(tmp_path, bomb)
    assert file is None and "alias" in problem.message and problem.line == 2


def test_deep_nesting_is_a_problem(tmp_path):
    file, [problem] = read(tmp_path, "[" * 5000 + "]" * 5000)
    assert file is None and problem.message


def test_a_missing_file_is_empty(tmp_path):
    file, problems = read_data_file(tmp_path / "none.yml", "data/none.yml")
    assert problems == [] and file.data is None


def test_not_utf8(tmp_path):
    (tmp_path / "data.yml").write_bytes(b"a: \xff\xfe\n")
    file, [problem] = read_data_file(tmp_path / "data.yml", "data/data.yml")
    assert file is None and "UTF-8" in problem.fix
