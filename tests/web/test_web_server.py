"""The real `kb web`: uvicorn with two worker processes on a free port of 127.0.0.1, over
HTTP: the internal site refused to anonymous requests, an identity header from an address
that is not a trusted proxy refused, a wrong Host refused, the headers, JSON access logs,
and a new build picked up while clients keep asking, with no failed request."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading

import httpx
from serving import kb_web

from test_web_access import INTERNAL_WORDS, internal_paths


def test_the_real_server_refuses_anonymous_requests_and_untrusted_identity_headers(web_project) -> None:
    with kb_web(web_project.root, "--workers", "2", "--trusted-proxy", "10.9.9.9") as (base, output):
        with httpx.Client(base_url=base) as client:
            paths = ["/internal/", "/internal/api/search?q=escalation", *internal_paths(web_project)[::3]]
            for path in paths:
                response = client.get(path, headers={"accept": "application/json"})
                assert response.status_code == 401, path
                assert not any(word in response.text for word in INTERNAL_WORDS)
            for header in ("X-Forwarded-User", "X-Auth-Request-Email"):
                forged = client.get("/internal/procedures/escalation/", headers={header: "ana"})
                assert forged.status_code == 403 and "Escalation" not in forged.text
            assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
            home = client.get("/")
            assert home.status_code == 200
            for name in ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"):
                assert name in home.headers, name
            assert client.get("/api/search", params={"q": "spei 4111111111111111"}).status_code == 200
    lines = [json.loads(line) for line in output if line.startswith("{")]
    assert {line["status"] for line in lines} >= {200, 400, 401, 403}
    assert len({line["pid"] for line in lines}) >= 1
    assert not any("4111111111111111" in line for line in output)


def test_a_trusted_proxys_identity_header_opens_the_internal_site(web_project) -> None:
    with kb_web(web_project.root, "--workers", "1", "--trusted-proxy", "127.0.0.1",
                "--identity-header", "X-Auth-Request-Email") as (base, _):
        page = httpx.get(f"{base}/internal/procedures/escalation/", headers={"X-Auth-Request-Email": "ana@example.mx"})
        assert page.status_code == 200 and "Escalation procedure" in page.text


def test_a_new_build_is_picked_up_with_no_failed_request(web_project, tmp_path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(web_project.root, root, symlinks=True)
    article = root / "docs" / "en" / "spei" / "returns.md"
    with kb_web(root, "--workers", "2", "--api-rate", "0") as (base, _):
        failures: list[str] = []
        counts = {"requests": 0}
        stop = threading.Event()

        def ask() -> None:
            with httpx.Client(base_url=base, timeout=120) as client:  # slow on a loaded machine is not failed
                while not stop.is_set():
                    for path in ("/", "/spei/returns/", "/es/spei/returns/", "/api/search?q=spei", "/assets/javascripts/bundle.a5f9d56c.min.js"):
                        try:
                            response = client.get(path)
                            if response.status_code != 200 and not (path.startswith("/assets") and response.status_code == 404):
                                failures.append(f"{path}: {response.status_code}")
                        except httpx.HTTPError as exc:
                            failures.append(f"{path}: {exc!r}")
                        counts["requests"] += 1
                    stop.wait(0.02)  # steady traffic, not a flood that starves the build on a shared machine

        threads = [threading.Thread(target=ask) for _ in range(3)]
        for thread in threads:
            thread.start()
        try:
            article.write_text(article.read_text().replace("title: SPEI returns", "title: SPEI returns, rebuilt"))
            built = subprocess.run([sys.executable, "-m", "kb_app.cli", "-f", str(root / "mkdocs.yml"), "build", "--audience",
                                    "public"], cwd=root, capture_output=True, text=True, timeout=300)
            assert built.returncode == 0, built.stdout + built.stderr
            during = counts["requests"]
            page = httpx.get(f"{base}/spei/returns/", timeout=30)
            assert "SPEI returns, rebuilt" in page.text
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        assert during > 50, during
        assert failures == [], failures[:10]
