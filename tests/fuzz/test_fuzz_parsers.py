"""Property-based tests of the doors where people's text comes in: the front-matter
reader, the article contract, the search query parser and the stub file names drawn from
ticket tags. For any input the only exception that escapes is the project's documented
one (none at all for the article contract and the query parser), each example within
bounds of time (the profile's deadline) and memory (checked here). Profiles: see
tests/conftest.py."""

from __future__ import annotations

import datetime as dt
import re
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fuzz.strategies import markdown_files, queries
from kb import frontmatter
from kb.articles import read_article
from kb.catalog import Catalog
from kb.checks import check_catalog
from kb.facts import load_facts
from kb.problems import Problem
from kb.search import parse as query
from kb.taxonomy import load_taxonomy

T = TypeVar("T")
MEMORY_MAX = 64 * 1024 * 1024  # bytes an example may allocate at its peak
TODAY = dt.date(2026, 12, 1)


def bounded(call: Callable[[], T]) -> T:
    """Run `call`, failing if its allocations ever peak past MEMORY_MAX."""
    tracemalloc.start()
    try:
        value = call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_MAX, f"peaked at {peak / 1e6:.0f} MB"
    return value


@pytest.fixture
def kb_project(project):
    """One fixture project for all the examples of a test (each rewrites the same file)."""
    config = project.settings()
    taxonomy, _ = load_taxonomy(config.taxonomy, config.languages)
    facts, _ = load_facts(config.facts, config.languages)
    return project, config, taxonomy, facts


ALIAS_BOMB = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n"


@given(markdown_files())
@example(ALIAS_BOMB)
@example("---\nreview_every: 1000000000\nlast_reviewed: 9999-12-31\n---\n")
@example("---\ntitle: " + "[" * 3000 + "\n---\n")
@example("---\nn: " + "1" * 5000 + "\n---\n")
def test_the_front_matter_reader_raises_only_its_own_error(text):
    try:
        fm = bounded(lambda: frontmatter.split(text))
    except frontmatter.FrontMatterError as exc:
        assert exc.line >= 1 and exc.fix and len(str(exc)) < 300
        return
    assert isinstance(fm.data, dict) and all(isinstance(key, str) for key in fm.data)
    assert fm.body_line >= 2 and all(line >= 2 for line in fm.lines.values())


@given(markdown_files())
@example(ALIAS_BOMB)
@example("---\nid: spei/returns\nreview_every: 1000000000\nlast_reviewed: 2026-01-01\nrelated: [spei/returns]\n---\n")
@example("---\nid: x\nlast_reviewed: 0001-01-01\nreview_every: 3650\n---\n[a](" + "b" * 10000 + ".md)")
@example(b"---\ntitle: \xff\xfe\n---\n".decode("latin-1"))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_article_contract_never_raises(kb_project, text):
    project, config, taxonomy, facts = kb_project
    path = project.write("docs/en/spei/returns.md", text)

    def read_and_check() -> list[Problem]:
        article, problems = read_article(path, config, taxonomy, TODAY)
        catalog = Catalog(config, taxonomy, facts, [article] if article else [])
        return problems + check_catalog(catalog, TODAY, strict=True, reported=set())

    problems = bounded(read_and_check)
    for problem in problems:
        assert problem.file == "docs/en/spei/returns.md"
        assert len(str(problem)) < 2200 and problem.line >= 0


@given(queries)
@example('"' * 500)
@example("*" * 300 + " OR AND NOT")
@example("\u0301" * 1000)
def test_the_query_parser_never_raises_and_stays_small(text):
    cleaned = query.clean(text)
    parsed = bounded(lambda: query.parse(text))
    assert len(cleaned) <= query.MAX_CHARS
    assert not any(ch in cleaned for ch in "\x00\r\n\t\u200b")
    assert len(parsed.words) <= query.MAX_WORDS and all(word for word in parsed.words)
    assert parsed.prefix in (True, False) and (not parsed.prefix or parsed.words)
    assert query.parse(cleaned) == parsed  # cleaning is all the parser does to its input first


@given(st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=600))
@example("---")
@example("_")
@example("a" * 300)
def test_a_stub_file_name_from_any_tag_is_short_safe_and_stable(tag):
    from kb.limits import NAME_MAX
    from kb.stubs.plan import slug_for
    from kb.stubs.tally import Subject

    name = slug_for(Subject(f"tag {tag}"))
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
    assert len(name) <= NAME_MAX - 9
    assert slug_for(Subject(f"tag {tag}")) == name
