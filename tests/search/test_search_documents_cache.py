"""Search documents are computed once per process (both indexes read the same ones) and
kept between runs (kb.search.documents_cache): after a body edit only that article's
document is made again; a change of anything else a document reads (another article's
title, a fact, a taxonomy label) gives exactly the documents a run with no cache gives."""

from __future__ import annotations

import json

import pytest

import kb.search.documents_cache as documents_cache
from kb.search.article_document import article_document, is_indexed
from kb.search.documents_cache import cache_file, search_documents
from kb.search.index import build_index
from kb.search.static_index import write_static_index

# An article that reads the rest of the catalog: a fact, tag labels, and (through its
# section list) the other articles' titles and summaries.
READER = "Card fee: {{ platform.fees.card.percent }}. See [returns](returns.md).\n\n## Articles\n\n<!-- kb:articles -->\n"


@pytest.fixture
def project(kb):
    kb.article("spei/overview", "en", READER, title="SPEI overview", tags=["spei", "returns"])
    kb.article("spei/overview", "es", READER, title="Panorama SPEI", tags=["spei", "returns"])
    return kb


@pytest.fixture
def made(monkeypatch):
    """The ids of the documents made (not found in the cache), in order."""
    calls: list[str] = []
    real = documents_cache.article_document

    def counting(article, catalog, audience):  # noqa: ANN001, ANN202
        calls.append(f"{article.lang}:{article.id}")
        return real(article, catalog, audience)

    monkeypatch.setattr(documents_cache, "article_document", counting)
    return calls


def uncached(catalog, audience: str) -> list:  # noqa: ANN001
    return [article_document(a, catalog, audience) for a in catalog.articles if is_indexed(a, audience)]


def by_key(documents: list) -> dict[str, tuple]:
    return {doc["key"]: (doc, vocabulary) for doc, vocabulary in documents}


def edit(path, old: str, new: str) -> None:  # noqa: ANN001
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_a_second_run_makes_no_document_and_finds_the_same_ones(project, made, audience: str) -> None:
    first = search_documents(project.catalog(), audience)
    assert len(made) == len(first) > 0
    made.clear()
    catalog = project.catalog()
    again = search_documents(catalog, audience)
    assert made == []
    assert again == uncached(catalog, audience)
    assert all(isinstance(doc["page"], bytes) and isinstance(words, set) for doc, words in again)


def test_a_body_edit_makes_only_that_articles_document_again(project, made) -> None:
    before = by_key(search_documents(project.catalog(), "internal"))
    made.clear()
    edit(project.root / "docs/es/spei/returns.md", "Cuenta bloqueada", "Cuenta congelada por el banco")
    catalog = project.catalog()
    after = search_documents(catalog, "internal")
    assert made == ["es:spei/returns"]
    assert after == uncached(catalog, "internal")
    changed = {key for key, value in by_key(after).items() if before.get(key) != value}
    assert changed == {"es:spei/returns"}
    assert "congel" in by_key(after)["es:spei/returns"][0]["doc"]["zones"]["body"]


@pytest.mark.parametrize("change, key, shows", [
    # another article's title and summary, in the overview's section list
    (("docs/en/spei/returns.md", "title: SPEI returns and their codes", "title: Returned SPEI transfers explained"),
     "en:spei/overview", " explain"),
    # a fact value the overview states
    (("data/platform.yml", "3.6 %", "4.2 %"), "en:spei/overview", " 4 "),
    # a tag label, in every tagged article's meta zone
    (("data/taxonomy.yml", "es: Devoluciones", "es: Reembolsos"), "es:spei/overview", " reembols"),
])
def test_a_change_elsewhere_in_the_catalog_gives_the_documents_of_a_run_without_cache(project, change, key, shows) -> None:
    before = by_key(search_documents(project.catalog(), "internal"))
    edit(project.root / change[0], change[1], change[2])
    catalog = project.catalog()
    assert not catalog.errors, catalog.errors
    after = search_documents(catalog, "internal")
    assert after == uncached(catalog, "internal")
    assert after != list(before.values())  # the change does reach the documents
    zones = by_key(after)[key][0]["doc"]["zones"]
    assert shows in " ".join(zones.values()), zones


