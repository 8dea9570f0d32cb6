"""A site build kept loaded, for `kb serve`: after a full build, the pages of articles whose
body changed are rendered again with the same configuration, plugins, navigation and
templates, in a copy of the last build (its other files hard-linked), instead of building
every page of every language again.

MkDocs has no per-page build: this runs its page pipeline (`_populate_page`: read the
source, the plugins' Markdown events, render; then the template with the page's context,
as `_build_page` does) on the state each language's build left, captured by a small
plugin. A change that moves navigation is not this module's business: the caller builds
the whole site again (`build`).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.labels import serve_words
from mkdocs.commands.build import _populate_page, build, get_context
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import event_priority

from kb_mkdocs.site import BuildFailed, Printer, environment, set_page_extras, template_cache

ARTICLES = "kb-articles"
I18N = "i18n"


@dataclass
class _Language:
    """What one language's build left: its files, navigation, templates and stand-ins."""

    files: Any  # mkdocs.structure.files.Files
    nav: Any  # mkdocs.structure.nav.Navigation
    env: Any  # jinja2.Environment
    stand_ins: dict


class _Capture:
    """A plugin of this process only: keeps each language's files, navigation and template
    environment when its build has made them (after every other plugin)."""

    def __init__(self, session: SiteSession) -> None:
        self.session = session
        self.nav = None

    @event_priority(-200)
    def on_nav(self, nav, *, config, files):  # noqa: ANN001, ANN201 - MkDocs' event signature
        self.nav = nav
        return nav

    @event_priority(-200)
    def on_env(self, env, *, config, files):  # noqa: ANN001, ANN201
        articles = config.plugins.get(ARTICLES)
        self.session.languages[self.session.language(config)] = _Language(
            files, self.nav, env, dict(articles.stand_ins) if articles else {})
        return env


class SiteSession:
    """One audience's site, built in full by `build` and then page by page by `render`."""

    def __init__(self, config_file: Path, audience: str) -> None:
        self.config_file = config_file
        self.audience = audience
        self.config = None
        self.languages: dict[str, _Language] = {}

    def language(self, config) -> str:  # noqa: ANN001 - MkDocsConfig
        i18n = config.plugins.get(I18N)
        return str(i18n.current_language) if i18n else ""

    def build(self, site_dir: Path) -> float:
        """Build the whole site into `site_dir` (not strict, live reload and search API on:
        the site `kb serve` shows) and keep its state; returns the seconds it took."""
        start = time.perf_counter()
        self.config, self.languages = None, {}
        logger = logging.getLogger("mkdocs")
        printer = Printer()
        logger.addHandler(printer)
        try:
            with environment(KB_AUDIENCE=self.audience, NO_MKDOCS_2_WARNING="1"):
                config = load_config(str(self.config_file), site_dir=str(site_dir), strict=False)
                set_page_extras(config, live_reload=True, search_api=True)
                config.extra["kb_stale_words"] = serve_words()
                config.plugins["kb-serve-capture"] = _Capture(self)
                config.plugins["kb-template-cache"] = template_cache(self.config_file)
                build(config)
        except MkDocsException as exc:
            reason = "\n".join(printer.errors) or str(exc)
            raise BuildFailed(f"the {self.audience} site was not built: {reason}") from None
        finally:
            logger.removeHandler(printer)
        self.config = config
        return time.perf_counter() - start

    def pages_of(self, sources: set[Path]) -> list[tuple[str, Any]]:
        """(language, page) of every page made from one of `sources` (a stand-in for a
        missing translation too), in every language built. Compared as paths under the
        docs folder: no file system call per page."""
        docs = Path(self.config.docs_dir).resolve()
        wanted = {p.resolve().relative_to(docs).as_posix() for p in sources if p.resolve().is_relative_to(docs)}
        found = []
        for lang, state in self.languages.items():
            for file in state.files.documentation_pages():
                stand_in = state.stand_ins.get(file.src_uri)
                source = stand_in.path.resolve().relative_to(docs).as_posix() if stand_in is not None else file.src_uri
                if source in wanted and file.page is not None:
                    found.append((lang, file.page))
        return found

    def render(self, sources: set[Path], old: Path, new: Path) -> int:
        """Make `new` a copy of the build `old` with the pages of `sources` rendered again;
        returns how many pages were. Raises BuildFailed if one cannot be (build it all).
        Only the body changed: the articles' front matter, and so the catalog kb-articles
        read (titles, related lists, notices), are still right; the page's text is read
        again from its file (the catalog is read again, and checked, for the search index)."""
        if self.config is None:
            raise BuildFailed("no build to render pages into")
        pages = self.pages_of(sources)
        if not pages:
            raise BuildFailed("the changed files make no page of the last build")
        link_tree(old, new)
        config = self.config
        i18n = config.plugins.get(I18N)
        articles = config.plugins.get(ARTICLES)
        built = Path(config.site_dir)
        logger = logging.getLogger("mkdocs")
        printer = Printer()
        logger.addHandler(printer)
        try:
            with environment(KB_AUDIENCE=self.audience, NO_MKDOCS_2_WARNING="1"):
                for lang in sorted({lang for lang, _ in pages}):
                    state = self.languages[lang]
                    if i18n is not None:  # the language's settings (site name, theme language...), as its build had
                        i18n.current_language = lang
                        config = i18n.on_config(config)
                    if articles is not None:
                        articles.stand_ins = state.stand_ins
                    doc_files = state.files.documentation_pages()
                    for _, page in (item for item in pages if item[0] == lang):
                        _populate_page(page, config, state.files)
                        page.active = True
                        try:
                            context = get_context(state.nav, doc_files, config, page)
                            template = state.env.get_template(page.meta.get("template", "main.html"))
                            context = config.plugins.on_page_context(context, page=page, config=config, nav=state.nav)
                            output = config.plugins.on_post_page(template.render(context), page=page, config=config)
                        finally:
                            page.active = False
                        target = new / Path(page.file.abs_dest_path).relative_to(built)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.unlink(missing_ok=True)  # a new file, not one shared with `old`
                        target.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))
        except (MkDocsException, OSError, KeyError) as exc:
            reason = "\n".join(printer.errors) or f"{type(exc).__name__}: {exc}"
            raise BuildFailed(f"the changed pages were not rendered: {reason}") from None
        finally:
            logger.removeHandler(printer)
        return len(pages)


def link_tree(old: Path, new: Path) -> None:
    """`new`, a copy of the folder `old` whose files are hard links (copy on write: a file
    changed in `new` is written as a new file, never in place). Plain strings and
    `os` calls: at thousands of pages, this is most of an edit's time."""
    start = len(str(old))
    for folder, _, names in os.walk(old):
        here = str(new) + folder[start:]
        os.mkdir(here)
        for name in names:
            os.link(f"{folder}/{name}", f"{here}/{name}")
