"""The cache of per-file results (kb.memo): found again by the same context and key,
never by another context, and harmless when damaged or unwritable."""

from __future__ import annotations

import json
from pathlib import Path

from kb.memo import Memo, digest


def test_an_entry_is_found_by_the_next_run_of_the_same_context(tmp_path: Path) -> None:
    memo = Memo(tmp_path / "c.json", "data-1")
    assert memo.get("a") is None
    memo.put("a", {"problems": [1, 2]})
    memo.save()
    assert Memo(tmp_path / "c.json", "data-1").get("a") == {"problems": [1, 2]}


def test_another_context_uses_no_entry(tmp_path: Path) -> None:
    memo = Memo(tmp_path / "c.json", "data-1")
    memo.put("a", [1])
    memo.save()
    assert Memo(tmp_path / "c.json", "data-2").get("a") is None


def test_a_save_keeps_only_the_entries_this_run_used(tmp_path: Path) -> None:
    memo = Memo(tmp_path / "c.json", "x")
    memo.put("old", 1)
    memo.put("kept", 2)
    memo.save()
    again = Memo(tmp_path / "c.json", "x")
    assert again.get("kept") == 2
    again.save()
    entries = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["entries"]
    assert entries == {"kept": 2}


def test_a_damaged_cache_is_as_good_as_none(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    for damaged in ("{not json", "[]", json.dumps({"context": "x", "entries": []}), "\udcff"):
        path.write_text(damaged, encoding="utf-8", errors="surrogateescape")
        memo = Memo(path, "x")
        assert memo.get("a") is None
        memo.put("a", 1)
        memo.save()
        assert Memo(path, "x").get("a") == 1


def test_an_unwritable_cache_only_costs_the_next_run(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    memo = Memo(blocked / "c.json", "x")  # its folder is a file: cannot be written
    memo.put("a", 1)
    memo.save()
    assert memo.get("a") == 1


def test_digest_tells_the_parts_apart() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("a", b"b") == digest("a", "b")
