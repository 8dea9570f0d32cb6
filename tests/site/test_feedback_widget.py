"""Where "Was this helpful?" appears: under articles of a site built to be served by the
project's server (internal or public), never in a statically hosted build, never on a
section page; the leads' page is never in a site folder."""

from __future__ import annotations

from pathlib import Path

from kb_mkdocs.site import build_site

WIDGET = "data-kb-feedback="


def _built(project, audience: str, served: bool) -> Path:
    out = project.root / "site" / f"{audience}-{'served' if served else 'static'}"
    build_site(project.root / "mkdocs.yml", audience, out, strict=False, search_api=served)
    return out


def test_served_builds_ask_under_each_article_and_static_builds_never(project):
    project.pair("spei/returns")
    project.pair("procedures/escalation", audience="internal", tags=["escalation"])
    served = _built(project, "internal", served=True)
    page = (served / "es" / "procedures" / "escalation" / "index.html").read_text(encoding="utf-8")
    assert f'{WIDGET}"procedures/escalation"' in page
    assert "Was this article helpful?" in page and "Le result" in page  # both languages, for the page's script (Chromium test: Spanish shown)
    assert WIDGET not in (served / "index.html").read_text(encoding="utf-8")  # the home page is not an article
    public_served = _built(project, "public", served=True)
    assert f'{WIDGET}"spei/returns"' in (public_served / "spei" / "returns" / "index.html").read_text(encoding="utf-8")
    static = _built(project, "public", served=False)
    every_page = "".join(path.read_text(encoding="utf-8") for path in static.rglob("*.html"))
    assert WIDGET not in every_page and "/api/events" not in every_page
    for site in (served, public_served, static):
        assert not list(site.rglob("*analytics*"))
