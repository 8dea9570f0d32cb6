"""Building the site with MkDocs: the only code that drives MkDocs' build itself."""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kb.labels import search_box_words

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


def build_site(config_file: Path, audience: str, site_dir: Path, *, strict: bool = True, live_reload: bool = False,
               search_api: bool = False) -> float:
    """Build the site for `audience` into `site_dir`; returns the seconds it took.
    `search_api`: the site is served with /api/search, and its search box uses it."""
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
            config.extra["kb_live_reload"] = live_reload
            config.extra["kb_search_api"] = search_api
            config.extra["kb_search_words"] = search_box_words()
            build(config)
    except MkDocsException as exc:
        reason = "\n".join(printer.errors) or str(exc)
        raise BuildFailed(f"the {audience} site was not built: {reason}") from None
    finally:
        logger.removeHandler(printer)
    return time.perf_counter() - start
