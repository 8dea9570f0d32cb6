"""The knowledge base holds every article of the content plan, in both languages, and the
whole of it passes `kb check --strict` with no warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.catalog import load_catalog
from kb.links import find_links
from kb.search.document import read_page
from kb.search.synonyms import parse_glossary
from kb.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT.parent / "shared" / "CONTENT_PLAN.md"
ROW = re.compile(r"^\|\s*([a-z0-9/-]+)\s*\|\s*([a-z-]+)\s*\|\s*(public|internal)\s*\|", re.M)


def plan() -> list[tuple[str, str, str]]:
    assert PLAN.exists(), f"{PLAN} is missing: the content plan sits beside the project, in ../shared/"
    rows = ROW.findall(PLAN.read_text(encoding="utf-8"))
    assert len(rows) >= 38
    return rows


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(load_settings(ROOT / "mkdocs.yml"), strict=True)


@pytest.mark.parametrize("slug, article_type, audience", plan())
def test_every_planned_article_exists_in_both_languages(catalog, slug, article_type, audience):
    for lang in ("en", "es"):
        article = catalog.get(slug, lang)
        assert article is not None, f"docs/{lang}/{slug}.md is missing"
        assert (article.type, article.audience, article.status) == (article_type, audience, "published"), article.display


def test_kb_check_strict_has_no_error_and_no_warning(catalog):
    assert [str(p) for p in catalog.problems] == []


def test_every_public_article_has_a_source_a_summary_and_a_link(catalog):
    for article in catalog.articles:
        if article.is_page or not article.is_public:
            continue
        assert article.sources and article.summary, article.display
        source = article.path.relative_to(catalog.settings.docs_dir).as_posix()
        assert find_links(article.body, source), f"{article.display} links to no other article"


def test_every_section_has_an_index_page_in_both_languages(catalog):
    sections = {slug.split("/")[0] for slug, _, _ in plan() if "/" in slug}
    for lang in ("en", "es"):
        assert (catalog.settings.docs_dir / lang / "index.md").exists()
        for section in sections:
            assert (catalog.settings.docs_dir / lang / section / "index.md").exists(), f"docs/{lang}/{section}/index.md"


@pytest.mark.parametrize("slug, codes", [
    ("payments/card-decline-codes", "00 01 03 04 05 12 13 14 41 43 51 54 55 57 61 62 65 75 91 96"),
    ("api/http-errors", "400 401 403 404 409 422 429 500 502 503 504"),
    ("spei/returns", None),
])
def test_lookup_tables_have_one_code_per_row(catalog, slug, codes):
    for lang in ("en", "es"):
        article = catalog.get(slug, lang)
        assert article is not None, f"docs/{lang}/{slug}.md is missing"
        cells = [row.cells[0] for row in read_page(article.body).rows if row.cells]
        first = [cell for cell in cells if re.fullmatch(r"[A-Z]?\d{1,3}", cell)]
        assert first, f"{article.display} has no table of codes"
        expected = codes.split() if codes else first
        for code in expected:
            assert first.count(code) == 1, f"{article.display}: code {code} is in {first.count(code)} rows"


def test_the_glossary_gives_search_at_least_60_pairs_in_each_language(catalog):
    for lang in ("en", "es"):
        glossary = catalog.get("glossary", lang)
        assert glossary is not None and len(parse_glossary(glossary.body)) >= 60, glossary.display
