"""The index: what it holds for each audience, and rebuilding it while it is searched."""

import threading

import pytest

from kb.search.index import build_index, index_root
from kb.search.searcher import IndexUnavailable, SearchIndex

SECRET_WORDS = ["fraud rings", "escalation matrix", "risk desk", "draft fraud plan", "unfinished"]


def test_public_index_holds_no_internal_or_draft_article(indexed):
    public = indexed("public")
    everything = {hit.id for word in ["spei", "chargeback", "fraud", "rings", "plan", "escalation"]
                  for hit in public.search(word, limit=50).hits}
    assert "procedures/fraud-rings" not in everything and "procedures/draft-plan" not in everything
    for words in SECRET_WORDS:
        assert not [h for h in public.search(words).hits if h.id.startswith("procedures/")], words
    internal = {hit.id for hit in indexed("internal").search("fraud rings").hits}
    assert {"procedures/fraud-rings", "procedures/draft-plan"} <= internal


def test_public_index_drops_internal_blocks(kb):
    kb.article("spei/cep", "en", "Public words about the CEP.\n\n<!-- internal -->\nAsk the zorblax desk.\n<!-- /internal -->\n\n"
               "See [returns](returns.md).\n", title="CEP", tags=["spei"])
    catalog = kb.catalog()
    build_index(catalog, "public")
    build_index(catalog, "internal")
    assert not SearchIndex(index_root(kb.root) / "public").search("zorblax").hits
    assert [h.id for h in SearchIndex(index_root(kb.root) / "internal").search("zorblax").hits] == ["spei/cep"]


def test_no_index_yet_is_a_clear_error(project):
    with pytest.raises(IndexUnavailable, match="no search index"):
        SearchIndex(index_root(project.root) / "internal")


@pytest.mark.parametrize("info", ["[]", "{not json", "", "\"text\""])
def test_a_damaged_info_file_is_no_index_and_the_next_build_writes_it_whole(kb, info):
    build_index(kb.catalog(), "internal")
    folder = index_root(kb.root) / "internal"
    (folder / "info.json").write_text(info, encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="no search index"):
        SearchIndex(folder)
    assert build_index(kb.catalog(), "internal").rewritten is None
    assert SearchIndex(folder).search("spei").hits


def while_rebuilding(kb, ask) -> list:
    """`ask(index)`'s answers from 3 threads asking again and again while the index is rebuilt
    6 times (the test fails on any error a thread meets)."""
    catalog = kb.catalog()
    build_index(catalog, "internal")
    index = SearchIndex(index_root(kb.root) / "internal")
    errors, answers = [], []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                answers.append(ask(index))
            except Exception as exc:  # noqa: BLE001 - any failure is the test's finding
                errors.append(exc)

    threads = [threading.Thread(target=keep_asking) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(6):
            build_index(catalog, "internal")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors
    assert answers
    return answers


def test_rebuild_while_searching(kb):
    """Searches running while the index is rebuilt again and again all get whole answers."""
    answers = while_rebuilding(kb, lambda index: tuple(h.id for h in index.search("devolucion 03").hits[:1]))
    assert set(answers) == {("spei/returns",)}
    builds = sorted(p.name for p in index_root(kb.root).glob("internal.build-*"))
    assert len(builds) <= 2  # the current build and the one before it


def test_words_looked_up_outside_a_search_while_rebuilding(kb):
    """A ticket's suggestions read the vocabulary without the search's lock (their words,
    typos): the lexicon they hold stays readable while rebuilds swap in new ones."""

    def ask(index: SearchIndex) -> tuple:
        vocabulary = index.vocabulary  # as kb.suggest holds it, outside the lock
        return ("devolucion" in vocabulary, tuple(vocabulary.near("devoluzion", 1)[:1]), vocabulary.count("zorblax"),
                tuple(h.id for h in index.search("devolucion 03").hits[:1]))

    assert set(while_rebuilding(kb, ask)) == {(True, ("devolucion",), 0, ("spei/returns",))}


def test_each_rebuild_is_seen_by_the_next_search(kb):
    catalog = kb.catalog()
    build_index(catalog, "internal")
    index = SearchIndex(index_root(kb.root) / "internal")
    assert not index.search("zorblax").hits
    kb.article("spei/new", "en", "The zorblax transfer.\n\nSee [returns](returns.md).\n", title="New", tags=["spei"])
    build_index(kb.catalog(), "internal")
    assert [h.id for h in index.search("zorblax").hits] == ["spei/new"]


@pytest.mark.slow
def test_anchors_exist_in_the_built_pages(indexed, kb):
    """Every heading and row anchor the index gives is an id in the page the site built."""
    site = kb.build("internal")
    index = indexed()
    seen = 0
    for query in ["51", "422", "03", "devolucion 03", "deadlines", "plazos", "response codes", "causas de devolucion"]:
        for hit in index.search(query).hits:
            if hit.anchor:
                page = site / hit.url.strip("/") / "index.html"
                assert f'id="{hit.anchor}"' in page.read_text(encoding="utf-8"), (query, hit.url, hit.anchor)
                seen += 1
    assert seen >= 6


def test_answers_are_kept_per_query_until_the_index_is_rebuilt(kb, monkeypatch):
    """A query asked again (however it is typed) is answered from memory, per language and
    size, for the last ANSWERS distinct queries; a rebuild starts afresh."""
    from kb.search import searcher

    build_index(kb.catalog(), "internal")
    index = SearchIndex(index_root(kb.root) / "internal")
    ran = []
    real = index._search
    monkeypatch.setattr(index, "_search", lambda *args: ran.append(args[0].words) or real(*args))
    first = index.search("Devolución  03")
    assert index.search("devolucion 03") is first and len(ran) == 1  # the same words once folded
    assert index.search("devolucion 03", lang="es") is not first and len(ran) == 2
    assert [h.id for h in index.search("devolucion 03", limit=1).hits] == [h.id for h in first.hits[:1]]
    monkeypatch.setattr(searcher, "ANSWERS", 2)
    for query in ["spei", "clabe"]:  # two more: the first answers are forgotten
        index.search(query)
    ran.clear()
    index.search("Devolución 03")
    assert ran == [["devolucion", "03"]]
    kb.article("spei/returns-more", "en", "Devolucion 03 again.\n\nSee [returns](returns.md).\n", title="More", tags=["spei"])
    build_index(kb.catalog(), "internal")
    assert "spei/returns-more" in {h.id for h in index.search("devolucion 03").hits}


def test_kept_answers_without_waiting_or_searching(kb):
    """`kept` gives a kept answer at once, and None (never a wait) for a query not asked yet
    or while a search holds the index."""
    build_index(kb.catalog(), "internal")
    index = SearchIndex(index_root(kb.root) / "internal")
    assert index.kept("devolucion 03") is None
    answer = index.search("devolucion 03")
    assert index.kept("Devolución 03") is answer and index.kept("devolucion 03", lang="es") is None
    assert index.kept("   ").hits == []
    with index._lock:  # a search under way in another thread
        assert index.kept("devolucion 03") is None
    build_index(kb.catalog(), "internal")  # rebuilt: search opens the new index, kept reads no file
    assert index.kept("devolucion 03") is None
    again = index.search("devolucion 03")
    assert again is not answer and index.kept("devolucion 03") is again
