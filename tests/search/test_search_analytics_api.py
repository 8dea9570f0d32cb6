"""The analytics of the search API, in process through Starlette's TestClient: each search
recorded (redacted) with its language and a token, the click on a result and the votes
posted to /api/events, bad events refused with a clear 4xx, writes rate-bounded."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from kb.analytics.store import MAX_COMMENT, AnalyticsStore
from kb.search.index import index_root
from kb_app.analytics_api import MAX_BODY, analytics_routes, SearchRecorder
from kb_app.leads_page import leads_routes
from kb_app.rate import RateLimit
from kb_app.search_api import search_routes
from kb_app.server import create_app

VISITOR = {"X-KB-Visitor": "0123456789abcdef"}


@pytest.fixture
def served(tmp_path, indexed, kb):
    """A TestClient of the app `kb serve` makes, with its store."""
    indexed()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html>home</html>", encoding="utf-8")
    store = AnalyticsStore(tmp_path / ".kb" / "analytics.sqlite3")
    rate = RateLimit(per_second=0.001, burst=30)
    routes = [*search_routes(lambda name: index_root(kb.root) / name, ("internal",), ("en", "es"),
                             record=SearchRecorder(store, rate)),
              *analytics_routes(store, ("internal",), ("en", "es"), rate), *leads_routes(store, ("en", "es"))]
    with TestClient(create_app(site, lambda: "1", routes), base_url="http://127.0.0.1") as client:
        yield client, store
    store.close()


def _post(client: TestClient, event: dict):
    return client.post("/api/events", content=json.dumps(event), headers={"Content-Type": "application/json"})


def test_a_search_is_recorded_redacted_and_its_click_too(served):
    client, store = served
    response = client.get("/api/search", params={"q": "devolucion 03 4242 4242 4242 4242", "page_lang": "es"}, headers=VISITOR)
    assert response.status_code == 200 and response.json()
    token = response.headers["X-KB-Search"]
    rows = store.db.execute("SELECT query, lang, audience, results, session FROM searches").fetchall()
    assert len(rows) == 1
    query, lang, audience, results, session = rows[0]
    assert query.startswith("devolucion ") and "[" in query  # the card redacted, however its run is read
    assert "4242 4242" not in query and "4242424242" not in query
    assert (lang, audience, results) == ("es", "internal", len(response.json()))
    assert session and session != VISITOR["X-KB-Visitor"]
    first = response.json()[0]["id"]
    assert _post(client, {"type": "click", "search": token, "article": first, "rank": 1}).status_code == 204
    assert store.db.execute("SELECT article, rank FROM clicks").fetchall() == [(first, 1)]


def test_the_probe_of_the_search_box_is_not_a_search(served):
    client, store = served
    assert client.get("/api/search", params={"q": ""}).status_code == 200
    assert "X-KB-Search" not in client.get("/api/search", params={"q": "  "}).headers
    assert store.db.execute("SELECT COUNT(*) FROM searches").fetchone() == (0,)


def test_a_vote_and_its_comment_are_stored_redacted(served):
    client, store = served
    event = {"type": "feedback", "article": "spei/returns", "lang": "es", "helpful": False,
             "comment": "no dice nada de mi caso, mi correo es ana@example.com", "visitor": "0123456789abcdef"}
    assert _post(client, event).status_code == 204
    assert store.db.execute("SELECT article, lang, helpful, comment FROM feedback").fetchall() == [
        ("spei/returns", "es", 0, "no dice nada de mi caso, mi correo es [email]")]


@pytest.mark.parametrize(("event", "status", "message"), [
    ({"type": "vote"}, 400, "type must be one of: click, feedback"),
    ({"type": "feedback", "article": "a/b", "lang": "fr", "helpful": True}, 400, "lang must be one of: en, es"),
    ({"type": "feedback", "article": "a/b", "lang": "en", "helpful": "yes"}, 400, "helpful must be true or false"),
    ({"type": "feedback", "article": "", "lang": "en", "helpful": True}, 400, "article must be a non-empty string"),
    ({"type": "feedback", "article": "a/b", "lang": "en", "helpful": True, "audience": "public"}, 400, "audience must be one of: internal"),
    ({"type": "feedback", "article": "a/b", "lang": "en", "helpful": True, "comment": "x" * (MAX_COMMENT + 1)}, 400,
     f"comment must be at most {MAX_COMMENT} characters"),
    ({"type": "click", "search": "nope", "article": "a/b", "rank": 1}, 404, "no such search"),
    ({"type": "click", "search": "nope", "article": "a/b", "rank": 0}, 400, "rank must be a whole number from 1 to 50"),
    ({"type": "click", "search": "nope", "article": "a/b", "rank": True}, 400, "rank must be"),
])
def test_bad_events_get_a_clear_error_and_store_nothing(served, event, status, message):
    client, store = served
    response = _post(client, event)
    assert response.status_code == status and message in response.json()["error"]
    assert store.db.execute("SELECT COUNT(*) FROM feedback").fetchone() == (0,)


def test_only_small_json_objects_are_taken(served):
    client, _ = served
    as_text = client.post("/api/events", content='{"type": "click"}', headers={"Content-Type": "text/plain"})
    assert as_text.status_code == 415 and "application/json" in as_text.json()["error"]
    huge = _post(client, {"type": "feedback", "comment": "x" * MAX_BODY})
    assert huge.status_code == 413 and "at most 4 KB" in huge.json()["error"]
    for body, message in [("{not json", "not valid JSON"), ("[1, 2]", "a JSON object"), ("\xff", "not valid JSON")]:
        response = client.post("/api/events", content=body.encode("latin-1"), headers={"Content-Type": "application/json"})
        assert response.status_code == 400 and message in response.json()["error"]


def test_writes_beyond_the_rate_are_refused_and_searches_still_answer(served):
    client, store = served
    event = {"type": "feedback", "article": "a/b", "lang": "en", "helpful": True}
    codes = [_post(client, event).status_code for _ in range(40)]
    assert codes.count(204) == 30 and codes[30:] == [429] * 10  # the bucket holds 30; it refills very slowly here
    response = client.get("/api/search", params={"q": "devolucion"})
    assert response.status_code == 200 and response.json() and "X-KB-Search" not in response.headers
    assert store.db.execute("SELECT COUNT(*) FROM feedback").fetchone() == (30,)


def test_the_leads_page_shows_the_searches_and_the_votes_escaped(served):
    client, _ = served
    client.get("/api/search", params={"q": "<script>alert(1)</script> zzzqqq", "page_lang": "en"})
    _post(client, {"type": "feedback", "article": "spei/returns", "lang": "en", "helpful": False, "comment": "<b>old</b> fee"})
    page = client.get("/_kb/analytics", params={"lang": "es"})
    assert page.status_code == 200 and '<html lang="es">' in page.text
    assert "Consultas sin resultados" in page.text and "spei/returns" in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text and "&lt;b&gt;old" in page.text
