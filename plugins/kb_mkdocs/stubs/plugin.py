"""`kb-stubs`: before each build, turns the ticket exports in the configured folder into
draft stubs (docs/<lang>/drafts/), exactly as `kb stubs` does.

It runs once per build (mkdocs-static-i18n runs the build again for each language, and
the exports have not changed in between), and it writes only what changed, so the
rebuild that `kb serve` makes when a stub appears finds nothing more to write.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from kb.atomic import write_atomic
from kb.fingerprint import fingerprint
from kb.insights.page import PAGE_ID, render_page
from kb.insights.run import read_insights
from kb.stubs.report import report_line
from kb.stubs.run import Options, ReadCache, run_stubs
from kb.tickets import ExportError, find_exports
from kb.tickets.columns import parse_mapping
from kb.vocabulary import Audience
from kb_mkdocs.settings import ARTICLES_PLUGIN, settings_of
from kb_mkdocs.stubs.config import StubsConfig

log = get_plugin_logger(__name__)
READS = ReadCache()  # the counts of the last exports read, kept across `kb serve` rebuilds


class StubsPlugin(BasePlugin[StubsConfig]):
    def __init__(self) -> None:
        self.last_run: tuple = ()
        self.pages: dict[str, str] = {}  # language -> the insights page's file (internal site only)
        self.pages_dir = Path()

    @event_priority(100)  # before kb-articles reads the articles, so that it reads the stubs too
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        files = find_exports([root / self.config.exports]) if (root / self.config.exports).exists() else []
        if not files:
            log.debug("no ticket exports in %s", self.config.exports)
            self.pages = {}
            return None
        docs = Path(config.docs_dir)
        inputs = fingerprint(files + sorted(docs.rglob("*.md")))
        if inputs == self.last_run:
            return None  # the same build again, for another language
        try:
            mapping = parse_mapping([f"{field}={column}" for field, column in self.config.map.items()])
        except ValueError as exc:
            raise PluginError(f"kb-stubs: map: {exc}") from None
        articles = config.plugins.get(ARTICLES_PLUGIN)
        settings = settings_of(config, dict(articles.config) if articles else {})
        options = Options(min_tickets=self.config.min_tickets, format=self.config.format, mapping=mapping,
                          ignore_tags=tuple(self.config.ignore_tags))
        try:
            result = run_stubs(settings, files, options, cache=READS)
        except ExportError as exc:
            raise PluginError(f"kb-stubs: {exc}; nothing was written") from None
        log.info(report_line(result))
        self.pages = {}
        if self.config.insights and articles and articles.config.audience == Audience.INTERNAL:
            try:
                insights = read_insights(settings, files, self.config.format, mapping, self.config.ignore_tags)
            except ExportError as exc:
                raise PluginError(f"kb-stubs: {exc}") from None
            # Written under .kb/ (git-ignored: tickets are personal), never into docs/; the
            # language plugin needs a real file to place a page in its language.
            self.pages_dir = root / ".kb" / "insights"
            for lang in settings.languages:
                path = self.pages_dir / lang / f"{PAGE_ID}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, render_page(insights, lang))
                self.pages[lang] = str(path)
        self.last_run = fingerprint(files + sorted(docs.rglob("*.md")))
        return config

    @event_priority(-110)  # after mkdocs-static-i18n has kept the files of the language being built
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """The leads' ticket-insights page of the language being built, generated into the
        internal site only (the public build never makes it: `pages` stays empty there)."""
        articles = config.plugins.get(ARTICLES_PLUGIN)
        i18n = config.plugins.get("i18n")
        lang = getattr(i18n, "current_language", None) or next(iter(self.pages), None)
        if lang not in self.pages or not articles or articles.config.audience != Audience.INTERNAL:
            return None
        uri = f"{lang}/{PAGE_ID}.md"
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, str(self.pages_dir), config.site_dir, config.use_directory_urls))
        return files
