"""All articles of the knowledge base, in every language, read and checked together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kb import checks
from kb.articles import Article, read_article
from kb.audience import visible
from kb.docfiles import scan
from kb.factcheck.kept import data_digest
from kb.facts import Facts, load_facts
from kb.kept_front_matter import KeptFrontMatter
from kb.problems import Problem, Severity, sort_problems
from kb.settings import Settings
from kb.taxonomy import Taxonomy, load_taxonomy


@dataclass
class Catalog:
    settings: Settings
    taxonomy: Taxonomy
    facts: Facts
    articles: list[Article] = field(default_factory=list)  # articles and navigation pages
    problems: list[Problem] = field(default_factory=list)
    # The facts check's data files as they were before any was read (kb.factcheck.kept):
    # results kept for them are valid for this catalog; "" when unknown.
    facts_data: str = ""
    # What is derived from this catalog and kept with it (a catalog is never changed once
    # read), by the module that derives it: e.g. each audience's search documents.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @cached_property
    def by_path(self) -> dict[str, Article]:
        """Articles keyed by their docs-relative path, e.g. `en/spei/returns.md`
        (computed once the catalog is complete: pages ask for it on every render)."""
        return {a.path.relative_to(self.settings.docs_dir).as_posix(): a for a in self.articles}

    @cached_property
    def _by_id(self) -> dict[tuple[str, str], Article]:
        found: dict[tuple[str, str], Article] = {}
        for article in self.articles:
            if not article.is_page:
                found.setdefault((article.id, article.lang), article)
        return found

    def get(self, article_id: str, lang: str) -> Article | None:
        return self._by_id.get((article_id, lang))

    def stand_ins(self, audience: str) -> dict[str, Article]:
        """Pages a language lacks, keyed by the docs-relative path they would have, each
        with the version its readers are shown instead (the default language's if any)."""
        settings = self.settings
        versions: dict[str, dict[str, Article]] = {}
        for article in self.visible(audience):
            versions.setdefault(article.slug, {})[article.lang] = article
        missing = {}
        for slug, found in versions.items():
            shown = found.get(settings.default_language) or next(iter(found.values()))
            for lang in settings.languages:
                if lang not in found:
                    missing[f"{lang}/{slug}.md"] = shown
        return missing

    def visible(self, audience: str) -> list[Article]:
        return [a for a in self.articles if visible(a, audience)]


def article_files(settings: Settings) -> list[Path]:
    """The articles under each language folder, in a stable order (see kb.docfiles)."""
    return scan(settings.docs_dir, settings.languages).articles


def load_catalog(settings: Settings, today: dt.date | None = None, strict: bool = False) -> Catalog:
    """Read every article and run every check; never raises on bad content."""
    today = today or dt.date.today()
    facts_data = data_digest(settings)
    taxonomy, problems = load_taxonomy(settings.taxonomy, settings.languages, settings.display(settings.taxonomy))
    facts, fact_problems = load_facts(settings.facts, settings.languages, settings.display(settings.facts))
    problems += fact_problems
    catalog = Catalog(settings, taxonomy, facts, facts_data=facts_data)
    if not settings.docs_dir.is_dir():
        problems.append(Problem(settings.display(settings.docs_dir), 0, "", "the docs folder does not exist",
                                "create docs/en/ and docs/es/, or set docs_dir in mkdocs.yml"))
    files = scan(settings.docs_dir, settings.languages)
    for path in files.dangling:
        problems.append(Problem(f"{settings.display(path.parent)}/{path.name}", 0, "", "is a link to a missing file: skipped",
                                "remove the link, or restore the file it points at", Severity.WARNING, "not-an-article"))
    kept = KeptFrontMatter(settings.root)
    for path in files.articles:
        article, found = read_article(path, settings, taxonomy, today, kept.fields)
        problems += found
        if article is not None:
            catalog.articles.append(article)
    kept.save()
    problems += checks.check_catalog(catalog, today, strict, {(p.file, p.field) for p in problems})
    catalog.problems = sort_problems(problems)
    return catalog
