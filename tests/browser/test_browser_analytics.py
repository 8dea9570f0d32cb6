"""Search analytics and "Was this helpful?" as an agent uses them, on `kb serve` (the real
command) in Chromium: a search typed in the box, a result opened, a vote with a comment;
then `kb report` shows the query, the click and the vote, and nothing stored holds the
card number, email or phone planted in the query and the comment."""

from __future__ import annotations

import json
import time

import pytest
from browser_pages import Site
from playwright.sync_api import Page, expect
from test_browser_serve import api_search

from kb.analytics.store import database_path

pytestmark = pytest.mark.browser
QUERY, ARTICLE = "matriz escalamiento", "procedures/escalation"
CARD, EMAIL, PHONE = "4242 4242 4242 4242", "ana.perez@example.mx", "+52 55 1234 5678"
PLANTED = [b"4242 4242", b"4242424242424242", b"ana.perez", b"example.mx", b"1234 5678", b"5512345678"]


def _report(project, kind: str) -> dict:
    ran = project.kb("report", kind, "--json")
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def _eventually(check, seconds: float = 15.0):  # noqa: ANN001, ANN202 - a function returning a value or None
    """The first true value of `check`: the click travels in a beacon while the page changes."""
    deadline = time.monotonic() + seconds
    while not (value := check()):
        assert time.monotonic() < deadline, "the server never recorded it"
        time.sleep(0.2)
    return value


def _top_line(project, query: str) -> dict | None:
    report = _report(project, "searches")
    lines = [line for lang in report["languages"] if lang["lang"] == "es" for line in lang["top"]]
    return next((line for line in lines if line["query"] == query and line["opened"]), None)


def test_a_search_its_click_and_a_vote_reach_kb_report_without_personal_data(served_internal: Site, page: Page,
                                                                               fixture_project):
    page.goto(served_internal.page_url("index", "es"))
    api_search(page, f"cancelar {CARD} {EMAIL}")  # pasted by mistake: stored redacted
    page.goto(served_internal.page_url("index", "es"))
    hits = api_search(page, QUERY)
    assert hits[0] == f"/es/{ARTICLE}/"
    page.locator("li[data-kb-hit] > a").first.click()
    page.wait_for_url(f"**/es/{ARTICLE}/")

    line = _eventually(lambda: _top_line(fixture_project, QUERY))
    assert line["top_opened"] == ARTICLE and line["results"] >= 1

    widget = page.get_by_role("region", name="¿Le resultó útil este artículo?")
    expect(widget).to_be_visible()
    widget.get_by_role("button", name="No").click()
    expect(widget.get_by_role("status")).to_have_text("Gracias: su respuesta quedó registrada.")
    expect(widget.get_by_role("button", name="No")).to_have_attribute("aria-pressed", "true")
    widget.get_by_label("¿Qué buscaba?", exact=False).fill(f"Falta el paso 3. Mi tarjeta {CARD}, correo {EMAIL}, tel {PHONE}")
    widget.get_by_role("button", name="Enviar comentario").click()
    expect(widget.get_by_role("status")).to_have_text("Gracias: su comentario se envió.")

    votes = _report(fixture_project, "feedback")["articles"]
    voted = next(article for article in votes if article["article"] == ARTICLE)
    assert (voted["lang"], voted["no"], voted["yes"]) == ("es", 1, 0)  # the comment changed the vote, not added one
    assert voted["comments"][0]["comment"].startswith("Falta el paso 3. Mi tarjeta [card ****4242], correo [email]")
    text = fixture_project.kb("report", "searches").stdout
    assert QUERY in text and f"most: {ARTICLE}" in text and "cancelar [card ****4242] [email]" in text

    stored = b"".join(path.read_bytes() for path in database_path(fixture_project.root).parent.iterdir() if path.is_file())
    for planted in PLANTED:
        assert planted not in stored, planted


def test_the_leads_page_is_on_the_internal_server_only(served_internal: Site, page: Page):
    page.goto(served_internal.url("_kb/analytics?lang=en"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What readers search and find helpful")
