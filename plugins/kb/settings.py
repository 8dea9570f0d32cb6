"""Where the knowledge base lives and how it is configured, as plain values.

The site's configuration file (mkdocs.yml) is the single place for settings, but the core
never reads it: `kb_mkdocs.settings` does, with MkDocs' own loader, and hands the core these
values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

DEFAULT_REVIEW_DAYS = 180
DEFAULT_ANALYTICS_DAYS = 90  # how long searches and votes are kept


class SettingsError(ValueError):
    """The configuration file is missing or unreadable; the message says which and why."""


def project_root(config_file: Path) -> Path:
    """The project's folder: the one holding its configuration file."""
    return config_file.resolve().parent


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    site_dir: Path
    taxonomy: Path
    facts: Path
    languages: tuple[str, ...] = ("en", "es")
    default_language: str = "en"
    review_every: int = DEFAULT_REVIEW_DAYS
    pages: tuple[str, ...] = ("index.md", "tags.md")
    fact_rules: Path | None = None  # the facts check's rules; None: no rules
    dated_facts: Path | None = None  # facts valid between dates; None: none
    # Files under docs/ the site's configuration names itself (extra CSS and JavaScript, the
    # theme's logo and favicon), docs-relative: every audience's site holds them.
    site_files: tuple[str, ...] = ()
    analytics_days: int = DEFAULT_ANALYTICS_DAYS

    def display(self, path: Path) -> str:
        """A path as a person sees it in messages: relative to the project root (as written
        first: the paths of articles are made from the root, and resolving each one costs
        a system call per folder)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self._resolved_root).as_posix()
        except ValueError:
            return str(path)

    @cached_property
    def _resolved_root(self) -> Path:
        return self.root.resolve()

    @classmethod
    def for_project(cls, root: Path, options: dict[str, Any] | None = None, **overrides: Any) -> Settings:
        """Settings from a project root and the knowledge-base plugin's options."""
        options = dict(options or {})
        root = root.resolve()
        values: dict[str, Any] = {
            "root": root,
            "docs_dir": root / "docs",
            "site_dir": root / "site",
            "taxonomy": root / options.get("taxonomy", "data/taxonomy.yml"),
            "facts": root / options.get("facts", "data/platform.yml"),
            "fact_rules": root / options.get("fact_rules", "data/fact-rules.yml"),
            "dated_facts": root / options.get("dated_facts", "data/dated-facts.yml"),
            "review_every": int(options.get("review_every", DEFAULT_REVIEW_DAYS)),
            "analytics_days": int(options.get("analytics_retention_days", DEFAULT_ANALYTICS_DAYS)),
        }
        values.update(overrides)
        return cls(**values)
