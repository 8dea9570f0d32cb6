"""POST /api/suggest, in process (Starlette's TestClient): the suggestions as JSON, and a
clear 400 (or 413) for every bad request."""

import json

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kb.search.index import index_root
from kb_app.suggest_api import MAX_BODY, suggest_routes


@pytest.fixture
def client(shop):
    routes = suggest_routes(lambda name: index_root(shop.root) / name, ("internal",), ("en", "es"))
    return TestClient(Starlette(routes=routes))


def test_a_ticket_gets_articles_in_its_language_with_the_reply(client):
    answer = client.post("/api/suggest", json={"subject": "Pago rechazado",
                                               "description": "Hola, sale codigo 51 al pagar con tarjeta. Saludos, Ana"})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    data = answer.json()
    assert data["lang"] == "es"
    best = data["suggestions"][0]
    assert best["id"] == "payments/declines" and best["row"] == "51"
    assert best["link"] == best["url"] + "#" + best["anchor"]
    assert best["reply"] == "Hola, su depósito llega en 3 días hábiles."


def test_lang_and_limit(client):
    data = client.post("/api/suggest", json={"description": "codigo 51", "lang": "en", "limit": 1}).json()
    assert data["lang"] == "en" and len(data["suggestions"]) == 1 and data["suggestions"][0]["reply"].startswith("Hi")


@pytest.mark.parametrize(("body", "says"), [
    (b"not json", "not valid JSON"),
    (b"[1, 2]", "JSON object"),
    (json.dumps({"subject": 5}).encode(), "subject must be text"),
    (json.dumps({"description": ["a"]}).encode(), "description must be text"),
    (json.dumps({"subject": "", "description": "  "}).encode(), "subject or description"),
    (json.dumps({"description": "x", "lang": "fr"}).encode(), "lang must be one of: en, es"),
    (json.dumps({"description": "x", "limit": 0}).encode(), "limit must be"),
    (json.dumps({"description": "x", "limit": True}).encode(), "limit must be"),
    (json.dumps({"description": "x", "audience": "public"}).encode(), "audience must be one of: internal"),
    (json.dumps({"subject": "s" * 1001}).encode(), "subject is longer than 1,000"),
    (b"\xff\xfe", "not valid JSON"),
])
def test_bad_requests_say_what_is_wrong(client, body, says):
    answer = client.post("/api/suggest", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert says in answer.json()["error"]


def test_a_huge_body_is_refused_before_it_is_read(client):
    answer = client.post("/api/suggest", content=b'{"description": "' + b"a" * (MAX_BODY + 10) + b'"}')
    assert answer.status_code == 413 and "KB" in answer.json()["error"]


def test_only_post(client):
    assert client.get("/api/suggest").status_code == 405


def test_no_index_yet_is_a_503_saying_how(tmp_path, shop):
    routes = suggest_routes(lambda name: tmp_path / "none" / name, ("internal",), ("en", "es"))
    answer = TestClient(Starlette(routes=routes)).post("/api/suggest", json={"description": "51"})
    assert answer.status_code == 503 and "kb index" in answer.json()["error"]
