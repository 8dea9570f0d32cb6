"""The `kb-browser` plugin's output, read from the built files (the browser tests check
what a reader then sees)."""

from __future__ import annotations

import json
import re

from browser_pages import Site

from kb_mkdocs.browser.plugin import FOLD_ACCENTS, LUNR_MULTI, without_alternate_links


def test_each_language_has_its_404_page_with_every_language_s_words(fixture_public: Site):
    root = (fixture_public.folder / "404.html").read_text(encoding="utf-8")
    spanish = (fixture_public.folder / "es" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in root and '<html lang="es"' in spanish
    for page in (root, spanish):
        assert "Page not found" in page and "Página no encontrada" in page
        assert 'action="/"' in page and 'action="/es/"' in page
    assert re.search(r'<section lang="es" data-kb-home="/es/" hidden>', root)
    assert re.search(r'<section lang="en" data-kb-home="/" hidden>', spanish)
    # The language selector of a 404 page leads to each language's home.
    assert re.findall(r'class="md-select__link"', root) and 'href="/es/" hreflang="es" class="md-select__link"' in root


def test_pages_have_no_page_level_alternate_links_but_the_sitemap_keeps_them(fixture_public: Site):
    pages = [p for p in fixture_public.folder.rglob("*.html")]
    assert len(pages) > 10
    for page in pages:
        head = page.read_text(encoding="utf-8").partition("</head>")[0]
        assert 'rel="alternate"' not in head, page
    sitemap = (fixture_public.folder / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="es" href="http://127.0.0.1:8000/es/spei/returns/"' in sitemap


def test_the_static_search_folds_accents_once(fixture_public: Site):
    script = (fixture_public.folder / LUNR_MULTI).read_text(encoding="utf-8")
    assert script.count(FOLD_ACCENTS.read_text(encoding="utf-8")) == 1
    assert script.index("multiLanguage=function") < script.index("kb-fold-accents")  # after Material's own code


def test_without_alternate_links_keeps_feeds_and_links_in_the_body():
    html = ('<html><head>\n    <link rel="alternate" href="../" hreflang="en">\n'
            '    <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n</head>'
            '<body><a href="../" hreflang="en">English</a> <link rel="alternate" href="x" hreflang="es"></body></html>')
    out = without_alternate_links(html)
    assert 'hreflang="en">\n' not in out.partition("</head>")[0]
    assert "application/rss+xml" in out and '<a href="../" hreflang="en">' in out
    assert out.partition("</head>")[2] == html.partition("</head>")[2]


def test_the_built_in_search_indexes_articles_not_the_lists_that_repeat_them(fixture_public: Site):
    entries = json.loads((fixture_public.folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [entry["location"] for entry in entries]
    assert "es/spei/returns/" in locations and "spei/returns/#return-causes" in locations  # articles and their sections
    for added in ("#related-articles", "#sources", "#articulos-relacionados", "#fuentes"):
        assert not any(location.endswith(added) for location in locations), added
    section = next(entry for entry in entries if entry["location"] == "spei/")
    assert "Getting the CEP receipt" not in section["text"]  # the section's generated list is not indexed
    page = (fixture_public.folder / "spei" / "returns" / "index.html").read_text(encoding="utf-8")
    assert '<h2 data-search-exclude id="related-articles">' in page  # still shown to readers
