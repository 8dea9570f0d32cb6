"""`kb-articles`: validates every article, keeps each audience's site to what it may
show, and renders facts, section lists, sources, badges and banners from the core."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kb.articles import Article
from kb.catalog import Catalog, article_files, load_catalog
from kb.fingerprint import Fingerprint, fingerprint
from kb.markup import as_html, as_markdown, without_comments
from kb.publication import allowed_files
from kb.render import nav_title, page_markdown, page_notices
from kb.search.static_index import write_static_index
from kb.settings import Settings
from kb_mkdocs.articles.config import ArticlesConfig
from kb_mkdocs.i18n import build_language, current_language, site_languages
from kb_mkdocs.settings import settings_of

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).parent / "templates"
QUIET = {"review-overdue", "missing-translation", "not-an-article"}  # shown to readers by banners and notices, or by kb check


class ArticlesPlugin(BasePlugin[ArticlesConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.stand_ins: dict[str, Article] = {}
        self.fingerprint: Fingerprint = ()
        self.today = dt.date.today()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self._load(settings_of(config, dict(self.config)))
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(TEMPLATES))
        return config

    def _load(self, settings: Settings) -> None:
        """Read the articles once per change of the docs (each language's build asks again)."""
        files = article_files(settings) + [p for p in (settings.taxonomy, settings.facts, settings.fact_rules, settings.dated_facts) if p]
        inputs = fingerprint(files)
        if self.catalog is not None and inputs == self.fingerprint:
            return
        self.catalog = load_catalog(settings, self.today, strict=self.config.strict_translations)
        self.fingerprint = inputs
        for problem in self.catalog.warnings:
            (log.info if problem.code in QUIET else log.warning)(str(problem))
        if self.catalog.errors:
            count = len(self.catalog.errors)
            listing = "\n".join(f"  {problem}" for problem in self.catalog.errors)
            raise PluginError(f"{count} article error{'s' * (count != 1)} (run 'kb check' for the list):\n{listing}")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Keep of the docs folder only what this audience's site may hold (kb.publication:
        an allow-list), before the navigation, the search index, the sitemap and the tag
        pages are made from the files; the theme's files are not under docs/ and stay."""
        if not self.config.enabled:
            return None
        docs = Path(os.path.abspath(config.docs_dir))  # not resolved: a link to a file elsewhere is still under docs/
        allowed = allowed_files(self.catalog, self.config.audience)
        for file in [f for f in files if f.abs_src_path and Path(os.path.abspath(f.abs_src_path)).is_relative_to(docs)
                     and f.src_uri not in allowed]:
            files.remove(file)
        # A missing translation is shown in the language that exists, with a notice.
        self.stand_ins = self.catalog.stand_ins(self.config.audience)
        for path in self.stand_ins:
            files.append(File(path, config.docs_dir, config.site_dir, config.use_directory_urls))
        return files

    @event_priority(-110)  # after mkdocs-static-i18n has chosen each page's language
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """A section is titled by its index page, so its title is translated with it."""
        if not self.config.enabled:
            return None
        sections = [item for item in nav.items if isinstance(item, Section)]
        while sections:
            section = sections.pop()
            sections.extend(child for child in section.children if isinstance(child, Section))
            index = next((child for child in section.children if isinstance(child, Page) and child.is_index), None)
            article = self.catalog.by_path.get(index.file.src_uri) if index else None
            if article and article.title:
                section.title = as_html(nav_title(article.title))
        return nav

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A stand-in page has no file of its own: it reads the version that exists."""
        article = self.stand_ins.get(page.file.src_uri) if self.config.enabled else None
        return article.path.read_text(encoding="utf-8-sig") if article else None

    @event_priority(60)  # before the i18n (50) and tags (-50) plugins read the page
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        article = self.catalog.by_path.get(page.file.src_uri) or self.stand_ins.get(page.file.src_uri)
        if article is None:
            return None
        lang = build_language(page, page.file.src_uri.split("/")[0])
        page.meta["kb"] = page_notices(article, self.config.audience, lang, self.today)
        page.meta.pop("status", None)  # ours is draft/published, not Material's page status icon
        if article.tags:
            page.meta["tags"] = [as_html(self.catalog.taxonomy.label(tag, lang)) for tag in article.tags]
        markdown = page_markdown(article, self.catalog, self.config.audience, markdown)
        short = nav_title(article.title)
        if article.title:  # the theme writes titles as HTML: ours are text
            page.meta["title"] = as_html(short)
        if short != article.title:  # the navigation names the page, its heading says it all
            markdown = f"# {as_markdown(article.title)}\n\n{markdown}"
        return markdown

    @event_priority(-100)  # after every other plugin's changes to the page's HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """HTML comments in an article are notes for its authors: no site shows them."""
        return without_comments(html) if self.config.enabled else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The static search's index of this audience (when kb-browser asks for it), once
        per build: after the last language's build (each writes into the same site folder)."""
        if not self.config.enabled or self.catalog is None or not config.extra.get("kb_static_search"):
            return
        languages, default = site_languages(config)
        if current_language(config) == ([lang for lang in languages if lang != default] or [default])[-1]:
            write_static_index(self.catalog, self.config.audience, Path(config.site_dir))
