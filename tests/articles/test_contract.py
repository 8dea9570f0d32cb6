"""The article contract: each bad input is one clear problem naming file, line and field."""

from __future__ import annotations

import pytest

from kb.problems import Severity


def problems_of(project, path: str):
    return [p for p in project.catalog().problems if p.file == path]


def line_of(project, path: str, text: str) -> int:
    lines = (project.root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def only_error(project, path: str):
    errors = [p for p in problems_of(project, path) if p.is_error]
    assert len(errors) == 1, errors
    return errors[0]


def test_a_valid_pair_has_no_problem(project):
    project.pair("spei/returns", body="See [home](../index.md).\n")
    assert project.catalog().problems == []


def test_bad_yaml_names_the_line_and_never_raises(project):
    project.write("docs/en/spei/returns.md", "---\nid: spei/returns\ntitle: [unclosed\nsummary: x\n---\n\nText\n")
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.field == "front matter"
    assert "not valid YAML" in error.message
    assert error.line in (3, 4)
    assert error.fix


def test_no_front_matter_is_an_error(project):
    project.write("docs/en/spei/returns.md", "# Just a heading\n")
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.line == 1 and "front matter" in error.message


@pytest.mark.parametrize("field", ["id", "title", "summary", "type", "audience", "status", "tags", "owner", "last_reviewed"])
def test_each_missing_field_is_named(project, field):
    project.article("spei/returns", **{field: None})
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.field == field
    assert f"'{field}'" in error.message and "missing" in error.message
    assert field in error.fix


def test_unknown_tag_suggests_the_closest(project):
    project.article("spei/returns", tags=["spei", "chargeback"])
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.field == "tags" and "'chargeback'" in error.message
    assert "did you mean 'chargebacks'" in error.fix
    assert error.line == line_of(project, "docs/en/spei/returns.md", "tags:")


def test_unknown_type_lists_the_types(project):
    project.article("spei/returns", type="guide")
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.field == "type" and "'guide'" in error.message
    assert "how-to" in error.fix and "troubleshooting" in error.fix


@pytest.mark.parametrize("value, words, fix", [("2026-13-01", "is not a date", "YYYY-MM-DD"), ("last week", "is not a date", "YYYY-MM-DD"),
                                              ("2999-01-01", "in the future", "at the latest")])
def test_bad_dates(project, value, words, fix):
    project.article("spei/returns", last_reviewed=value)
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.field == "last_reviewed" and words in error.message
    assert fix in error.fix, error.fix


def test_id_must_match_the_path(project):
    project.article("spei/returns", id="spei/return")
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.field == "id" and "'spei/returns'" in error.message
    assert "id: spei/returns" in error.fix


def test_duplicate_id(project):
    project.article("spei/returns")
    project.write("docs/en/spei/copy.md", project.article("spei/returns").read_text().replace("spei/returns", "spei/returns", 1))
    # a second file claiming the same id (its path differs, so the id also mismatches its path)
    errors = project.catalog().errors
    assert {(p.file, p.code) for p in errors} == {("docs/en/spei/copy.md", "id-path"), ("docs/en/spei/returns.md", "duplicate-id")}
    duplicate = next(p for p in errors if p.code == "duplicate-id")
    assert "docs/en/spei/copy.md" in duplicate.message and duplicate.field == "id"


def test_summary_longer_than_200_characters(project):
    project.article("spei/returns", summary="x" * 201)
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.field == "summary" and "201" in error.message


def test_bad_review_every_and_sources(project):
    project.article("spei/returns", review_every="often", sources=[{"title": "No url"}])
    errors = [p for p in problems_of(project, "docs/en/spei/returns.md") if p.is_error]
    assert {p.field for p in errors} == {"review_every", "sources"}


def test_unknown_field_is_a_warning_with_a_suggestion(project):
    project.article("spei/returns", titel="Typo")
    [warning] = [p for p in problems_of(project, "docs/en/spei/returns.md") if p.code == "unknown-field"]
    assert warning.severity is Severity.WARNING and "did you mean 'title'" in warning.fix


def test_three_mistakes_give_three_messages(project):
    project.article("spei/returns", type="guide", tags=["nope"], last_reviewed="yesterday")
    errors = [p for p in problems_of(project, "docs/en/spei/returns.md") if p.is_error]
    assert sorted(p.field for p in errors) == ["last_reviewed", "tags", "type"]
    assert all(str(p).startswith("docs/en/spei/returns.md:") for p in errors)


def test_unknown_platform_fact(project):
    project.article("spei/returns", body="Fee: {{ platform.fees.card.percnt }}\n")
    error = only_error(project, "docs/en/spei/returns.md")
    assert error.code == "unknown-fact" and "platform.fees.card.percent" in error.fix
    assert error.line == line_of(project, "docs/en/spei/returns.md", "percnt")


def test_placeholders_render_per_language(project):
    from kb.render import page_markdown

    project.pair("spei/returns", body="{{ platform.fees.card.percent }} / {{ platform.payouts.card_days }}\n")
    catalog = project.catalog()
    assert "3.6 % / 3 business days" in page_markdown(catalog.get("spei/returns", "en"), catalog, "public")
    assert "3.6 % / 3 días hábiles" in page_markdown(catalog.get("spei/returns", "es"), catalog, "public")


def test_a_language_tab_resolves_facts_in_its_own_language(project):
    from kb.render import page_markdown

    reply = (
        '!!! reply "Ready reply"\n\n    === "Español"\n\n        ```text\n        En {{ platform.payouts.card_days }}.\n        ```\n\n'
        '    === "English"\n\n        ```text\n        In {{ platform.payouts.card_days }}.\n        ```\n\nThen {{ platform.payouts.card_days }}.\n'
    )
    project.pair("spei/returns", body=reply)
    catalog = project.catalog()
    text = page_markdown(catalog.get("spei/returns", "en"), catalog, "public")
    assert "En 3 días hábiles." in text and "In 3 business days." in text and "Then 3 business days." in text
