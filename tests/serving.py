"""Running `kb serve` on a fixture project for a test: a free port on 127.0.0.1, and a
server that is always stopped, its output checked for tracebacks."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import httpx
import pytest

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate: Callable[[], T], seconds: float = 90.0) -> T:
    """The first true value of `predicate`, polled while the server starts or rebuilds."""
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


@contextmanager
def kb_serve(project) -> Iterator[str]:  # noqa: ANN001 - conftest's Project
    """`kb serve` for `project`; yields its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kb_app.cli", "-f", str(project.root / "mkdocs.yml"), "serve", "--port", str(port)],
                              cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output, output


@contextmanager
def kb_web(root, *args: str, env: dict[str, str] | None = None) -> Iterator[tuple[str, list[str]]]:  # noqa: ANN001 - a project folder
    """`kb web` for the project at `root` on a free port, with a session secret; yields its
    base URL and the lines it printed so far (read when it stops)."""
    import os

    import tempfile

    port = free_port()
    output: list[str] = []
    log = tempfile.TemporaryFile("w+", encoding="utf-8")  # not a pipe: a full pipe would block the server's access log
    server = subprocess.Popen([sys.executable, "-m", "kb_app.cli", "-f", str(root / "mkdocs.yml"), "web", "--port", str(port),
                               "--insecure-cookies", *args], cwd=root, stdout=log, stderr=subprocess.STDOUT,
                              text=True, env={**os.environ, "KB_WEB_SECRET": "t" * 40, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: server.poll() is not None or httpx.get(f"{base}/healthz").status_code == 200, 60)
        assert server.poll() is None, "kb web stopped"
        yield base, output
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        output.extend(log.read().splitlines())
        log.close()
    assert "Traceback" not in "\n".join(output), "\n".join(output)
