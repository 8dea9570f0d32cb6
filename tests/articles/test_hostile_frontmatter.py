"""Hostile front matter: every case is one clear problem (file, line, what, fix), quoted
briefly, and the rest of the run is still reported; never a traceback or a blow-up."""

from __future__ import annotations

import datetime as dt

import pytest

from kb import frontmatter

PATH = "docs/en/spei/returns.md"

ALIAS_BOMB = (
    "---\n"
    "id: spei/returns\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "tags: *h\n"
    "---\n\nText.\n"
)


def errors_of(project, path: str = PATH):
    return [p for p in project.catalog().problems if p.file == path and p.is_error]


def test_an_alias_bomb_is_refused_at_its_line(project):
    assert len(ALIAS_BOMB.encode()) < 500
    project.write(PATH, ALIAS_BOMB)
    [error] = errors_of(project)
    assert error.field == "front matter"
    assert "alias" in error.message or "anchor" in error.message
    assert error.line == 3  # the first anchor
    assert "anchor" in error.fix or "alias" in error.fix
    assert len(str(error)) < 400


def test_a_plain_alias_is_refused_too():
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.split("---\ntitle: &t Hello\nsummary: *t\n---\n")
    assert caught.value.line == 2


def test_a_huge_front_matter_is_refused_without_echoing_it(project):
    project.write(PATH, "---\nid: spei/returns\ntitle: " + "x" * 2_000_000 + "\n---\n\nText.\n")
    [error] = errors_of(project)
    assert error.field == "front matter" and "KB" in error.message
    assert len(str(error)) < 400


def test_deep_nesting_is_refused(project):
    project.write(PATH, "---\nid: spei/returns\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n\nText.\n")
    [error] = errors_of(project)
    assert error.field == "front matter" and "nest" in error.message
    assert error.line == 3


def test_nesting_past_the_bound_is_named(project):
    project.write(PATH, "---\nid: spei/returns\ntags: " + "[" * 11 + "]" * 11 + "\n---\n\nText.\n")
    [error] = errors_of(project)
    assert "more than 10 deep" in error.message and error.line == 3


def test_a_number_too_long_to_read_is_one_problem(project):
    project.article("spei/returns", review_every=int("9" * 100))
    project.write(PATH, (project.root / PATH).read_text().replace("9" * 100, "9" * 5000))
    [error] = errors_of(project)
    assert "digits" in error.message and len(str(error)) < 400


def test_a_huge_review_every_is_a_clear_problem_and_the_rest_is_still_reported(project):
    project.article("spei/returns", review_every=1_000_000_000, type="tutorial")
    problems = errors_of(project)
    fields = {p.field for p in problems}
    assert fields == {"review_every", "type"}, problems
    review = next(p for p in problems if p.field == "review_every")
    assert "1000000000" in review.message and "3650" in review.fix
    lines = (project.root / PATH).read_text().splitlines()
    assert review.line == next(n for n, line in enumerate(lines, 1) if line.startswith("review_every:"))


@pytest.mark.parametrize("value", [0, -5, 3651])
def test_review_every_out_of_range(project, value):
    project.article("spei/returns", review_every=value)
    [error] = errors_of(project)
    assert error.field == "review_every"


def test_review_every_at_the_bound_is_fine(project):
    project.article("spei/returns", review_every=3650)
    assert errors_of(project) == []


def test_an_implausibly_old_review_date_is_refused(project):
    project.article("spei/returns", last_reviewed="0001-01-01")
    [error] = errors_of(project)
    assert error.field == "last_reviewed" and "0001-01-01" in error.message and "2000" in error.message


def test_a_far_future_review_date_is_refused(project):
    project.article("spei/returns", last_reviewed="9999-12-31")
    [error] = errors_of(project)
    assert error.field == "last_reviewed" and "future" in error.message


def test_related_naming_the_article_itself_is_refused(project):
    project.pair("spei/returns", related=["spei/returns"], body="See [home](../index.md).\n")
    problems = [p for p in project.catalog().problems if p.field == "related"]
    assert {p.file for p in problems} == {"docs/en/spei/returns.md", "docs/es/spei/returns.md"}
    assert all("itself" in p.message for p in problems)


@pytest.mark.parametrize("field", ["type", "audience", "status", "tags", "last_reviewed", "review_every", "related", "id"])
def test_messages_never_echo_a_huge_value(project, field):
    value = "z" * 20_000
    project.article("spei/returns", **{field: [value] if field in ("tags", "related") else value})
    problems = [p for p in project.catalog().problems if p.file == PATH]
    assert problems
    assert all(len(str(p)) < 600 for p in problems), [len(str(p)) for p in problems]


def test_a_source_with_a_huge_title_is_quoted_briefly(project):
    project.article("spei/returns", sources=[{"title": "t" * 20_000, "url": "ftp://x"}])
    [error] = errors_of(project)
    assert error.field == "sources" and len(str(error)) < 600


def test_the_review_date_as_of_far_future_does_not_overflow(project):
    from kb.catalog import load_catalog

    project.article("spei/returns", review_every=3650)
    catalog = load_catalog(project.settings(), today=dt.date(9999, 12, 31))
    assert [p for p in catalog.problems if p.code == "review-overdue"]


def test_a_review_due_past_the_last_date_does_not_overflow(project):
    from kb.catalog import load_catalog

    project.article("spei/returns", review_every=3650, last_reviewed="9999-12-30")
    catalog = load_catalog(project.settings(), today=dt.date(9999, 12, 31))
    assert [p for p in catalog.problems if p.file == PATH and p.is_error] == []
