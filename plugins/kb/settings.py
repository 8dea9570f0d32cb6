"""Where the knowledge base lives and how it is configured.

The site's configuration file (mkdocs.yml) is the single place for settings: the `kb`
command reads the knowledge-base plugin's options and the languages from it as plain YAML,
so the core needs no site generator to know them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_REVIEW_DAYS = 180
ARTICLES_PLUGIN = "kb-articles"


class SettingsError(ValueError):
    """The configuration file is missing or unreadable; the message says which and why."""


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
    options: dict[str, Any] = field(default_factory=dict, compare=False)

    def display(self, path: Path) -> str:
        """A path as a person sees it in messages: relative to the project root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

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
            "options": options,
        }
        values.update(overrides)
        return cls(**values)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV` takes its variable or default, other tags become None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)
    for name in names[:-1]:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return names[-1] if len(names) > 1 else None


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_settings(config_file: Path) -> Settings:
    """Settings from the site configuration file (mkdocs.yml)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except FileNotFoundError:
        raise SettingsError(f"{config_file}: no such file; run kb from the project folder or pass --config") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"{config_file}: not valid YAML ({exc})") from None
    root = config_file.resolve().parent
    plugins = data.get("plugins") or []
    entries: dict[str, dict[str, Any]] = {}
    for item in plugins:
        if isinstance(item, str):
            entries[item] = {}
        elif isinstance(item, dict):
            for name, opts in item.items():
                entries[name] = opts or {}
    languages: tuple[str, ...] = ("en",)
    default = "en"
    i18n = entries.get("i18n", {})
    if i18n.get("languages"):
        languages = tuple(lang["locale"] for lang in i18n["languages"] if lang.get("build", True) is not False)
        default = next((lang["locale"] for lang in i18n["languages"] if lang.get("default")), languages[0])
    return Settings.for_project(
        root,
        entries.get(ARTICLES_PLUGIN, {}),
        docs_dir=root / data.get("docs_dir", "docs"),
        site_dir=root / data.get("site_dir", "site"),
        languages=languages,
        default_language=default,
    )
