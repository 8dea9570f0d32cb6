"""Building the site with MkDocs: the only code that drives MkDocs' build itself."""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit, urlunsplit

from kb.labels import feedback_words, search_box_words, sign_out_words

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


def build_site(config_file: Path, audience: str, site_dir: Path, *, strict: bool = True, live_reload: bool = False,
               search_api: bool = False, base_path: str | None = None) -> float:
    """Build the site for `audience` into `site_dir`; returns the seconds it took.
    `search_api`: the site is served with /api/search, and its search box uses it.
    `base_path`: the site is served under this path (e.g. /internal/), not at the root of
    the configured site_url."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start = time.perf_counter()
    logger = logging.getLogger("mkdocs")
    printer = Printer()
    logger.addHandler(printer)
    try:
        with environment(KB_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1"):
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            set_page_extras(config, live_reload=live_reload, search_api=search_api, base_path=base_path)
            build(config)
    except MkDocsException as exc:
        reason = "\n".join(printer.errors) or str(exc)
        raise BuildFailed(f"the {audience} site was not built: {reason}") from None
    finally:
        logger.removeHandler(printer)
    return time.perf_counter() - start
