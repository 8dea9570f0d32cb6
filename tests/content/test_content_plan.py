"""The knowledge base holds every article it declares (tests/content/plan.yml) in both
languages, its sections have index pages, the home pages' "most used" links open published
articles, and the whole of it passes `kb check --strict` with no warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kb.catalog import load_catalog
from kb.links import find_links
from kb.render import SECTION_MARKER
from kb.search.document import read_page
from kb.search.glossary import parse_glossary
from kb_mkdocs.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
PLAN = Path(__file__).with_name("plan.yml")
LANGUAGES = ("en", "es")
NOT_SECTIONS = {"assets", "drafts"}  # folders of docs/<lang>/ that hold no section of articles


def plan() -> list[tuple[str, str, str]]:
    """The rows of tests/content/plan.yml: the articles the knowledge base declares it holds."""
    rows = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    return [(row["id"], row["type"], row["audience"]) for row in rows]


def sections(lang: str) -> set[str]:
    """The sections of a language: the folders of docs/<lang>/ holding articles."""
    folder = ROOT / "docs" / lang
    return {path.name for path in folder.iterdir() if path.is_dir() and path.name not in NOT_SECTIONS}


def page(catalog, slug: str, lang: str):
    """The navigation page (index.md) at docs/<lang>/<slug>.md, or None."""
    return next((a for a in catalog.articles if a.is_page and a.lang == lang and a.slug == slug), None)


def most_used(text: str) -> str:
    """The home page's first section (English "Most used", Spanish "Lo más consultado")."""
    parts = re.split(r"^## .*$", text, flags=re.M)
    assert len(parts) >= 3, "the home page has no '## Most used' section followed by another one"
    return parts[1]


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


def test_the_plan_lists_each_article_once():
    ids = [slug for slug, _, _ in plan()]
    assert len(ids) >= 38 and len(ids) == len(set(ids))


def test_both_languages_have_the_same_sections_and_each_holds_a_planned_article():
    assert sections("en") == sections("es")
    planned = {slug.split("/")[0] for slug, _, _ in plan() if "/" in slug}
    assert planned <= sections("en"), f"planned sections without a folder: {planned - sections('en')}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_has_an_index_page_listing_its_articles(catalog, lang):
    for section in sorted(sections(lang)):
        index = page(catalog, f"{section}/index", lang)
        assert index is not None, f"docs/{lang}/{section}/index.md is missing"
        assert index.title, f"docs/{lang}/{section}/index.md has no title"
        assert SECTION_MARKER in index.body, f"docs/{lang}/{section}/index.md has no {SECTION_MARKER} line"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_pages_most_used_links_open_published_articles(catalog, lang):
    home = page(catalog, "index", lang)
    assert home is not None, f"docs/{lang}/index.md is missing"
    links = find_links(most_used(home.body), f"{lang}/index.md")
    assert len(links) >= 6, f"docs/{lang}/index.md: the most used section has {len(links)} links"
    for link in links:
        assert link.target.startswith(f"{lang}/"), f"{link.raw} leaves the {lang} pages"
        article = catalog.get(link.target.removeprefix(f"{lang}/").removesuffix(".md"), lang)
        assert article is not None, f"docs/{lang}/index.md: {link.raw} opens no article"
        assert not article.is_page and article.status == "published", f"docs/{lang}/index.md: {link.raw} is not a published article"


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
