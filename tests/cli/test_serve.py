"""`kb serve`: builds, serves over HTTP on 127.0.0.1, and rebuilds when an article changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gave up after {seconds} s")


def test_serve_builds_serves_and_rebuilds_on_change(project):
    project.pair("spei/returns", body="First version kk1. [h](../index.md)\n")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kb.cli", "-f", str(project.root / "mkdocs.yml"), "serve", "--port", str(port)],
                              cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        page = wait_for(lambda: httpx.get(f"{base}/spei/returns/").text)
        assert "First version kk1" in page and "/_kb/version" in page  # live reload script is there
        version = httpx.get(f"{base}/_kb/version").text
        assert httpx.get(f"{base}/es/spei/returns/").status_code == 200

        project.article("spei/returns", "en", body="Second version kk2. [h](../index.md)\n")
        wait_for(lambda: httpx.get(f"{base}/_kb/version").text != version)
        assert "Second version kk2" in httpx.get(f"{base}/spei/returns/").text
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output, output
