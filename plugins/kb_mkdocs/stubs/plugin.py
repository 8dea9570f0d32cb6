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

from kb.fingerprint import fingerprint
from kb.stubs.report import report_line
from kb.stubs.run import Options, ReadCache, run_stubs
from kb.tickets import ExportError, find_exports
from kb.tickets.columns import parse_mapping
from kb_mkdocs.settings import ARTICLES_PLUGIN, settings_of
from kb_mkdocs.stubs.config import StubsConfig

log = get_plugin_logger(__name__)
READS = ReadCache()  # the counts of the last exports read, kept across `kb serve` rebuilds


class StubsPlugin(BasePlugin[StubsConfig]):
    def __init__(self) -> None:
        self.last_run: tuple = ()

    @event_priority(100)  # before kb-articles reads the articles, so that it reads the stubs too
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        files = find_exports([root / self.config.exports]) if (root / self.config.exports).exists() else []
        if not files:
            log.debug("no ticket exports in %s", self.config.exports)
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
        self.last_run = fingerprint(files + sorted(docs.rglob("*.md")))
        return config
