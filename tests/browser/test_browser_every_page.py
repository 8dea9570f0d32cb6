"""Every page of each site, as a reader opens it: it loads with no console error and no
request to another host (the page fixture checks both), and each article shows its type,
its tags in the page's language, its related articles, a language switcher to its own
translation and, on the internal site, its owner, last review and badges."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_pages import LANGS, OTHER, Site
from playwright.sync_api import Page

from kb.audience import visible
from kb.labels import label
from kb.render import nav_title

pytestmark = pytest.mark.browser
TODAY = dt.date.today()

# What a reader sees of a page, read in one go.
READ = """() => {
  const text = el => el ? el.textContent.replace(/\\s+/g, " ").trim() : null;
  const all = selector => [...document.querySelectorAll(selector)];
  return {
    lang: document.documentElement.lang,
    title: text(document.querySelector("article h1")),
    facts: text(document.querySelector(".kb-facts")) || "",
    badges: all("[data-kb-badge]").map(el => el.dataset.kbBadge),
    banners: all("[data-kb-banner]").map(el => el.dataset.kbBanner),
    tags: all(".md-tags .md-tag").map(text),
    links: all("article.md-content__inner a[href]:not(.headerlink)").map(a => [a.href.split("#")[0], text(a)]),
    switcher: Object.fromEntries(all(".md-select__link").map(a => [a.hreflang, a.href])),
  };
}"""


def check_article(site: Site, seen: dict, article) -> list[str]:
    """What is wrong with the page of `article`, as seen."""
    lang, internal, wrong = article.lang, site.audience == "internal", []
    facts = seen["facts"].replace(" ", "")
    shown = {"type": label(lang, article.type), "owner": article.owner, "reviewed": article.last_reviewed.isoformat()}
    for name, value in shown.items():
        if (f"{label(lang, name)}{value}".replace(" ", "") in facts) != (name == "type" or internal):
            wrong.append(f"the {name} is {'missing' if name == 'type' or internal else 'shown'}: {seen['facts']!r}")
    badges = [kind for kind, on in (("internal", article.audience == "internal"), ("draft", article.status == "draft")) if internal and on]
    if sorted(seen["badges"]) != sorted(badges):
        wrong.append(f"badges {seen['badges']}, expected {badges}")
    if ("overdue" in seen["banners"]) != (internal and article.is_overdue(TODAY)):
        wrong.append(f"banners {seen['banners']}")
    tags = sorted(site.catalog.taxonomy.label(tag, lang) for tag in article.tags)
    if sorted(seen["tags"]) != tags:
        wrong.append(f"tags {seen['tags']}, expected {tags}")
    for related in article.related:
        target = site.catalog.get(related, lang)
        if target is not None and visible(target, site.audience):
            if [site.page_url(target.slug, lang), nav_title(target.title)] not in seen["links"]:
                wrong.append(f"no link to the related {related}")
    translation = site.catalog.get(article.id, OTHER[lang])
    if translation is not None and visible(translation, site.audience):
        if seen["switcher"].get(OTHER[lang]) != site.page_url(translation.slug, translation.lang):
            wrong.append(f"the language switcher leads to {seen['switcher'].get(OTHER[lang])}")
    return wrong


@pytest.mark.parametrize("site_name", ["fixture_public", "fixture_internal", "real_public", "real_internal"])
def test_every_page_loads_clean_and_shows_what_agents_need(site_name: str, page: Page, request):
    site: Site = request.getfixturevalue(site_name)
    problems = []
    for lang in LANGS:
        for item in site.pages(lang) + site.articles(lang):
            response = page.goto(site.page_url(item.slug, lang))
            seen = page.evaluate(READ)
            wrong = [] if response.status == 200 else [f"status {response.status}"]
            if seen["lang"] != lang or not re.fullmatch(rf"{re.escape(item.title)}\s*¶?", seen["title"] or ""):
                wrong.append(f"headed {seen['title']!r} in {seen['lang']!r}")
            if not item.is_page:
                wrong += check_article(site, seen, item)
            problems += [f"{response.url}: {w}" for w in wrong]
    assert not problems, "\n".join(problems)
