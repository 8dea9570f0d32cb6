"""Building the site with MkDocs: the only code that drives MkDocs' build itself."""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit, urlunsplit

from kb.labels import feedback_words, search_box_words, sign_out_words
from kb.memo import cache_root
from kb.settings import project_root

log = logging.getLogger("kb.site")


class BuildFailed(RuntimeError):
    """The site could not be built; the message says why, for a person."""


@contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Printer(logging.Handler):
    """Shows MkDocs' warnings as they come and keeps its errors for the failure message
    (MkDocs itself only raises "Aborted with a BuildError!")."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())
        else:
            print(f"WARNING: {record.getMessage()}", flush=True)


def set_page_extras(config: Any, *, live_reload: bool, search_api: bool, base_path: str | None = None) -> None:
    """What the templates read beyond the configuration: how the site is served (live reload,
    the search API, a path prefix behind kb web's login) and the words of its scripts. The one
    place every build (kb build, kb serve's full and per-page builds) sets them."""
    config.extra["kb_live_reload"] = live_reload
    config.extra["kb_search_api"] = search_api
    config.extra["kb_search_words"] = search_box_words()
    config.extra["kb_feedback_words"] = feedback_words()
    if base_path is not None:
        parts = urlsplit(config.site_url or "http://127.0.0.1:8000/")
        config.site_url = urlunsplit((parts.scheme, parts.netloc, base_path, "", ""))
        config.extra["kb_signout"] = sign_out_words()  # served behind kb web's login


class TemplateCache:
    """A MkDocs plugin of one build: the theme's templates compiled once and kept, as
    Jinja's bytecode, in the project's cache (each build, and each language's, would
    compile Material's templates again: about half a second a build). Jinja checks each
    template's source against what it compiled, and writes its files atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def on_env(self, env, *, config, files):  # noqa: ANN001, ANN201 - MkDocs' event signature
        from jinja2 import FileSystemBytecodeCache

        class Kept(FileSystemBytecodeCache):
            def dump_bytecode(self, bucket) -> None:  # noqa: ANN001 - jinja2.bccache.Bucket
                try:
                    super().dump_bytecode(bucket)
                except OSError:  # the folder removed meanwhile (kb build --clean): compiled next time
                    pass

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env  # no cache: templates compiled as MkDocs does
        env.bytecode_cache = Kept(str(self.folder))
        return env


def template_cache(config_file: Path) -> TemplateCache:
    return TemplateCache(cache_root(project_root(Path(config_file))) / "templates")


@dataclass
class Build:
    """What one build did: its seconds, the pages it rendered of all its pages, and why it
    rendered them all when an earlier build was there to start from."""

    seconds: float = 0.0
    rendered: int = 0
    pages: int = 0
    full_because: str | None = None
    manifest: Any = None  # kb.build_manifest.Manifest, without its build's name
    catalog: Any = None  # kb.catalog.Catalog the build read (checked): the search index needs no second read


def build_site(config_file: Path, audience: str, site_dir: Path, *, strict: bool = True, live_reload: bool = False,
               search_api: bool = False, base_path: str | None = None, previous: Any = None,
               previous_dir: Path | None = None) -> Build:
    """Build the site for `audience` into `site_dir`, a new or empty folder.
    `search_api`: the site is served with /api/search, and its search box uses it.
    `base_path`: the site is served under this path (e.g. /internal/), not at the root of
    the configured site_url.
    `previous`: the manifest of the build in `previous_dir`: the pages whose inputs are
    as they were are hard-linked from there, not rendered (kb_mkdocs.incremental)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from kb_mkdocs.incremental import Incremental, dirty_build, site_inputs

    start = time.perf_counter()
    logger = logging.getLogger("mkdocs")
    printer = Printer()
    logger.addHandler(printer)
    try:
        with environment(KB_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1"):
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            set_page_extras(config, live_reload=live_reload, search_api=search_api, base_path=base_path)
            inputs = site_inputs(config, audience, {"live_reload": live_reload, "search_api": search_api,
                                                    "base_path": base_path, "strict": strict})
            if previous is None or previous_dir is None:
                full_because = "no earlier build to start from"
            else:
                changed = previous.changed_input(inputs)
                full_because = changed and f"{changed} changed"
            pages = Incremental(None if full_because else previous, previous_dir)
            config.plugins["kb-incremental"] = pages
            config.plugins["kb-template-cache"] = template_cache(config_file)
            if full_because:
                build(config)
            else:
                with dirty_build():
                    build(config, dirty=True)
                pages.link_unchanged(Path(site_dir))
    except MkDocsException as exc:
        reason = "\n".join(printer.errors) or str(exc)
        raise BuildFailed(f"the {audience} site was not built: {reason}") from None
    finally:
        logger.removeHandler(printer)
    return Build(time.perf_counter() - start, pages.rendered, len(pages.pages), full_because, pages.manifest("", inputs),
                 getattr(config.plugins.get("kb-articles"), "catalog", None))
