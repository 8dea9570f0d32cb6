"""`kb report searches` and `kb report feedback`: what the analytics store says, for leads,
as text or JSON (the leads' page of the internal server shows the same)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

import click

from kb.analytics.migrations import NewerDatabase
from kb.analytics.report import ArticleVotes, QueryLine, SearchReport, feedback_report, search_report
from kb.analytics.store import AnalyticsStore, database_path
from kb.settings import Settings

_DAYS = re.compile(r"(\d{1,5})d")


def parse_since(value: str, now: dt.datetime | None = None) -> dt.datetime:
    """`30d` (the last 30 days) or a date `2026-11-01` (from its start, UTC)."""
    now = now or dt.datetime.now(dt.UTC)
    if match := _DAYS.fullmatch(value.strip()):
        return now - dt.timedelta(days=int(match.group(1)))
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither a number of days (30d) nor a date (2026-11-01)",
                                 param_hint="--since") from None
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def open_store(settings: Settings) -> AnalyticsStore:
    """The project's analytics store; a clear error when nothing was recorded yet."""
    path = database_path(settings.root)
    if not path.exists():
        raise click.ClickException(f"{settings.display(path)}: nothing recorded yet (kb serve records "
                                   "searches and votes as readers use the site)")
    try:
        return AnalyticsStore(path, settings.analytics_days)
    except ValueError as exc:
        raise click.ClickException(f"mkdocs.yml, kb-articles: analytics_retention_days: {exc}") from None
    except (NewerDatabase, sqlite3.Error) as exc:
        raise click.ClickException(f"{settings.display(path)}: {exc}") from None


def _query_rows(lines: list[QueryLine], opened: bool) -> list[str]:
    rows = []
    for line in lines:
        extra = f", opened {line.opened}" + (f" (most: {line.top_opened})" if line.top_opened else "") if opened else ""
        rows.append(f"    {line.searches:>5}  {line.query}  [{line.results} results{extra}]")
    return rows or ["    (none)"]


def searches_text(report: SearchReport) -> str:
    lines = [f"Searches since {report.since}: {report.searches}, a result opened from {report.opened}"]
    for lang in report.languages:
        lines += [f"", f"{lang.lang}: {lang.searches} searches",
                  "  Top queries:", *_query_rows(lang.top, True),
                  "  No result:", *_query_rows(lang.no_results, False),
                  "  Results nobody opened:", *_query_rows(lang.not_opened, False)]
    return "\n".join(lines)


def feedback_text(votes: list[ArticleVotes], since: dt.datetime) -> str:
    lines = [f"Was this helpful? since {since.isoformat(timespec='seconds')}: {len(votes)} articles voted on"]
    for article in votes:
        lines.append(f"  {article.article} ({article.lang}): {article.yes} yes, {article.no} no, {article.share:.0%} helpful")
        lines += [f"      {c['at'][:10]} {c['helpful']}: {c['comment']}" for c in article.comments]
    return "\n".join(lines)


def report_searches(settings: Settings, since: dt.datetime, limit: int, as_json: bool) -> str:
    store = open_store(settings)
    try:
        report = search_report(store.db, since, limit)
    finally:
        store.close()
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) if as_json else searches_text(report)


def report_feedback(settings: Settings, since: dt.datetime, as_json: bool) -> str:
    store = open_store(settings)
    try:
        votes = feedback_report(store.db, since)
    finally:
        store.close()
    if as_json:
        return json.dumps({"since": since.isoformat(timespec="seconds"), "articles": [v.to_json() for v in votes]},
                          ensure_ascii=False, indent=2)
    return feedback_text(votes, since)
