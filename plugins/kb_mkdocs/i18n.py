"""What the adapters need to know of mkdocs-static-i18n: the languages and the language
of the build a page is being rendered for."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def site_languages(config: MkDocsConfig) -> tuple[tuple[str, ...], str]:
    """The languages built, and the default one."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return ("en",), "en"
    languages = tuple(lang.locale for lang in plugin.config.languages if lang.build)
    default = next((lang.locale for lang in plugin.config.languages if lang.default), languages[0])
    return languages, default


def build_language(page: Page, fallback: str) -> str:
    """The language of the site the page is shown in (differs from the file's own
    language when a missing translation falls back to the default language)."""
    return getattr(page.file, "locale_alternate_of", None) or fallback
