"""`kb report searches` and `kb report feedback`, through click's CliRunner, on a store the
test fills; the retention comes from mkdocs.yml."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from kb.analytics.store import AnalyticsStore, database_path
from kb_app.commands.serve import open_analytics


def _fill(project, days: int = 90) -> None:
    store = AnalyticsStore(database_path(project.root), days)
    for _ in range(2):
        found = store.record_search("spei no llega", lang="es", audience="internal", results=4)
    store.record_click(found.token, "spei/timelines", 2)
    store.record_search("clabe fantasma", lang="es", audience="internal", results=0)
    store.record_search("payout calendar", lang="en", audience="internal", results=3)
    store.record_feedback("spei/timelines", lang="es", audience="internal", helpful=False, comment="falta el horario del sábado")
    store.record_feedback("spei/timelines", lang="es", audience="internal", helpful=True)
    store.record_feedback("payments/refunds", lang="en", audience="internal", helpful=True)
    store.close()


def test_report_searches_lists_top_empty_and_unopened_queries_per_language(project):
    _fill(project)
    ran = project.kb("report", "searches")
    assert ran.returncode == 0, ran.stderr
    assert "Searches since" in ran.stdout and ": 4, a result opened from 1" in ran.stdout
    es, en = ran.stdout.split("\nes: ")[1].split("\nen: ")
    assert "2  spei no llega  [4 results, opened 1 (most: spei/timelines)]" in es
    assert "No result:\n        1  clabe fantasma" in es
    assert "Results nobody opened:\n        1  payout calendar" in en


def test_report_searches_json_and_since(project):
    _fill(project)
    report = json.loads(project.kb("report", "searches", "--json").stdout)
    es = next(lang for lang in report["languages"] if lang["lang"] == "es")
    assert es["top"][0] == {"query": "spei no llega", "searches": 2, "results": 4, "opened": 1, "top_opened": "spei/timelines"}
    assert [line["query"] for line in es["no_results"]] == ["clabe fantasma"]
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert json.loads(project.kb("report", "searches", "--json", "--since", tomorrow).stdout)["searches"] == 0


def test_report_feedback_lists_articles_by_votes_with_comments(project):
    _fill(project)
    ran = project.kb("report", "feedback")
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[1] == "  spei/timelines (es): 1 yes, 1 no, 50% helpful"
    assert lines[2].endswith("no: falta el horario del sábado")
    assert lines[3] == "  payments/refunds (en): 1 yes, 0 no, 100% helpful"
    data = json.loads(project.kb("report", "feedback", "--json").stdout)
    assert [(a["article"], a["yes"], a["no"], a["share"]) for a in data["articles"]] == [
        ("spei/timelines", 1, 1, 0.5), ("payments/refunds", 1, 0, 1.0)]


def test_a_bad_since_or_no_database_is_a_clear_error(project):
    ran = project.kb("report", "searches")
    assert ran.returncode == 1 and "analytics.sqlite3: nothing recorded yet" in ran.stderr
    _fill(project)
    ran = project.kb("report", "feedback", "--since", "last week")
    assert ran.returncode == 2 and "neither a number of days (30d) nor a date" in ran.stderr


def test_the_retention_of_mkdocs_yml_purges_when_a_report_opens_the_store(project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("analytics_retention_days: 90", "analytics_retention_days: 7"),
                      encoding="utf-8")
    assert project.settings().analytics_days == 7
    _fill(project)
    store = AnalyticsStore(database_path(project.root), 7)
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=8)).isoformat(timespec="seconds")
    store.db.execute("UPDATE searches SET at = ? WHERE query = 'clabe fantasma'", (old,))
    store.close()
    report = json.loads(project.kb("report", "searches", "--json", "--since", "365d").stdout)
    assert report["searches"] == 3
    assert "clabe fantasma" not in json.dumps(report)


def test_a_file_that_is_not_a_database_is_a_clear_error(project):
    path = database_path(project.root)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all" * 100)
    ran = project.kb("report", "feedback")
    assert ran.returncode == 1 and ".kb/analytics.sqlite3: file is not a database" in ran.stderr


def test_kb_serve_refuses_a_retention_below_one_day_with_the_option_named(project):
    with pytest.raises(SystemExit, match="kb-articles: analytics_retention_days: .*at least 1 day"):
        open_analytics(dataclasses.replace(project.settings(), analytics_days=0))
    assert not database_path(project.root).exists()
