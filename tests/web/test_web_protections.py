"""The protections of `kb web` around every response, in process: the Host allow-list (and
`kb serve`'s), security headers and each page's script hashes, the API rate limit, and the
access log, which never holds a query unredacted."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re

from starlette.testclient import TestClient

from web_fixture import web_config


def test_a_wrong_host_is_refused_and_an_allowed_one_answered(client_for) -> None:
    client = client_for(allowed_hosts=("kb.example.mx",))
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/search?q=spei", headers={"host": "127.0.0.1.evil.example:8080"}).status_code == 400
    assert client.get("/", headers={"host": ""}).status_code == 400
    for host in ("127.0.0.1:8080", "localhost", "[::1]:80", "KB.example.mx", "kb.example.mx:443"):
        assert client.get("/", headers={"host": host}).status_code == 200, host


def test_kb_serve_refuses_a_wrong_host_too(web_project) -> None:
    from kb_app.server import create_app

    app = create_app(web_project.root / "site" / "public", lambda: "1", allowed_hosts=("kb.local",))
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "kb.local:8000"}).status_code == 200
    assert client.get("/", headers={"host": "rebind.attacker.example"}).status_code == 400


def test_every_response_carries_the_security_headers(client_for) -> None:
    client = client_for()
    for path in ("/", "/es/", "/api/search?q=spei", "/healthz", "/login", "/no/such/page", "/internal/"):
        headers = client.get(path, follow_redirects=False).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin", path
        assert headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "server" not in headers, path
    assert client.get("/api/search?q=spei").headers["content-security-policy"].startswith("default-src 'none'")


def test_a_page_may_run_exactly_its_own_inline_scripts(client_for) -> None:
    client = client_for()
    page = client.get("/es/spei/returns/")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page.text, re.DOTALL)
    assert inline, "Material's pages have inline scripts"
    policy = page.headers["content-security-policy"]
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    wanted = {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'" for body in inline}
    assert set(script_src.split()[2:]) == wanted
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    missing = client.get("/no/such/page/")  # the site's 404 page has its own scripts
    assert missing.status_code == 404 and "sha256-" in missing.headers["content-security-policy"]


def test_the_api_is_rate_limited_per_client(client_for) -> None:
    client = client_for(api_rate=1, api_burst=3)
    answers = [client.get("/api/search", params={"q": "spei"}) for _ in range(5)]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert answers[3].status_code == 429 and int(answers[3].headers["retry-after"]) >= 1
    assert client.get("/es/").status_code == 200  # pages are not limited
    other = client_for(api_rate=1, api_burst=3)
    assert other.get("/api/search", params={"q": "spei"}).status_code == 200  # another app, other buckets


def test_the_access_log_is_json_lines_without_personal_data(web_project, tmp_path) -> None:
    from kb_app.web.app import create_app
    from kb_app.web import accesslog

    stream = io.StringIO()
    app = create_app(web_config(web_project, access_log=True, state_dir=tmp_path))
    for middleware in app.user_middleware:
        if middleware.cls is accesslog.AccessLog:
            middleware.kwargs["stream"] = stream
    client = TestClient(app, base_url="http://127.0.0.1")
    client.get("/api/search", params={"q": "cargo tarjeta 4111 1111 1111 1111 ana@correo.mx", "lang": "es"})
    client.get("/es/spei/returns/")
    client.get("/internal/", follow_redirects=False)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["path"] for line in lines] == ["/api/search", "/es/spei/returns/", "/internal/"]
    assert [line["status"] for line in lines] == [200, 200, 401]
    text = stream.getvalue()
    assert "4111" not in text.replace("****1111", "") and "ana@correo.mx" not in text
    assert "[email]" in lines[0]["q"] and "cargo tarjeta" in lines[0]["q"]
    assert all({"time", "method", "status", "ms", "bytes", "client", "user", "pid"} <= line.keys() for line in lines)


def test_healthz_names_what_is_missing(client_for, tmp_path) -> None:
    client = client_for(index_root=tmp_path / "no-index")
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "missing", "missing": ["public index", "internal index"]}
