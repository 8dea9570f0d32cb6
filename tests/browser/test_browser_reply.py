"""A ready reply is copied with one click, in the language of the tab shown, exactly as
the article states it (platform facts filled in)."""

from __future__ import annotations

import re
import textwrap

import pytest
from browser_pages import Site
from playwright.sync_api import Page, expect

from kb.render import page_markdown

pytestmark = pytest.mark.browser
TABS = ("Español", "English")
_FENCE = re.compile(r'^(?P<indent>[ \t]*)=== "(?P<tab>[^"]+)"\n\n(?P=indent)[ \t]+```text\n(?P<body>.*?)\n[ \t]*```', re.M | re.S)


def replies(site: Site, article) -> list[dict[str, str]]:
    """The ready replies of an article as the site renders it: {tab: text} per reply."""
    text = page_markdown(article, site.catalog, site.audience)
    found = []
    for block in re.split(r"^!!! reply ", text, flags=re.M)[1:]:
        block = re.split(r"\n(?=\S)", block, maxsplit=1)[0]  # the admonition ends at its first unindented line
        found.append({m.group("tab"): textwrap.dedent(m.group("body")).strip("\n") for m in _FENCE.finditer(block)})
    return found


def check_copy(site: Site, page: Page, article) -> None:
    expected = replies(site, article)
    assert expected and all(set(reply) == set(TABS) for reply in expected), f"{article.display}: a reply needs both tabs"
    page.goto(site.page_url(article.slug, article.lang))
    reply = page.locator(".admonition.reply").first
    expect(reply).to_be_visible()
    for tab in TABS:
        reply.locator(".tabbed-labels label", has_text=tab).click()
        block = reply.locator(".tabbed-block:visible")
        block.hover()
        block.locator("button[data-clipboard-target]").click()  # one click: Material's copy button
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip("\n") == expected[0][tab], f"{article.display}, tab {tab}: copied {copied!r}"


@pytest.fixture
def clipboard(page: Page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return page


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_ready_reply_is_copied_with_one_click_in_each_tab(audience: str, clipboard: Page, request):
    site: Site = request.getfixturevalue(f"fixture_{audience}")
    for lang in ("en", "es"):
        check_copy(site, clipboard, site.catalog.get("spei/returns", lang))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_real_ready_replies_are_copied_with_one_click(real_public: Site, lang: str, clipboard: Page):
    with_replies = sorted((a for a in real_public.articles(lang) if "!!! reply" in a.body), key=lambda a: a.slug)
    assert len(with_replies) >= 5, f"only {len(with_replies)} {lang} articles have a ready reply"
    for article in with_replies[::max(1, len(with_replies) // 4)]:  # a few, across the sections
        check_copy(real_public, clipboard, article)
