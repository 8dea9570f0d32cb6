"""Checks across articles: translations, links, audiences, review dates."""

from __future__ import annotations

import datetime as dt

from kb.problems import Severity


def codes(catalog):
    return {(p.file, p.code, p.severity) for p in catalog.problems}


def test_missing_translation_is_a_warning_and_an_error_when_strict(project):
    project.article("spei/returns", "en")
    warning = ("docs/en/spei/returns.md", "missing-translation", Severity.WARNING)
    error = ("docs/en/spei/returns.md", "missing-translation", Severity.ERROR)
    assert warning in codes(project.catalog())
    assert error in codes(project.catalog(strict=True))


def test_missing_translation_of_a_draft_stays_a_warning_when_strict(project):
    project.article("spei/returns", "en", status="draft")
    assert ("docs/en/spei/returns.md", "missing-translation", Severity.WARNING) in codes(project.catalog(strict=True))


def test_language_versions_must_agree_on_audience(project):
    project.article("spei/returns", "en", audience="internal")
    project.article("spei/returns", "es", audience="public")
    mismatch = [p for p in project.catalog().problems if p.code == "translation-mismatch"]
    assert len(mismatch) == 1 and mismatch[0].field == "audience"


def test_public_article_linking_to_internal_is_an_error_unless_in_an_internal_block(project):
    project.pair("procedures/escalation", audience="internal", tags=["escalation"])
    project.pair("spei/returns", body="See [escalation](../procedures/escalation.md).\n")
    errors = [p for p in project.catalog().errors if p.code == "public-links-internal"]
    assert {p.file for p in errors} == {"docs/en/spei/returns.md", "docs/es/spei/returns.md"}
    text = (project.root / errors[0].file).read_text(encoding="utf-8").splitlines()
    assert "escalation.md" in text[errors[0].line - 1] and "internal" in errors[0].message

    project.pair("spei/returns", body="<!-- internal -->\nSee [escalation](../procedures/escalation.md).\n<!-- /internal -->\n")
    assert project.catalog().errors == []


def test_broken_link(project):
    project.pair("spei/returns", body="See [nothing](nothing.md#x).\n")
    broken = [p for p in project.catalog().errors if p.code == "broken-link"]
    assert len(broken) == 2 and "docs/en/spei/nothing.md" in broken[0].message


def test_unclosed_internal_block(project):
    project.pair("spei/returns", body="<!-- internal -->\nsecret\n")
    assert {p.code for p in project.catalog().errors} == {"unclosed-internal"}


def test_review_overdue_is_a_warning(project):
    reviewed = dt.date.today() - dt.timedelta(days=40)
    project.pair("spei/returns", last_reviewed=reviewed.isoformat(), review_every=30)
    overdue = [p for p in project.catalog().problems if p.code == "review-overdue"]
    assert len(overdue) == 2 and all(p.severity is Severity.WARNING for p in overdue)
    assert (reviewed + dt.timedelta(days=30)).isoformat() in overdue[0].message


def test_published_public_article_without_sources_or_links_is_warned(project):
    project.pair("spei/returns", sources=None)
    found = {p.code for p in project.catalog().warnings}
    assert {"no-sources", "no-links"} <= found


def test_related_must_exist(project):
    project.pair("spei/returns", related=["spei/nothing"])
    assert {p.code for p in project.catalog().errors} == {"unknown-related"}


def test_a_diagram_without_its_svg_is_an_error(project):
    project.pair("spei/returns", body="Intro.\n\n<!-- kb:diagram spei-flow -->\n")
    project.write("docs/en/assets/diagrams/spei-flow.svg", "<svg xmlns='http://www.w3.org/2000/svg'></svg>\n")
    [error] = project.catalog().errors
    assert error.code == "missing-diagram" and error.file == "docs/es/spei/returns.md"
    assert "docs/es/assets/diagrams/spei-flow.svg" in error.message
    lines = (project.root / error.file).read_text(encoding="utf-8").splitlines()
    assert "kb:diagram spei-flow" in lines[error.line - 1]
