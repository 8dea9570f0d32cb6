"""`kb check`: validate every article without building the site."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from kb.catalog import Catalog, load_catalog
from kb.settings import Settings


def run_check(settings: Settings, strict: bool = False, today: dt.date | None = None) -> Catalog:
    return load_catalog(settings, today=today, strict=strict)


def report_text(catalog: Catalog) -> str:
    """Human report: one line per problem, then a count."""
    lines = [str(problem) for problem in catalog.problems]
    files = [a for a in catalog.articles if not a.is_page]
    articles = len({a.id for a in files})
    errors, warnings = len(catalog.errors), len(catalog.warnings)
    overdue = Counter(p.code for p in catalog.warnings)["review-overdue"]
    summary = f"{articles} article{'s' * (articles != 1)} ({len(files)} files) checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if overdue:
        summary += f" ({overdue} overdue for review)"
    lines.append(summary)
    return "\n".join(lines)


def report_json(catalog: Catalog) -> str:
    return json.dumps({
        "articles": sum(1 for a in catalog.articles if not a.is_page),
        "errors": len(catalog.errors),
        "warnings": len(catalog.warnings),
        "problems": [p.to_dict() for p in catalog.problems],
    }, ensure_ascii=False, indent=2)
