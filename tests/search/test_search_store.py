"""The index's file (kb.search.store): what it holds of its documents, and an update from a
copy of the last build giving the same file contents as writing it whole."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.search.index import build_index, index_root
from kb.search.lexicon import LEXICON
from kb.search.searcher import IndexUnavailable, SearchIndex
from kb.search.store import STORE, Store, update_store, write_store


def document(key: str, s: str = "", h: str = "", code: str = "", lang: str = "en", text: str = "") -> dict:
    return {"key": f"{lang}:{key}", "id": key, "lang": lang, "type": "guide", "audience": "public", "status": "published",
            "s": s, "h": h, "code": code, "doc": {"title": key, "url": f"/{key}/", "summary": "", "zones": {}},
            "page": f'{{"text": "{text}"}}'.encode()}


def contents(path: Path) -> dict:
    """Every row of every table, in order."""
    con = sqlite3.connect(path)
    try:
        tables = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: con.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in tables}
    finally:
        con.close()


def test_a_store_holds_the_postings_lengths_and_shown_fields(tmp_path: Path) -> None:
    path = tmp_path / STORE
    write_store(path, [document("a", s="spei^4 spei clabe", code="51", text="uno"),
                       document("b", s="clabe", lang="es"), document("c", h="spei^2.5")])
    store = Store(path)
    assert store.count == 3
    docs, weights = store.postings("s", "spei")
    assert list(docs) == [0] and list(weights) == [5.0]
    assert [list(part) for part in store.postings("s", "clabe")] == [[0, 1], [1.0, 1.0]]
    assert store.frequency("s", "clabe") == 2 and store.frequency("s", "nada") == 0 and store.postings("s", "nada") is None
    assert store.frequency("code", "51") == 1 and store.frequency("h", "spei") == 1
    assert list(store.lengths("s")) == [3, 1, 0] and list(store.lengths("h")) == [0, 0, 1]
    assert store.numbers("es") == {1} and store.numbers("en") == {0, 2} and store.numbers("xx") == frozenset()
    assert store.document(1) == {"id": "b", "lang": "es", "type": "guide", "audience": "public",
                                 "doc": {"title": "b", "url": "/b/", "summary": "", "zones": {}}}
    assert store.page(0) == b'{"text": "uno"}'
    store.close()


@pytest.mark.parametrize("folder", ["100% listo", "a?mode=rw", "b#c", "con espacio", "devolución", "%3f"])
def test_a_store_opens_read_only_wherever_it_is(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / STORE
    path.parent.mkdir()
    write_store(path, [document("a", s="spei")])
    store = Store(path)  # opened by URI: the characters URIs give a meaning to are escaped
    assert store.count == 1 and store.frequency("s", "spei") == 1
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store._con.execute("DELETE FROM documents")
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # nothing made beside it


TERMS = st.sampled_from(["spei", "clabe", "devolu", "cargo", "51", "r03", "tarjet"])
FIELD = st.lists(st.tuples(TERMS, st.sampled_from(["", "^4", "^2.5", "^1.6"])), max_size=8).map(
    lambda parts: " ".join(term + weight for term, weight in parts))
DOCUMENT = st.tuples(FIELD, FIELD, st.lists(st.sampled_from(["51", "05", "r03"]), max_size=2).map(" ".join),
                     st.text(st.sampled_from("abc"), max_size=3))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(DOCUMENT, DOCUMENT, st.booleans()), min_size=1, max_size=6))
def test_an_update_gives_the_rows_a_whole_write_gives(tmp_path_factory: pytest.TempPathFactory, pairs: list) -> None:
    """Any edits of any documents (terms added, removed, reweighted; codes; shown text)."""
    folder = tmp_path_factory.mktemp("store")
    def made(n: int, fields: tuple) -> dict:
        s, h, code, text = fields
        return document(f"d{n}", s=s, h=h, code=code, text=text)

    before = [made(n, old) for n, (old, _, _) in enumerate(pairs)]
    after = [made(n, new if edited else old) for n, (old, new, edited) in enumerate(pairs)]
    write_store(folder / "last", before)
    shutil.copyfile(folder / "last", folder / "updated")
    changed = update_store(folder / "updated", after)
    write_store(folder / "whole", after)
    assert contents(folder / "updated") == contents(folder / "whole")
    assert changed == sum(a != b for a, b in zip(before, after))


def test_other_documents_or_another_order_are_not_updated(tmp_path: Path) -> None:
    write_store(tmp_path / "last", [document("a"), document("b")])
    for other in ([document("b"), document("a")], [document("a")], [document("a"), document("b"), document("c")]):
        shutil.copyfile(tmp_path / "last", tmp_path / "copy")
        assert update_store(tmp_path / "copy", other) is None
    shutil.copyfile(tmp_path / "last", tmp_path / "copy")
    assert update_store(tmp_path / "copy", [document("a"), document("b")]) == 0


def test_a_body_edit_rebuilds_from_the_last_index_and_answers_as_a_clean_build(kb) -> None:
    first = build_index(kb.catalog(), "internal")
    assert first.rewritten is None or first.rewritten >= 0
    kb.article("spei/returns", "en", "A SPEI transfer is returned with a zorblax cause.\n", title="SPEI returns",
               tags=["spei"])
    update = build_index(kb.catalog(), "internal")
    assert update.rewritten == 1
    updated = SearchIndex(index_root(kb.root) / "internal")
    clean = build_index(kb.catalog(), "internal", kb.root / "clean")
    assert clean.rewritten is None
    whole = SearchIndex(kb.root / "clean" / "internal")
    for query in ["zorblax", "spei returned", "devolucion", "chargeback", "clabe 01"]:
        assert updated.search(query) == whole.search(query), query
    assert contents(update.path / STORE) == contents(clean.path / STORE)


def test_a_new_article_builds_the_index_whole(kb) -> None:
    build_index(kb.catalog(), "internal")
    kb.article("spei/zorblax", "en", "Zorblax text.\n", title="Zorblax", tags=["spei"])
    report = build_index(kb.catalog(), "internal")
    assert report.rewritten is None
    assert [h.id for h in SearchIndex(index_root(kb.root) / "internal").search("zorblax").hits] == ["spei/zorblax"]


def test_a_damaged_last_index_is_written_whole_and_a_damaged_index_is_a_clear_error(kb) -> None:
    first = build_index(kb.catalog(), "internal")
    (first.path / STORE).write_bytes(b"not a database" * 100)
    with pytest.raises(IndexUnavailable, match="damaged"):
        SearchIndex(index_root(kb.root) / "internal")
    report = build_index(kb.catalog(), "internal")
    assert report.rewritten is None
    assert SearchIndex(index_root(kb.root) / "internal").search("spei").hits


@pytest.mark.parametrize("damage", [b"not a database" * 100, b""])
def test_a_damaged_or_missing_lexicon_is_a_clear_error_and_the_next_build_writes_it(kb, damage: bytes) -> None:
    first = build_index(kb.catalog(), "internal")
    lexicon = first.path / LEXICON
    if damage:
        lexicon.write_bytes(damage)
    else:
        lexicon.unlink()
    with pytest.raises(IndexUnavailable, match="damaged" if damage else "no search index"):
        SearchIndex(index_root(kb.root) / "internal")
    build_index(kb.catalog(), "internal")
    assert SearchIndex(index_root(kb.root) / "internal").search("spei").hits


def test_a_lexicon_of_another_layout_is_a_clear_error(kb) -> None:
    first = build_index(kb.catalog(), "internal")
    con = sqlite3.connect(first.path / LEXICON)
    con.execute("DELETE FROM about WHERE name = 'totals'")
    con.commit()
    con.close()
    with pytest.raises(IndexUnavailable, match="damaged"):
        SearchIndex(index_root(kb.root) / "internal")


def test_a_whole_build_takes_nothing_from_the_last_index(kb) -> None:
    build_index(kb.catalog(), "internal")
    assert build_index(kb.catalog(), "internal").rewritten == 0
    assert build_index(kb.catalog(), "internal", whole=True).rewritten is None  # kb build --clean
