"""Checks across articles: duplicate ids, translations, links, facts, review dates
(the facts check, against the data files, is kb.factcheck)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from kb.audience import CLOSE, OPEN, internal_blocks, marker_problems
from kb.diagrams import MARKER, diagram_path
from kb.factcheck import check_facts
from kb.limits import quote
from kb.links import find_links
from kb.problems import Problem, Severity
from kb.publication import account
from kb.vocabulary import Audience

if TYPE_CHECKING:
    from kb.articles import Article
    from kb.catalog import Catalog

# Fields that must agree between the language versions of one article.
SHARED_FIELDS = ("type", "audience", "status", "tags", "related", "ticket_tags")


def check_catalog(catalog: Catalog, today: dt.date, strict: bool, reported: set[tuple[str, str]]) -> list[Problem]:
    """`reported` holds (file, field) pairs already found wrong, not to be compared again."""
    problems: list[Problem] = []
    problems += check_duplicates(catalog)
    problems += check_translations(catalog, strict, reported)
    problems += check_links(catalog)
    problems += check_related(catalog)
    problems += check_bodies(catalog)
    problems += check_reviews(catalog, today)
    problems += check_facts(catalog, today)
    problems += account(catalog)
    return problems


def check_duplicates(catalog: Catalog) -> list[Problem]:
    seen: dict[tuple[str, str], Article] = {}
    problems = []
    for article in catalog.articles:
        if article.is_page or not article.id:
            continue
        key = (article.id, article.lang)
        if key in seen:
            first = seen[key]
            problems.append(Problem(article.display, article.line_of("id"), "id",
                                    f"the id '{article.id}' is already used by {first.display}",
                                    "give each article its own id (the id is its path under docs/<lang>/)", code="duplicate-id"))
        else:
            seen[key] = article
    return problems


def check_translations(catalog: Catalog, strict: bool, reported: set[tuple[str, str]]) -> list[Problem]:
    """Each id exists in every language, and its versions agree on what they are."""
    problems = []
    groups: dict[tuple[str, bool], dict[str, Article]] = defaultdict(dict)
    for article in catalog.articles:
        groups[(article.slug, article.is_page)].setdefault(article.lang, article)
    languages = catalog.settings.languages
    for (slug, _), versions in sorted(groups.items()):
        for lang in languages:
            if lang in versions:
                continue
            existing = next(iter(versions.values()))
            published = not existing.is_page and existing.status == "published"
            severity = Severity.ERROR if strict and published else Severity.WARNING
            problems.append(Problem(existing.display, 0, "translation",
                                    f"there is no '{lang}' version (docs/{lang}/{slug}.md); its readers see the '{existing.lang}' version with a notice",
                                    f"write docs/{lang}/{slug}.md with the same id (kb new can scaffold it)", severity, "missing-translation"))
        if len(versions) < 2:
            continue
        reference, *others = [versions[lang] for lang in languages if lang in versions]
        for other in others:
            for name in SHARED_FIELDS if not other.is_page else ("audience",):
                if (other.display, name) in reported or (reference.display, name) in reported:
                    continue
                mine, theirs = getattr(other, name), getattr(reference, name)
                if (sorted(mine) if isinstance(mine, list) else mine) != (sorted(theirs) if isinstance(theirs, list) else theirs):
                    problems.append(Problem(other.display, other.line_of(name), name,
                                            f"is {quote(mine)} here but {quote(theirs)} in {reference.display}",
                                            f"use the same {name} in every language version", code="translation-mismatch"))
    return problems


def check_links(catalog: Catalog) -> list[Problem]:
    """Links resolve to a file, and nothing public links outside the public site, in any of
    the forms a link takes (see kb.links)."""
    by_path = catalog.by_path
    settings = catalog.settings
    problems = []
    for source, article in by_path.items():
        spans = internal_blocks(article.body)
        for link in find_links(article.body, source, settings.languages, settings.default_language):
            line = article.body_line + article.body.count("\n", 0, link.offset)
            target = next((by_path[c] for c in link.candidates if c in by_path), None)
            if target is None:
                if link.explicit:
                    problems.append(Problem(article.display, line, "link", f"'{quote(link.raw)}' points at docs/{quote(link.target)}, which does not exist",
                                            "fix the path (links are relative to this file and stay in the same language folder)", code="broken-link"))
                continue
            in_internal_block = any(start <= link.offset < end for start, end in spans)
            if article.is_public and not in_internal_block and not target.is_public:
                why = "internal" if target.audience == Audience.INTERNAL else "a draft"
                problems.append(Problem(article.display, line, "link",
                                        f"this public page links to '{quote(link.raw)}', which is {why} and absent from the public site",
                                        f"remove the link, put it between '{OPEN}' and '{CLOSE}' lines, or publish the target", code="public-links-internal"))
    return problems


def check_related(catalog: Catalog) -> list[Problem]:
    ids = {a.id for a in catalog.articles if not a.is_page}
    problems = []
    for article in catalog.articles:
        for related in article.related:
            if related not in ids:
                problems.append(Problem(article.display, article.line_of("related"), "related", f"'{quote(related)}' is not the id of any article",
                                        "use the id (path under docs/<lang>/ without .md) of an existing article", code="unknown-related"))
    return problems


def check_bodies(catalog: Catalog) -> list[Problem]:
    """Placeholders name real facts, internal blocks close, published articles cite and link."""
    problems = []
    for article in catalog.articles:
        problems += catalog.facts.check(article.body, article.lang, article.display, article.body_line)
        for match in MARKER.finditer(article.body):
            path = diagram_path(catalog.settings.docs_dir, article.lang, match.group("name"))
            if not path.is_file():
                problems.append(Problem(article.display, article.body_line + article.body.count("\n", 0, match.start()), "diagram",
                                        f"the diagram '{match.group('name')}' has no file {catalog.settings.display(path)}",
                                        "draw it there (one SVG per language) or fix the name in the kb:diagram line", code="missing-diagram"))
        for marker in marker_problems(article.body):
            problems.append(Problem(article.display, article.body_line + marker.line - 1, "internal block", marker.message,
                                    marker.fix, code=marker.code))
        if article.is_page or article.status != "published":
            continue
        if article.is_public and not article.sources:
            problems.append(Problem(article.display, article.line_of("title"), "sources", "a public article cites no source",
                                    "add 'sources:' with the primary source of its facts", Severity.WARNING, "no-sources"))
        if not find_links(article.body, article.path.relative_to(catalog.settings.docs_dir).as_posix()):
            problems.append(Problem(article.display, article.body_line, "link", "the article links to no other article",
                                    "link to where a reader would go next, e.g. [SPEI returns](../spei/returns.md)", Severity.WARNING, "no-links"))
    return problems


def check_reviews(catalog: Catalog, today: dt.date) -> list[Problem]:
    problems = []
    for article in catalog.articles:
        if not article.is_page and article.is_overdue(today):
            problems.append(Problem(article.display, article.line_of("last_reviewed"), "last_reviewed",
                                    f"review overdue since {article.review_due.isoformat()} (last reviewed {article.last_reviewed.isoformat()}, every {article.review_every} days)",
                                    f"review the article and set 'last_reviewed: {today.isoformat()}'", Severity.WARNING, "review-overdue"))
    return problems
