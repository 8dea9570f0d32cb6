"""GET /api/search: in process through Starlette's TestClient, and once on a real uvicorn
server on 127.0.0.1 as `kb serve` serves it (a burst of concurrent clients)."""

import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from starlette.testclient import TestClient

from kb_app.commands.search import open_index, results_json
from kb_app.search_api import search_routes
from kb.search.index import index_root
from kb_app.server import create_app


def app_of(tmp_path, root, audiences):
    """The app of `kb serve`: a tiny site, the version route and the search routes."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("<html>home</html>", encoding="utf-8")
    return create_app(site, lambda: "1", search_routes(lambda name: index_root(root) / name, audiences, ("en", "es")))


@pytest.fixture
def client(tmp_path):
    """A function taking the project root and the audiences, returning a TestClient of the app."""
    clients = []

    def make(root, audiences=("internal",)):
        clients.append(TestClient(app_of(tmp_path, root, audiences), base_url="http://127.0.0.1"))  # loopback: kb serve refuses other hosts
        return clients[-1]

    yield make
    for made in clients:
        made.close()


@pytest.fixture
def serve(tmp_path):
    """Start the app of `kb serve` with the search routes; yields a function taking the
    index folder and the audiences, returning the base URL."""
    servers = []

    def start(root, audiences=("internal",)):
        app = app_of(tmp_path, root, audiences)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        servers.append((server, thread, sock))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, thread, sock in servers:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_same_json_as_kb_search(indexed, kb, client):
    indexed()
    api = client(kb.root)
    response = api.get("/api/search", params={"q": "devolucion 03", "lang": "es", "limit": 3})
    assert response.status_code == 200
    expected = json.loads(results_json(open_index(kb.root, "internal").search("devolucion 03", lang="es", limit=3)))
    assert response.json() == expected
    assert response.json()[0]["row"] == "03"


def test_bad_parameters_are_400(indexed, kb, client):
    indexed()
    api = client(kb.root)
    for params, message in [({"q": "x", "lang": "fr"}, "lang must be one of"),
                            ({"q": "x", "limit": "many"}, "limit must be"),
                            ({"q": "x", "limit": "0"}, "limit must be"),
                            ({"q": "x", "audience": "public"}, "audience must be one of: internal")]:
        response = api.get("/api/search", params=params)
        assert response.status_code == 400 and message in response.json()["error"]


def test_public_server_never_searches_internal(indexed, kb, client):
    indexed()
    api = client(kb.root, ("public",))
    assert api.get("/api/search", params={"q": "fraud rings", "audience": "internal"}).status_code == 400
    hits = api.get("/api/search", params={"q": "fraud rings escalation"}).json()
    assert not [h for h in hits if h["id"].startswith("procedures/")]


def test_no_index_is_503_then_works_once_built(kb, client):
    api = client(kb.root)
    response = api.get("/api/search", params={"q": "spei"})
    assert response.status_code == 503 and "kb index" in response.json()["error"]
    from kb.search.index import build_index

    build_index(kb.catalog(), "internal")
    assert api.get("/api/search", params={"q": "spei"}).json()


def test_did_you_mean_header_and_empty_query(indexed, kb, client):
    indexed()
    api = client(kb.root)
    response = api.get("/api/search", params={"q": "xargebak"})
    assert response.json() == [] and response.headers["X-KB-Did-You-Mean"] == "chargeback"
    assert api.get("/api/search").json() == []
    assert api.get("/api/search", params={"q": '"OR OR *' + "x" * 10_000}).status_code == 200


def test_burst_of_concurrent_requests(indexed, kb, serve):
    """200 searches from 16 clients at once: every one answered, none failed."""
    indexed()
    base = serve(kb.root)
    queries = ["devolucion 03", "chargebak", "51", "contracargo", "tracking key", '"cuenta bloqueada"', "*", "spei"]

    def ask(number: int) -> tuple[int, object]:
        with httpx.Client(timeout=30) as client:
            response = client.get(f"{base}/api/search", params={"q": queries[number % len(queries)]})
            return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(ask, range(200)))
    assert [status for status, _ in answers] == [200] * 200
    assert all(isinstance(body, list) for _, body in answers)
    assert answers[0][1] == answers[len(queries)][1]  # the same query, the same answer
