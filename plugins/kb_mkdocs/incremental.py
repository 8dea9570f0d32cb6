"""An incremental build for `kb build`: MkDocs runs its whole pipeline (files, navigation,
theme files, sitemap, search index, 404 pages) into a new, empty folder, but pages whose
source and every global input are as in the last good build are neither read nor
rendered: their files are hard-linked from that build afterwards (never written in place:
the build shown stays intact). What other pages take from a page not rendered, its title
(menus, previous/next links) and its built-in search entries, comes from the manifest.

Which inputs are global (any change: every page rendered, as a clean build) is
`site_inputs`; kb.build_manifest keeps them. A body edit is the case this pays for."""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import os
import sys
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

from mkdocs.plugins import event_priority

import kb
import kb_mkdocs
from kb.build_manifest import Manifest, digest_bytes, digest_files, files_under

SEARCH = ("search", "material/search")
TAGS = ("tags", "material/tags")
I18N = "i18n"
DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs' notice: here every changed page is rendered


def site_inputs(config: Any, audience: str, options: dict[str, Any]) -> dict[str, str]:
    """Digest of each input every page may depend on, by a name that says what changed."""
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    sources = files_under(docs)
    own_code = [p for package in (kb, kb_mkdocs) for p in files_under(Path(package.__file__).parent)
                if "__pycache__" not in p.parts]  # the code, its templates and scripts; not Python's caches
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    stubs = config.plugins.get("kb-stubs")
    exports = root / stubs.config.exports if stubs is not None else None
    theme_dirs = [Path(d) for d in config.theme.dirs if "site-packages" not in Path(d).parts]
    settings = {**options, "audience": audience, "site_url": config.site_url,
                "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH")}
    return {
        "mkdocs.yml": digest_files([Path(config.config_file_path)], root),
        "the templates or theme": digest_files([p for d in theme_dirs for p in files_under(d)], root),
        "the plugins' code or the installed packages": digest_files(own_code, root) + digest_bytes("\n".join(packages).encode()),
        "a data file": digest_files(files_under(root / "data"), root),
        "the ticket exports": digest_files(files_under(exports) if exports and exports.is_dir() else [exports] if exports else [], root),
        "an article's front matter or the list of articles": digest_files([p for p in sources if p.suffix == ".md"], root, front_matter_only=True),
        "a file of the docs folder other than an article": digest_files([p for p in sources if p.suffix != ".md"], root),
        "the day (review dates)": dt.date.today().isoformat(),
        "the build's options": json.dumps(settings, sort_keys=True, default=str),
    }


