"""The one place that reads the site configuration (mkdocs.yml), with MkDocs' own loader:
`!ENV`, `INHERIT` and the plugins' options (and their defaults) mean what MkDocs says they
mean. It turns the configuration into the core's plain `kb.settings.Settings`."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from kb.settings import Settings, SettingsError, project_root
from kb_mkdocs.i18n import site_languages

ARTICLES_PLUGIN = "kb-articles"


def settings_of(config: MkDocsConfig, options: dict[str, Any]) -> Settings:
    """The core's settings from a loaded configuration and the `kb-articles` options."""
    languages, default = site_languages(config)
    return Settings.for_project(project_root(Path(config.config_file_path)), options,
                                docs_dir=Path(config.docs_dir), site_dir=Path(config.site_dir),
                                languages=languages, default_language=default, site_files=_site_files(config))


def _site_files(config: MkDocsConfig) -> tuple[str, ...]:
    """The docs files the configuration itself puts in the site (not an article's)."""
    named = [*config.extra_css, *(getattr(script, "path", script) for script in config.extra_javascript),
             config.theme.get("favicon"), config.theme.get("logo")]
    docs = Path(config.docs_dir)
    return tuple(sorted({str(name).lstrip("/") for name in named if name and (docs / str(name).lstrip("/")).is_file()}))


class _Said(logging.Handler):
    """Keeps what MkDocs says while it loads the configuration (it raises only "Aborted")."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_settings(config_file: Path) -> Settings:
    """Settings from the site configuration file, as MkDocs reads it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not config_file.is_file():
        raise SettingsError(f"{config_file}: no such file; run kb from the project folder or pass --config")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    said = _Said()
    logger.addHandler(said)
    saved, logger.propagate = logger.propagate, False  # its complaints go into the one-line error
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as exc:
        reason = "; ".join(said.messages) or str(exc)
        raise SettingsError(f"{config_file}: not a valid site configuration: {reason}") from None
    finally:
        logger.removeHandler(said)
        logger.propagate = saved
    plugin = config.plugins.get(ARTICLES_PLUGIN)
    return settings_of(config, dict(plugin.config) if plugin is not None else {})
