"""The front matter kept between runs (kb.kept_front_matter): a kept entry gives back what
the YAML parser gives, value for value and type for type; what JSON cannot give back, a
failing front matter and a damaged entry are parsed again; an edit is never read stale."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb import frontmatter
from kb.kept_front_matter import CACHE, KeptFrontMatter
from kb.memo import Memo, cache_root, digest


def typed(value: Any) -> Any:
    """The value with each part's type beside it: 1, 1.0, True and "1" all differ."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def kept_twice(root: Path, source: str) -> tuple[Any, Any]:
    """The fields of `source` as parsed (and kept) by one run, and as the next run finds them."""
    first = KeptFrontMatter(root)
    parsed = first.fields(source)
    first.save()
    return parsed, KeptFrontMatter(root).fields(source)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15), st.floats(allow_nan=False), st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=3)),
                      max_leaves=12)


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), VALUES, min_size=1, max_size=5))
@settings(max_examples=150, deadline=None)
def test_a_kept_entry_gives_back_what_the_parser_gives_type_for_type(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("kept")
    source = frontmatter.dump(data, "body").split("---\n")[1].rstrip("\n")
    parsed, again = kept_twice(root, source)
    assert typed(parsed) == typed(again) == typed(frontmatter.parse_fields(source))


@pytest.mark.parametrize("source", [
    "title: x\nid: 1\nflag: yes\nwhen: 2026-01-01\nn: 1.0\nnothing: ~\ntags: [a, 2, {b: c}]",
    "title: 'quoted: text'\n1: number key\ntrue: boolean key\nnested: {a: [1, {b: null}]}",
])
def test_values_that_json_tells_apart_only_with_tags_come_back_as_they_were(tmp_path, source):
    parsed, again = kept_twice(tmp_path, source)
    assert typed(again) == typed(parsed)
    assert Memo(cache_root(tmp_path) / CACHE, "front matter").get(digest(source)) is not None  # it was kept


def test_what_json_cannot_give_back_is_parsed_each_time_and_not_kept(tmp_path):
    source = "title: x\nraw: !!binary aGVsbG8=\nset: !!set {a, b}"
    parsed, again = kept_twice(tmp_path, source)
    assert again[0]["raw"] == b"hello" and again[0]["set"] == {"a", "b"} and typed(again) == typed(parsed)
    assert Memo(cache_root(tmp_path) / CACHE, "front matter").get(digest(source)) is None


def test_a_front_matter_that_fails_fails_every_run_with_its_line(tmp_path):
    for _ in range(2):
        kept = KeptFrontMatter(tmp_path)
        with pytest.raises(frontmatter.FrontMatterError) as error:
            kept.fields("title: x\ntitle: y")
        assert error.value.line == 3 and "given twice" in str(error.value)
        kept.save()


@pytest.mark.parametrize("entry", [["x", 1], "text", [["q", []], {}], [["m", [[["l", []], 1]]], {}], [["m"], {}],
                                   [["l", [1]], {}], [["m", []], []], None])
def test_a_damaged_entry_is_parsed_again(tmp_path, entry):
    source = "title: right\ntags: [a]"
    memo = Memo(cache_root(tmp_path) / CACHE, "front matter")
    memo.put(digest(source), entry)
    memo.save()
    data, lines = KeptFrontMatter(tmp_path).fields(source)
    assert data == {"title": "right", "tags": ["a"]} and lines == {"title": 2, "tags": 3}


@pytest.mark.parametrize("depth", [900, 5_000, 100_000])
def test_an_entry_nested_beyond_any_front_matter_is_parsed_again(tmp_path, depth):
    source = "title: deep"
    path = cache_root(tmp_path) / CACHE
    memo = Memo(path, "front matter")
    memo.put(digest(source), "placeholder")
    memo.save()
    nested = '["l",[' * depth + '"x"' + "]]" * depth  # (json.dumps would recurse as deep to write it)
    path.write_text(path.read_text(encoding="utf-8").replace('"placeholder"', f'[["m",[["title",{nested}]]],{{}}]'),
                    encoding="utf-8")
    data, _ = KeptFrontMatter(tmp_path).fields(source)
    assert data == {"title": "deep"}


def test_an_edited_front_matter_is_read_anew_by_the_catalog(project):
    from kb.catalog import load_catalog

    project.article("spei/returns", "en", "Body.", title="The first title")
    settings = project.settings()
    assert load_catalog(settings).get("spei/returns", "en").title == "The first title"
    assert (cache_root(settings.root) / CACHE).is_file()
    path = settings.docs_dir / "en" / "spei" / "returns.md"
    path.write_text(path.read_text(encoding="utf-8").replace("The first title", "A new title"), encoding="utf-8")
    assert load_catalog(settings).get("spei/returns", "en").title == "A new title"