class Incremental:
    """A MkDocs plugin of one build: skips the pages that the previous build (`previous`,
    whose folder is `old`) made from the same source, and keeps what the manifest of this
    build needs (each page's source digest, title, tags and search entries)."""

    def __init__(self, previous: Manifest | None, old: Path | None) -> None:
        self.previous = previous.pages if previous is not None and old is not None else {}
        self.old = old
        self.pages: dict[str, dict[str, Any]] = {}
        self.skipped: list[str] = []
        self._order: list[str] = []
        self._seen = 0
        self._search = None
        self._language = ""

    @property
    def rendered(self) -> int:
        return len(self.pages) - len(self.skipped)

    @event_priority(-200)  # after kb-articles chose the pages and their stand-ins
    def on_files(self, files, *, config):  # noqa: ANN001, ANN201 - MkDocs' event signature
        articles = config.plugins.get("kb-articles")
        stand_ins = articles.stand_ins if articles is not None else {}
        self._language = language(config)
        listing = listing_marker(config)
        for file in files.documentation_pages():
            source = stand_ins[file.src_uri].path if file.src_uri in stand_ins else Path(file.abs_src_path)
            text = source.read_bytes()
            digest = digest_bytes(text)
            key = self._key(file)
            self.pages[key] = {"source": digest, "title": None, "search": []}
            before = self.previous.get(key)
            # A tags listing is always rendered: the tags plugin learns of the listing (and
            # then links every page's tags to it) only from the page's Markdown.
            if (before is not None and before.get("source") == digest and (listing is None or listing not in text)
                    and (self.old / file.dest_uri).is_file()):
                file.is_modified = lambda: False  # MkDocs' dirty build then neither reads nor renders it
                self.skipped.append(key)
                self.pages[key].update(title=before.get("title"), search=before.get("search", []), tags=before.get("tags"))
        return files

    def _key(self, file) -> str:  # noqa: ANN001 - mkdocs.structure.files.File
        """A page of one language's build (each language's build lists the files it shows)."""
        return f"{self._language}:{file.dest_uri}"

    @event_priority(-200)
    def on_nav(self, nav, *, config, files):  # noqa: ANN001, ANN201
        """A page not rendered keeps its title (in other pages' menus) from the last build."""
        skipped = set(self.skipped)
        for file in files.documentation_pages():
            key = self._key(file)
            if key in skipped and file.page is not None and self.pages[key]["title"] is not None:
                file.page.title = self.pages[key]["title"]  # MkDocs gives an unread page no title
        return nav

    @event_priority(150)  # before the tags plugin fills its listings and writes tags.json
    def on_env(self, env, *, config, files):  # noqa: ANN001, ANN201
        """The tags of the pages not rendered, in the tags plugin's mappings, in page order."""
        tags = next((config.plugins[name] for name in TAGS if name in config.plugins), None)
        mappings = getattr(tags, "mappings", None)
        if mappings is not None and self.skipped:
            skipped, name = set(self.skipped), tags.config.tags_name_property
            kept = dict(mappings.data)
            mappings.data.clear()
            for file in files.documentation_pages():
                key, page = self._key(file), file.page
                if key in skipped and self.pages[key].get("tags") and page is not None:
                    page.meta[name] = self.pages[key]["tags"]
                    mappings.add(page, "")
                elif page is not None and page.url in kept:
                    mappings.data[page.url] = kept.pop(page.url)
            mappings.data.update(kept)
        self._start(config, files)
        return env

    def _start(self, config, files) -> None:  # noqa: ANN001
        self._order = [self._key(file) for file in files.documentation_pages()]
        self._search = next((config.plugins[name] for name in SEARCH if name in config.plugins), None)
        self._seen = len(self._entries() or [])

    def _entries(self) -> list | None:
        """The search plugin's own list of entries (changed in place), if there is one."""
        index = getattr(self._search, "search_index", None)
        return getattr(index, "entries", None)

    @event_priority(-200)  # after the search plugin indexed the page
    def on_page_context(self, context, *, page, config, nav):  # noqa: ANN001, ANN201
        entries = self._entries() or []
        record = self.pages.get(self._key(page.file))
        if record is not None:
            record.update(title=page.title, search=copy.deepcopy(entries[self._seen:]), tags=page.meta.get("tags"))
        self._seen = len(entries)
        return context

    @event_priority(10)  # before the search plugin writes its index
    def on_post_build(self, *, config):  # noqa: ANN001, ANN201
        """The search index in the order a clean build makes it: each page's entries, new
        or kept."""
        entries = self._entries()
        if entries is not None and self.skipped:
            entries[:] = [entry for key in self._order for entry in copy.deepcopy(self.pages[key]["search"])]

    def link_unchanged(self, new: Path) -> None:
        """The files of the pages not rendered, hard links to the last build's."""
        for key in self.skipped:
            uri = key.split(":", 1)[1]
            target = new / uri
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(self.old / uri, target)

    def manifest(self, build: str, inputs: dict[str, str]) -> Manifest:
        return Manifest(build, inputs, self.pages)


def listing_marker(config: Any) -> bytes | None:
    """What marks a page holding a tags listing (`<!-- material/tags -->`), if tags are on."""
    tags = next((config.plugins[name] for name in TAGS if name in config.plugins), None)
    directive = getattr(getattr(tags, "config", None), "listings_directive", None)
    return f"<!-- {directive}".encode() if directive else None


def language(config: Any) -> str:
    """The language being built (mkdocs-static-i18n builds one after the other)."""
    i18n = config.plugins.get(I18N)
    return str(i18n.current_language) if i18n is not None else ""


class _WithoutDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


@contextmanager
def dirty_build() -> Iterator[None]:
    """MkDocs' dirty mode for every language's build: mkdocs-static-i18n builds the other
    languages dirty only when the command line says so. Without MkDocs' warning about it
    (every page whose inputs changed is rendered here; strict builds stay strict)."""
    build_logger = logging.getLogger("mkdocs.commands.build")
    quiet = _WithoutDirtyWarning()
    build_logger.addFilter(quiet)
    sys.argv.append("--dirty")
    try:
        yield
    finally:
        sys.argv.remove("--dirty")
        build_logger.removeFilter(quiet)
