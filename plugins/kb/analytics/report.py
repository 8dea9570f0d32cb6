"""The reports leads read from the analytics store: which searches agents and readers make,
which find nothing, which find results nobody opens, and which articles readers find
helpful. Plain data (for `kb report` and the leads' page); the wording is the callers'."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import asdict, dataclass, field

from kb.analytics.store import query_key


@dataclass(frozen=True)
class QueryLine:
    query: str            # the most recent spelling of the query (redacted)
    searches: int
    results: int          # results of its most recent search
    opened: int           # searches of it from which a result was opened
    top_opened: str = ""  # the article opened most from it


@dataclass(frozen=True)
class LanguageReport:
    lang: str
    searches: int
    top: list[QueryLine] = field(default_factory=list)
    no_results: list[QueryLine] = field(default_factory=list)
    not_opened: list[QueryLine] = field(default_factory=list)


@dataclass(frozen=True)
class SearchReport:
    since: str
    searches: int
    opened: int
    languages: list[LanguageReport]

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ArticleVotes:
    article: str
    lang: str
    yes: int
    no: int
    comments: list[dict[str, str]]  # the latest: {"at", "helpful", "comment"}

    @property
    def share(self) -> float:
        """The share of "yes" among the votes."""
        return self.yes / (self.yes + self.no) if self.yes + self.no else 0.0

    def to_json(self) -> dict:
        return {**asdict(self), "share": round(self.share, 3)}


def _queries(db: sqlite3.Connection, since: str, lang: str) -> list[QueryLine]:
    """One line per query (grouped by its folded key), the most searched first: two scans
    of the period's searches, grouped here (linear, where a grouping join in SQL was not)."""
    counts: dict[str, list] = {}  # key -> [searches, opened, latest query, its results]
    for key, query, results, opened in db.execute(
            "SELECT s.query_key, s.query, s.results, EXISTS (SELECT 1 FROM clicks c WHERE c.search_id = s.id) "
            "FROM searches s WHERE s.at >= ? AND s.lang = ? ORDER BY s.at, s.id", (since, lang)):
        line = counts.setdefault(key, [0, 0, query, results])
        line[0] += 1
        line[1] += opened
        line[2], line[3] = query, results  # the latest spelling and answer
    most: dict[str, tuple[int, str]] = {}
    for key, article, times in db.execute(
            "SELECT s.query_key, c.article, COUNT(*) FROM clicks c JOIN searches s ON s.id = c.search_id "
            "WHERE s.at >= ? AND s.lang = ? GROUP BY s.query_key, c.article", (since, lang)):
        if key not in most or (-times, article) < (-most[key][0], most[key][1]):
            most[key] = (times, article)
    lines = [QueryLine(query=query, searches=n, results=results, opened=opened, top_opened=most.get(key, (0, ""))[1])
             for key, (n, opened, query, results) in counts.items()]
    return sorted(lines, key=lambda line: (-line.searches, query_key(line.query)))


def search_report(db: sqlite3.Connection, since: dt.datetime, limit: int = 20) -> SearchReport:
    """Per language: the top queries, those whose latest search found nothing, and those
    that found results none of their searches opened."""
    stamp = since.astimezone(dt.UTC).isoformat(timespec="seconds")
    total, opened = db.execute("SELECT COUNT(*), COUNT(DISTINCT c.search_id) FROM searches s "
                               "LEFT JOIN clicks c ON c.search_id = s.id WHERE s.at >= ?", (stamp,)).fetchone()
    languages = []
    for lang, count in db.execute("SELECT lang, COUNT(*) FROM searches WHERE at >= ? GROUP BY lang ORDER BY COUNT(*) DESC, lang",
                                  (stamp,)).fetchall():
        queries = _queries(db, stamp, lang)
        languages.append(LanguageReport(
            lang=lang, searches=count, top=queries[:limit],
            no_results=[line for line in queries if line.results == 0][:limit],
            not_opened=[line for line in queries if line.results > 0 and not line.opened][:limit]))
    return SearchReport(since=stamp, searches=total, opened=opened, languages=languages)


def feedback_report(db: sqlite3.Connection, since: dt.datetime, comments: int = 5) -> list[ArticleVotes]:
    """The articles voted on, the most "no" votes first (what to fix), with their latest comments."""
    stamp = since.astimezone(dt.UTC).isoformat(timespec="seconds")
    rows = db.execute("SELECT article, lang, SUM(helpful), SUM(1 - helpful) FROM feedback WHERE at >= ? "
                      "GROUP BY article, lang ORDER BY SUM(1 - helpful) DESC, COUNT(*) DESC, article, lang", (stamp,)).fetchall()
    report = []
    for article, lang, yes, no in rows:
        latest = db.execute("SELECT at, helpful, comment FROM feedback WHERE article = ? AND lang = ? AND at >= ? "
                            "AND comment IS NOT NULL ORDER BY at DESC, id DESC LIMIT ?", (article, lang, stamp, comments)).fetchall()
        report.append(ArticleVotes(article, lang, yes, no, [
            {"at": at, "helpful": "yes" if helpful else "no", "comment": comment} for at, helpful, comment in latest]))
    return report
