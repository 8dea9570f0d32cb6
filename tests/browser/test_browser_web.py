"""`kb web` in Chromium, on the real articles built as it serves them (`kb build --web`, in a
copy of the project): the login page, signing in and out, the internal site's search box
on its API, and real pages of both sites passing the Content-Security-Policy with no console
error (a blocked inline script is one)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from serving import kb_web

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long password for tests"


@pytest.fixture(scope="session")
def web_real(pytestconfig, tmp_path_factory):
    """The real articles built for kb web in a copy of the project, served by kb web (2 workers)."""
    root = tmp_path_factory.mktemp("web-real") / "kb"
    root.mkdir()
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shared = pytestconfig.pluginmanager.get_plugin(str(ROOT / "tests" / "conftest.py"))
    ran = shared.Project.kb(type("P", (), {"root": root})(), "build", "--web")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    from kb_app.users import add_user

    add_user(root / ".kb" / "users.json", "ana", PASSWORD)
    with kb_web(root, "--workers", "2") as (base, _):
        yield root, base


def sitemap_pages(root: Path, audience: str, base: str, count: int) -> list[str]:
    text = (root / "site" / audience / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", text)
    step = max(1, len(locations) // count)
    return [base + re.sub(r"^https?://[^/]+", "", loc) for loc in locations[::step][:count]]


def sign_in(page: Page, base: str, target: str) -> None:
    page.goto(base + target)
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.fill("#user", "ana")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(base + target)


def test_signing_in_and_out_in_chromium(web_real, page: Page) -> None:
    root, base = web_real
    page.goto(base + "/internal/es/")
    expect(page).to_have_url(re.compile(r"/login\?next=/internal/es/"))
    expect(page.locator("h1")).to_have_text("Inicie sesión en la base de conocimiento de agentes")
    page.fill("#user", "ana")
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    expect(page.locator(".error")).to_contain_text("no coinciden")
    page.fill("#user", "ana")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(base + "/internal/es/")
    cookie = next(c for c in page.context.cookies() if c["name"] == "kb_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    # the internal site's search box asks its own API, under /internal/, and links inside it
    page.wait_for_selector("html[data-kb-search=api]", state="attached")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("spei devolucion")
    box.press("End")
    page.wait_for_selector("li[data-kb-hit]", state="attached")
    hits = page.locator("li[data-kb-hit] > a").evaluate_all("links => links.map(a => a.pathname)")
    assert hits and all(hit.startswith("/internal/") for hit in hits), hits
    page.goto(base + hits[0])
    expect(page.locator("article h1")).to_be_visible()
    page.goto(base + "/internal/es/")
    page.click("[data-kb-signout]")  # every internal page links to the sign-out, in its language
    expect(page.locator("h1")).to_have_text("Cerrar sesión")
    page.click("button[type=submit]")
    expect(page.locator(".note")).to_have_text("Cerró sesión.")
    page.goto(base + "/internal/")
    expect(page).to_have_url(re.compile(r"/login\?next=/internal/"))


def test_real_pages_pass_the_content_security_policy(web_real, page: Page, page_log) -> None:
    root, base = web_real
    sign_in(page, base, "/internal/")
    pages = sitemap_pages(root, "public", base, 6) + sitemap_pages(root, "internal", base, 8)
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        assert "sha256-" in response.headers["content-security-policy"], url
        page.wait_for_load_state("load")
        expect(page.locator("header .md-header__title")).to_be_visible()
    missing = base + "/internal/es/no-such-page/"
    page_log.expect_not_found(missing)
    assert page.goto(missing).status == 404
    expect(page.locator("[data-kb-not-found] section:not([hidden]) h1")).to_have_text("Página no encontrada")
    assert page_log.console_errors == []
