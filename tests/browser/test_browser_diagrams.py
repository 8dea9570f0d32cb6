"""The diagrams, drawn on their articles in the reader's language, from the site itself."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from browser_pages import Site
from playwright.sync_api import Page, expect

from kb.diagrams import diagram_names, diagram_path

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"


def test_diagrams_are_drawn_on_their_articles_in_each_language(real_public: Site, page: Page):
    shown = [(a, name) for a in real_public.articles() for name in diagram_names(a.body)]
    assert {name for _, name in shown} >= {"card-payment-lifecycle", "spei-transfer-and-return", "payout-timeline"}
    for article, name in shown:
        source = ET.parse(diagram_path(real_public.catalog.settings.docs_dir, article.lang, name)).getroot()
        title = source.find(f"{SVG}title").text
        page.goto(real_public.page_url(article.slug, article.lang))
        figure = page.locator(f'figure.kb-diagram[data-kb-diagram="{name}"]')
        expect(figure).to_be_visible()
        picture = figure.get_by_role("img", name=title)  # the accessible name is the diagram's title
        expect(picture).to_be_visible()
        box = picture.bounding_box()
        assert box["width"] >= 500 and box["height"] >= 120, f"{name} is drawn too small on {article.display}: {box}"
        expect(figure).not_to_contain_text("{{")  # platform facts were filled in
        words = [text for text in figure.locator("text").all_text_contents() if text.strip()]
        assert len(words) >= 10

