"""`kb new`: scaffold an article in every language from its type's template, as a draft."""

from __future__ import annotations

from pathlib import Path

import click

from kb.scaffold import ScaffoldError, new_article
from kb.settings import Settings
from kb.taxonomy import load_taxonomy


def scaffold(settings: Settings, article_id: str, article_type: str, titles: dict[str, str], tags: str | None,
             audience: str, owner: str) -> list[Path]:
    """Write the article's files (never over an existing one); `tags` is comma-separated."""
    taxonomy, _ = load_taxonomy(settings.taxonomy, settings.languages)
    try:
        return new_article(settings, taxonomy, article_id, article_type, titles=titles,
                           tags=[t.strip() for t in tags.split(",") if t.strip()] if tags else None,
                           audience=audience, owner=owner)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
