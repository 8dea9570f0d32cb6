"""`kb index`: build the search index of each audience from the articles as they are now."""

from __future__ import annotations

import click

from kb.catalog import Catalog, load_catalog
from kb.search.index import BuildReport, build_index
from kb.settings import Settings


def checked_catalog(settings: Settings) -> Catalog:
    """The articles, or a one-line error when any of them is broken (search needs them all)."""
    catalog = load_catalog(settings)
    if catalog.errors:
        first = catalog.errors[0]
        raise click.ClickException(f"{len(catalog.errors)} article error(s), the first: {first}; run 'kb check' for the list")
    return catalog


def index_audiences(settings: Settings, audiences: list[str], catalog: Catalog | None = None,
                    whole: bool = False) -> list[BuildReport]:
    """Build the index of each audience from the articles as they are now (`catalog`: as a
    site build just read and checked them; `whole`: nothing taken from the last index)."""
    catalog = catalog or checked_catalog(settings)
    return [build_index(catalog, audience, whole=whole) for audience in audiences]
