"""Finding an answer by clicking: the home page leads to the most used answers, each
section index lists its articles, and the language switcher keeps the reader on the
same article."""

from __future__ import annotations

import posixpath

import pytest
from browser_pages import LANGS, OTHER, Site, content_links, expect_title, link_texts, link_to
from playwright.sync_api import Page, expect

from kb.audience import strip_internal
from kb.links import find_links
from kb.render import nav_title

pytestmark = pytest.mark.browser
CLICKS = 4  # pages reached by clicking in each test (every page is opened by test_browser_every_page)


@pytest.fixture(params=["fixture_public", "fixture_internal", "real_public", "real_internal"])
def site(request) -> Site:
    return request.getfixturevalue(request.param)


def linked_articles(site: Site, source) -> list:
    """The articles a navigation page's source links to, as this site shows the page."""
    body = source.body if site.audience == "internal" else strip_internal(source.body)
    shown = {(a.lang, a.slug): a for a in site.articles()}
    targets = []
    for link in find_links(body, source.path.relative_to(site.catalog.settings.docs_dir).as_posix()):
        lang, _, inner = link.target.partition("/")
        target = shown.get((lang, inner.removesuffix(".md")))
        if target is not None and target not in targets:
            targets.append(target)
    return targets


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_leads_to_the_most_used_answers_in_one_click(site: Site, lang: str, page: Page):
    home = next(a for a in site.pages(lang) if a.slug == "index")
    targets = linked_articles(site, home)
    least = 2 if site.is_fixture else 5
    assert len(targets) >= least, f"docs/{lang}/index.md links to {len(targets)} articles, fewer than {least} most used answers"
    page.goto(site.page_url("index", lang))
    links = content_links(page)
    missing = [t.slug for t in targets if site.page_url(t.slug, lang) not in links]
    assert not missing, f"the {lang} home page of the {site.name} site does not link to {missing}"
    for target in targets[:CLICKS]:  # every page's own test opens all of them; a few clicks show the way
        page.goto(site.page_url("index", lang))
        link_to(page, site.page_url(target.slug, lang)).click()
        expect(page).to_have_url(site.page_url(target.slug, lang))
        expect_title(page, target.title)
        expect(page.locator("html")).to_have_attribute("lang", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_section_index_lists_every_article_of_its_section(site: Site, lang: str, page: Page):
    indexes = [a for a in site.pages(lang) if a.slug.endswith("/index")]
    assert indexes, f"no section index in docs/{lang}/"
    for index in indexes:
        section = posixpath.dirname(index.slug)
        page.goto(site.page_url(index.slug, lang))
        expect_title(page, index.title)
        listed = [a for a in site.articles(lang) if a.slug.startswith(section + "/")]
        assert listed or site.audience == "public", f"the {section} section has no article"
        for article in listed:
            texts = link_texts(page, site.page_url(article.slug, lang))
            assert nav_title(article.title) in texts, f"{site.name}: the {section} index ({lang}) lists {article.slug} as {texts}"
        links = content_links(page)
        for article in site.catalog.articles:
            if article.lang == lang and not article.is_page and article not in site.articles():
                assert site.page_url(article.slug, lang) not in links, f"the {site.audience} {section} index links to {article.slug}"


def test_language_switcher_lands_on_the_same_article_in_the_other_language(site: Site, page: Page):
    folders = sorted({a.slug.split("/")[0] for a in site.articles()})[:CLICKS]
    chosen = [next(a for a in site.articles(lang) if a.slug.split("/")[0] == folder) for lang in LANGS for folder in folders]
    for article in chosen:
        other = OTHER[article.lang]
        page.goto(site.page_url(article.slug, article.lang))
        page.locator(".md-header__option .md-select").hover()
        page.locator(f'.md-select__link[hreflang="{other}"]').click()
        expect(page).to_have_url(site.page_url(article.slug, other))
        expect_title(page, site.catalog.get(article.id, other).title)
        expect(page.locator("html")).to_have_attribute("lang", other)
