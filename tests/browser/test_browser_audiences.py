"""What each audience sees: an internal or draft article is not found on the public site;
the internal site marks internal and draft articles, warns when a review is overdue, and
shows every article's owner and last review; both show each article's type, tags in the
page's language and related articles."""

from __future__ import annotations

import datetime as dt

import pytest
from browser_pages import LANGS, Site, expect_title, link_to
from playwright.sync_api import Page, expect

from kb.labels import label
from kb.render import nav_title

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


@pytest.mark.parametrize("kind", ["fixture", "real"])
def test_internal_and_draft_articles_are_not_found_on_the_public_site(kind: str, page: Page, page_log, request):
    public: Site = request.getfixturevalue(f"{kind}_public")
    hidden = [a for a in public.catalog.articles if not a.is_page and not a.is_public]
    assert hidden, "the knowledge base has no internal article to check"
    for article in hidden:
        url = public.page_url(article.slug, article.lang)
        page_log.expect_not_found(url)
        response = page.goto(url)
        assert response.status == 404, f"{url} answers {response.status} on the public site"
        expect(page.locator("[data-kb-not-found] section:not([hidden]) h1")).to_have_text(label(article.lang, "not_found.title"))
        expect(page.locator("body")).not_to_contain_text(article.title)


def test_internal_site_marks_internal_and_draft_articles_and_overdue_reviews(fixture_internal: Site, page: Page):
    for lang in LANGS:
        page.goto(fixture_internal.page_url("procedures/escalation", lang))
        expect(page.locator('[data-kb-badge="internal"]')).to_have_text(label(lang, "internal"))
        expect(page.locator('[data-kb-banner="overdue"]')).to_be_visible()
        expect(page.locator('[data-kb-banner="overdue"]')).to_contain_text(label(lang, "overdue", reviewed="", due="").split(":")[0])
        facts = page.locator(".kb-facts")
        for name, value in (("type", label(lang, "procedure")), ("owner", "support-leads"), ("reviewed", (TODAY - dt.timedelta(days=400)).isoformat())):
            expect(facts).to_contain_text(f"{label(lang, name)}{value}")
        page.goto(fixture_internal.page_url("spei/new-rules", lang))
        expect(page.locator('[data-kb-badge="draft"]')).to_have_text(label(lang, "draft"))
        expect(page.locator('[data-kb-badge="internal"]')).to_have_count(0)
        page.goto(fixture_internal.page_url("spei/returns", lang))
        expect(page.locator("[data-kb-badge], [data-kb-banner]")).to_have_count(0)
        expect(page.locator(".kb-facts")).to_contain_text(f"{label(lang, 'owner')}payments-support")


def test_public_site_shows_the_type_but_not_owner_or_review(fixture_public: Site, page: Page):
    for lang in LANGS:
        page.goto(fixture_public.page_url("spei/returns", lang))
        facts = page.locator(".kb-facts")
        expect(facts).to_have_text(f"{label(lang, 'type')}{label(lang, 'reference')}")
        expect(page.locator("[data-kb-badge], [data-kb-banner]")).to_have_count(0)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_related_articles_are_linked_in_the_page_s_language(audience: str, page: Page, request):
    site: Site = request.getfixturevalue(f"fixture_{audience}")
    for lang in LANGS:
        page.goto(site.page_url("spei/returns", lang))
        heading = page.locator("article h2", has_text=label(lang, "related"))
        expect(heading).to_be_visible()
        related = page.locator("article h2:has-text('%s') + ul a" % label(lang, "related"))
        shown = ["spei/cep", "payments/refunds"] + (["procedures/escalation"] if audience == "internal" else [])
        expect(related).to_have_text([nav_title(site.catalog.get(slug, lang).title) for slug in shown])
        link_to(page, site.page_url("payments/refunds", lang)).click()
        expect_title(page, site.catalog.get("payments/refunds", lang).title)


def test_tags_use_the_spanish_labels_on_the_spanish_site(fixture_public: Site, page: Page):
    labels = fixture_public.catalog.taxonomy
    for lang in LANGS:
        page.goto(fixture_public.page_url("spei/returns", lang))
        tags = [labels.label(tag, lang) for tag in ("returns", "spei")]
        expect(page.locator(".md-tags .md-tag")).to_have_text(sorted(tags, key=str.lower))
        page.locator(".md-tags .md-tag", has_text=labels.label("returns", lang)).click()
        expect(page).to_have_url(fixture_public.page_url("tags", lang) + f"#tag:{labels.label('returns', lang).lower()}")
        listing = page.locator("article .md-tag", has_text=labels.label("returns", lang))
        expect(listing).to_be_visible()
        expect(page.locator("article")).to_contain_text(fixture_public.catalog.get("spei/returns", lang).title)


@pytest.mark.parametrize("site_name", ["fixture_public", "real_public", "real_internal"])
def test_tag_pages_list_the_tags_in_the_language_of_the_site(site_name: str, page: Page, request):
    site: Site = request.getfixturevalue(site_name)
    taxonomy = site.catalog.taxonomy
    for lang in LANGS:
        used = {tag for a in site.articles(lang) for tag in a.tags}
        page.goto(site.page_url("tags", lang))
        shown = set(page.locator("article.md-content__inner .md-tag").all_text_contents())
        assert shown == {taxonomy.label(tag, lang) for tag in used}, f"{site.name} {lang} tags page: {sorted(shown)}"
