"""`kb serve` with ticket exports: the stubs written by the first build, and a rebuild
after an edit, settle: the server does not rebuild again and again."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from tickets.exports import T, freshdesk_csv

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, seconds: float = 90.0):
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


def test_serve_writes_stubs_once_and_settles_after_a_rebuild(project) -> None:
    project.pair("spei/returns", body="First version. [h](../index.md)\n")
    (project.root / "tickets").mkdir()
    freshdesk_csv(project.root / "tickets/export.csv", [T(str(n), "Me cobraron dos veces", ["cobro_doble"]) for n in range(6)])
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kb.cli", "-f", str(project.root / "mkdocs.yml"), "serve", "--port", str(port)],
                              cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    stub = project.root / "docs/en/drafts/cobro-doble.md"
    try:
        assert "Me cobraron dos veces" in wait_for(lambda: httpx.get(f"{base}/drafts/cobro-doble/").text)
        written = stub.stat().st_mtime_ns
        version = httpx.get(f"{base}/_kb/version").text
        project.article("spei/returns", "en", body="Second version. [h](../index.md)\n")
        settled = wait_for(lambda: (v := httpx.get(f"{base}/_kb/version").text) != version and v)
        time.sleep(12)  # a rebuild loop would have rebuilt (a build takes 2 to 5 s here) several times by now
        assert httpx.get(f"{base}/_kb/version").text == settled
        assert stub.stat().st_mtime_ns == written  # the stub was not rewritten by the rebuild
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output, output
