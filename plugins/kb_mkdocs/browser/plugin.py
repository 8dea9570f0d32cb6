"""`kb-browser`: what the built site does in a reader's browser, beyond MkDocs' and
Material's defaults: diagrams drawn inline in the page's language; a translated 404 page
for each language that offers a search; Material's static search matching words typed
without accents, and answering with the article itself rather than the pages that list it
(section lists, related articles), its duplicate entries removed in linear time
(kb_mkdocs.search_entries); no request for a sitemap beside every page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.pages import Page

from kb.diagrams import MissingDiagram, embed_diagrams
from kb.labels import LABELS, label, search_box_words
from kb.render import SECTION_MARKER
from kb_mkdocs.browser.config import BrowserConfig
from kb_mkdocs.i18n import current_language, language_homes, site_languages
from kb_mkdocs.search_entries import install as install_search_dedupe

TEMPLATES = Path(__file__).parent / "templates"
FOLD_ACCENTS = Path(__file__).parent / "assets" / "fold-accents.js"
STATIC_SEARCH = Path(__file__).parent / "assets" / "kb-static-search.js"
STATIC_SEARCH_SCRIPT = Path("assets", "javascripts", "kb-static-search.js")
# Material's search worker loads this file when the search covers several languages.
LUNR_MULTI = Path("assets", "javascripts", "lunr", "min", "lunr.multi.min.js")
NOT_FOUND = "404.html"
# Page-level hreflang links: Material's script fetches `<link>/sitemap.xml` for each, a 404
# beside every page (mkdocs-material#6582). sitemap.xml carries the same alternates.
_ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
# The sections kb-articles adds to every article: other articles' titles and the sources.
_ADDED_HEADINGS = sorted({label(lang, key) for lang in LABELS for key in ("related", "sources")})
_ADDED_HEADING = re.compile(r"^## (" + "|".join(map(re.escape, _ADDED_HEADINGS)) + r")[ \t]*$", re.M)


def without_alternate_links(html: str) -> str:
    """The page without its `<link rel="alternate" hreflang>` elements (the language
    selector's own links are `<a>` elements, and stay)."""
    head, separator, body = html.partition("</head>")
    return _ALTERNATE_LINK.sub("", head) + separator + body if separator else html


class BrowserPlugin(BasePlugin[BrowserConfig]):
    def __init__(self) -> None:
        self.default_not_found: bytes | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        install_search_dedupe(config)  # before mkdocs-static-i18n's last on_post_build calls it
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(TEMPLATES))
        if self.config.static_search:
            config.extra["kb_static_search"] = STATIC_SEARCH_SCRIPT.as_posix()  # kb-articles writes the index
            config.extra.setdefault("kb_search_words", search_box_words())
        return config

    @event_priority(70)  # before kb-articles (60) renders facts and the section lists
    def _before_articles(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
        """Diagrams drawn inline from the SVG of the page's language (kb-articles then fills
        in the platform facts they name). A section index's generated list repeats its
        articles' summaries: it stays out of the built-in search index, so that a search
        answers with the article itself."""
        if not self.config.enabled:
            return None
        lang = page.file.src_uri.split("/")[0]
        try:
            markdown = embed_diagrams(markdown, lang, Path(config.docs_dir), attributes="data-search-exclude")
        except MissingDiagram as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from None
        if SECTION_MARKER in markdown:
            markdown = markdown.replace(SECTION_MARKER, f"<div data-search-exclude markdown>\n\n{SECTION_MARKER}\n\n</div>")
        return markdown

    @event_priority(55)  # after kb-articles (60) added its sections
    def _after_articles(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
        """The related articles and sources added to every article stay out of the built-in
        search index too: otherwise a search for an article's title finds every article
        that lists it (and the index grows by two sections a page)."""
        if not self.config.enabled:
            return None
        return _ADDED_HEADING.sub(lambda match: f"{match.group(0).rstrip()} {{ data-search-exclude }}", markdown)

    on_page_markdown = CombinedEvent(_before_articles, _after_articles)

    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any] | None:
        """The 404 page: its words in every language, and a language selector leading
        to each language's home (not to the last page rendered)."""
        if not self.config.enabled or template_name != NOT_FOUND:
            return None
        homes = language_homes(config)
        if homes:
            config.extra["alternate"] = homes
            # mkdocs-static-i18n sets each page's alternates as an attribute, which the theme
            # reads before the key: without this, the 404 page of a language other than the
            # default one led to the last page rendered (and a rebuild of other pages changed it).
            config.extra.alternate = homes
        languages = site_languages(config)[0]
        links = {home["lang"]: home["link"] for home in homes}
        context["kb_not_found"] = [
            {"lang": lang, "url": links.get(lang) or urlsplit(config.site_url or "/").path or "/",
             **{key: label(lang, f"not_found.{key}") for key in ("title", "text", "search", "submit", "home")}}
            for lang in languages
        ]
        context["kb_not_found_lang"] = current_language(config)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return without_alternate_links(output) if self.config.enabled else None

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or template_name != NOT_FOUND:
            return None
        return without_alternate_links(output_content)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Each language build writes 404.html at the root: keep the default language's
        there and move each other one to its own folder (hosts that look for the nearest
        404.html serve it; the root one switches its words by the address)."""
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        page = site / NOT_FOUND
        lang = current_language(config)
        if page.exists():
            if lang == site_languages(config)[1]:
                self.default_not_found = page.read_bytes()
            else:
                (site / lang).mkdir(parents=True, exist_ok=True)
                (site / lang / NOT_FOUND).write_bytes(page.read_bytes())
                if self.default_not_found is not None:
                    page.write_bytes(self.default_not_found)
        if self.config.fold_accents:
            _append_once(site / LUNR_MULTI, FOLD_ACCENTS.read_text(encoding="utf-8"))
        if self.config.static_search:
            (site / STATIC_SEARCH_SCRIPT).parent.mkdir(parents=True, exist_ok=True)
            (site / STATIC_SEARCH_SCRIPT).write_bytes(STATIC_SEARCH.read_bytes())


def _append_once(path: Path, script: str) -> None:
    """Append `script` to the theme's file (each language build may copy it afresh)."""
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    if script not in text:
        path.write_text(text + script, encoding="utf-8")
