"""Browser tests: the public and internal sites are built once per session (of a small
fixture project and of the real content), served over HTTP on 127.0.0.1 as a static host
would serve them, and read in Debian's Chromium. Every page records each request and each
console error; a test fails if a page asked another host for anything or logged an error,
and a failing test leaves a screenshot in test-results/<test>/failure.png."""

from __future__ import annotations

import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from browser_pages import PageLog, Site, is_local, write_fixture_project
from playwright.sync_api import Page, expect

from kb.catalog import load_catalog
from kb_mkdocs.settings import load_settings
from kb_mkdocs.site import build_site

ROOT = Path(__file__).resolve().parents[2]
KB = Path(sys.executable).parent / "kb"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: Playwright cannot download its own browsers here."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed ({CHROMIUM}): ./scripts/test installs Debian's chromium "
                    "package; or run 'apt-get install chromium' as root")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """The files of a site folder; a missing address gets the site's 404.html with status
    404, as static hosts (and `kb serve`) do."""

    root: Path

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(self.root), **kwargs)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.root / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def _serve():
    """Serves sites on free ports of 127.0.0.1 until the session ends."""
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def serve(site: Site) -> Site:
        handler = type("Handler", (_StaticHandler,), {"root": site.folder})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, name=f"serve-{site.name}", daemon=True)
        thread.start()
        servers.append((server, thread))
        site.origin = f"http://127.0.0.1:{server.server_port}"
        return site

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _site(name: str, config: Path, audience: str, out: Path, serve) -> Site:
    build_site(config, audience, out)
    return serve(Site(name, audience, out, load_catalog(load_settings(config))))


@pytest.fixture(scope="session")
def fixture_project(pytestconfig, tmp_path_factory):
    """The fixture project, made with the `Project` helper of tests/conftest.py."""
    shared = pytestconfig.pluginmanager.get_plugin(str(ROOT / "tests" / "conftest.py"))
    project = shared.Project(tmp_path_factory.mktemp("browser") / "kb")
    write_fixture_project(project)
    return project


@pytest.fixture(scope="session")
def fixture_public(fixture_project, _serve) -> Site:
    return _site("fixture-public", fixture_project.root / "mkdocs.yml", "public", fixture_project.root / "site" / "public", _serve)


@pytest.fixture(scope="session")
def fixture_internal(fixture_project, _serve) -> Site:
    return _site("fixture-internal", fixture_project.root / "mkdocs.yml", "internal", fixture_project.root / "site" / "internal", _serve)


@pytest.fixture(scope="session")
def real_public(tmp_path_factory, _serve) -> Site:
    """The real knowledge base's public site (built aside, not in site/)."""
    return _site("real-public", ROOT / "mkdocs.yml", "public", tmp_path_factory.mktemp("real") / "public", _serve)


@pytest.fixture(scope="session")
def real_internal(tmp_path_factory, _serve) -> Site:
    return _site("real-internal", ROOT / "mkdocs.yml", "internal", tmp_path_factory.mktemp("real") / "internal", _serve)


def _version(origin: str) -> str | None:
    try:
        with urllib.request.urlopen(f"{origin}/_kb/version", timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


@pytest.fixture(scope="session")
def served_internal(fixture_project, tmp_path_factory):
    """`kb serve --audience internal` on a free port of 127.0.0.1, stopped at the end."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = fixture_project.root / "mkdocs.yml"
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(KB), "-f", str(config), "serve", "--audience", "internal", "--port", str(port)],
                                   stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    origin = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while _version(origin) in (None, "0"):
            assert process.poll() is None, f"kb serve stopped: {log.read_text()}"
            assert time.monotonic() < deadline, f"kb serve served nothing in 180 s: {log.read_text()}"
            time.sleep(0.2)
        yield Site("served-internal", "internal", fixture_project.root / "site", load_catalog(load_settings(config)), origin)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.kb_failed = report.failed
    return report


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(page: Page, page_log: PageLog, request, output_path) -> Page:
    """Playwright's page, recording every request (another host's are refused) and every
    console error; at the end a screenshot if the test failed, and a failure if a page
    logged an error or asked another host for anything."""
    page.context.on("request", lambda req: page_log.requests.append(req.url))
    page.context.route(lambda url: not is_local(url), lambda route: route.abort())
    page.on("console", page_log.on_console)
    page.on("pageerror", lambda error: page_log.console_errors.append(f"uncaught: {error}"))
    page.set_default_timeout(15_000)
    expect.set_options(timeout=10_000)
    yield page
    if getattr(request.node, "kb_failed", False):
        Path(output_path).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(output_path) / "failure.png"), full_page=True)
    if problems := page_log.problems():
        pytest.fail("the pages of this test were not clean:\n  " + "\n  ".join(problems), pytrace=False)
