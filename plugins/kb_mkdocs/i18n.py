"""What the adapters need to know of mkdocs-static-i18n: the languages and the language
of the build a page is being rendered for."""

from __future__ import annotations

from copy import deepcopy

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


def current_language(config: MkDocsConfig) -> str:
    """The language being built now (mkdocs-static-i18n builds the default one first, then
    each other language into the same site folder)."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or site_languages(config)[1]


def language_homes(config: MkDocsConfig) -> list[dict]:
    """The language selector's entries leading to each language's home page (the plugin
    rewrites them per page; pages that are not documents, such as 404.html, need these)."""
    plugin = config.plugins.get("i18n")
    return deepcopy(getattr(plugin, "extra_alternate", None) or [])


def build_language(page: Page, fallback: str) -> str:
    """The language of the site the page is shown in (differs from the file's own
    language when a missing translation falls back to the default language)."""
    return getattr(page.file, "locale_alternate_of", None) or fallback
