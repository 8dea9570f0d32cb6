"""The static search's index (kb-search/ beside a static site): what each audience's holds,
and the layout its JavaScript client reads."""

from __future__ import annotations

import json
from pathlib import Path

from kb.search.static_index import FLAG_BITS, ROW_FLAG, write_static_index, word_hash


def _load(folder: Path, relative: str):
    return json.loads((folder / relative).read_text(encoding="utf-8"))


def _entry(folder: Path, word: str):
    manifest = _load(folder, "manifest.json")
    return _load(folder, f"terms/{word_hash(word) % manifest['term_shards']}.json").get(word)


def _documents(folder: Path) -> dict[int, dict]:
    return {int(number): doc for block in (folder / "docs").glob("*.json")
            for number, doc in json.loads(block.read_text(encoding="utf-8")).items()}


def _postings(entry: list, languages: int) -> dict[int, int]:
    flat, number, out = entry[languages], 0, {}
    for gap, value in zip(flat[::2], flat[1::2]):
        number += gap
        out[number] = value
    return out


def test_the_public_index_holds_no_internal_or_draft_article(kb, tmp_path):
    catalog = kb.catalog()
    public = write_static_index(catalog, "public", tmp_path / "public").folder
    internal = write_static_index(catalog, "internal", tmp_path / "internal").folder
    public_ids = {doc["id"] for doc in _documents(public).values()}
    internal_ids = {doc["id"] for doc in _documents(internal).values()}
    assert public_ids == {"spei/returns", "payments/chargebacks", "payments/declines", "glossary"}
    assert {"procedures/fraud-rings", "procedures/draft-plan"} <= internal_ids
    for word in ("fraud", "rings", "escalation", "desk"):  # words of the internal and draft articles only
        assert _entry(public, word) is None, word
        assert _entry(internal, word) is not None, word
    everything = " ".join(path.read_text(encoding="utf-8") for path in public.rglob("*.json"))
    assert "fraud" not in everything.lower()


def test_a_word_reaches_its_family_and_a_code_its_row(kb, tmp_path):
    folder = write_static_index(kb.catalog(), "public", tmp_path).folder
    manifest = _load(folder, "manifest.json")
    languages = len(manifest["languages"])
    docs = _documents(folder)
    # "devoluciones" is not in the pages: the stems behind "devolucion" are, in either spelling.
    for word in ("devolucion", "devuelve"):
        found = {docs[n]["id"] for n in _postings(_entry(folder, word), languages)}
        assert "spei/returns" in found, word
    code = _postings(_entry(folder, "03"), languages)
    returns = [n for n in code if docs[n]["id"] == "spei/returns"]
    assert returns and all(code[n] % FLAG_BITS & ROW_FLAG for n in returns)
    spanish = next(docs[n] for n in returns if docs[n]["lang"] == "es")
    assert spanish["rows"]["03"][0] == "causas-de-devolucion" and "Cuenta cancelada" in spanish["rows"]["03"][1]
    # document numbers: article * languages + language
    assert all(manifest["languages"][n % languages] == doc["lang"] for n, doc in docs.items())


def test_glossary_synonyms_join_the_languages(kb, tmp_path):
    folder = write_static_index(kb.catalog(), "public", tmp_path).folder
    table = _load(folder, "synonyms.json")
    groups = {group for group, _ in table["index"]["contracargo"]}
    assert any("chargeback" in table["groups"][g] for g in groups)
    assert "clave rastreo" in table["index"] and table["longest"] >= 2  # (stop words out, as typed queries)


def test_a_rebuild_replaces_the_index_whole(kb, tmp_path):
    catalog, site = kb.catalog(), tmp_path / "site"
    write_static_index(catalog, "internal", site)
    report = write_static_index(catalog, "public", site)
    assert sorted(p.name for p in site.iterdir()) == ["kb-search"]
    assert _load(report.folder, "manifest.json")["audience"] == "public"
    assert report.files == sum(1 for p in report.folder.rglob("*.json"))


def test_the_word_hash_is_fnv_1a():
    """The client computes the same hash (kb-static-search.js): FNV-1a of the UTF-8 bytes."""
    assert word_hash("") == 0x811C9DC5
    assert word_hash("a") == 0xE40C292C
    assert word_hash("foobar") == 0xBF9CF968