def test_the_audience_is_part_of_the_key(project) -> None:
    project.article("spei/mixed", "en", "Public part.\n\n<!-- internal -->\nSecret step zzqx.\n<!-- /internal -->\n")
    public = by_key(search_documents(project.catalog(), "public"))
    internal = by_key(search_documents(project.catalog(), "internal"))
    assert "zzqx" not in public["en:spei/mixed"][0]["doc"]["zones"]["body"]
    assert "zzqx" in internal["en:spei/mixed"][0]["doc"]["zones"]["body"]
    assert "en:procedures/fraud-rings" in internal and "en:procedures/fraud-rings" not in public
    assert cache_file(project.root, "public") != cache_file(project.root, "internal")


def test_both_indexes_of_a_build_share_one_computation(project, made, tmp_path) -> None:
    catalog = project.catalog()
    write_static_index(catalog, "internal", tmp_path / "site")
    build_index(catalog, "internal")
    assert len(made) == len(set(made)) == len(uncached(catalog, "internal"))


@pytest.mark.parametrize("damage", ["{not json", json.dumps({"context": "x", "entries": []}),
                                    "entries-with-a-bad-shape"])
def test_a_damaged_cache_gives_the_documents_of_a_run_without_cache(project, made, damage: str) -> None:
    search_documents(project.catalog(), "internal")
    path = cache_file(project.root, "internal")
    if damage == "entries-with-a-bad-shape":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["entries"] = {key: {"fields": 3} for key in data["entries"]}
        damage = json.dumps(data)
    path.write_text(damage, encoding="utf-8")
    made.clear()
    catalog = project.catalog()
    assert search_documents(catalog, "internal") == uncached(catalog, "internal")
    assert len(made) == len(uncached(catalog, "internal"))


def test_each_audience_keeps_its_own_cache(project) -> None:
    search_documents(project.catalog(), "internal")
    search_documents(project.catalog(), "public")
    internal, public = (json.loads(cache_file(project.root, a).read_text(encoding="utf-8"))["entries"]
                        for a in ("internal", "public"))
    assert len(internal) > len(public) > 0  # internal articles in the internal cache only
    assert not set(internal) & set(public)  # the audience is in the key


def test_a_clean_build_computes_every_document_again(project, made) -> None:
    catalog = project.catalog()
    search_documents(catalog, "internal")
    made.clear()
    ran = project.kb("build", "--audience", "internal", "--clean")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    # every document made again, once for both indexes of the build; then kept again
    assert sorted(made) == sorted(doc["key"] for doc, _ in uncached(catalog, "internal"))
    made.clear()
    ran = project.kb("build", "--audience", "internal")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert made == []


def test_kb_search_after_an_edit_answers_as_after_a_clean_index(project) -> None:
    from kb.search.files import index_root
    from kb.search.searcher import SearchIndex

    queries = ["cuenta congelada", "devolucion spei", "spei returns codes", "chargeback deadline", "51", "overview"]

    def answers(audience: str) -> list:
        index = SearchIndex(index_root(project.root) / audience)
        return [[(h.id, h.lang, h.score, h.anchor, h.snippet) for h in index.search(q).hits] for q in queries]

    assert project.kb("index").returncode == 0
    edit(project.root / "docs/es/spei/returns.md", "Cuenta bloqueada", "Cuenta congelada por el banco")
    assert project.kb("index").returncode == 0  # from the kept documents but one
    kept = {audience: answers(audience) for audience in ("public", "internal")}
    for audience in ("public", "internal"):
        cache_file(project.root, audience).unlink()
    assert project.kb("index").returncode == 0  # every document made again
    assert kept == {audience: answers(audience) for audience in ("public", "internal")}
    assert kept["internal"][0] and kept["internal"][0][0][0] == "spei/returns"
