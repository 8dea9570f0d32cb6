"""The leads' page of the agents' server: GET /_kb/analytics (?lang=es, ?days=N) shows what
`kb report searches` and `kb report feedback` print, live from the analytics store. It is
served, never built, so it is in no site folder; mount it only on a server of the internal
site (`kb serve --audience internal`, the agents' production server behind its login)."""

from __future__ import annotations

import datetime as dt
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from kb.analytics.report import ArticleVotes, QueryLine, feedback_report, search_report
from kb.analytics.store import AnalyticsStore
from kb.labels import label

DEFAULT_DAYS = 30


def _table(lang: str, headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return f"<p>{escape(label(lang, 'report.empty'))}</p>"
    head = "".join(f'<th scope="col">{escape(label(lang, h))}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _queries(lang: str, lines: list[QueryLine]) -> str:
    return _table(lang, ["report.query", "report.count", "report.results", "report.opened"],
                  [[q.query, str(q.searches), str(q.results), str(q.opened) + (f" ({q.top_opened})" if q.top_opened else "")]
                   for q in lines])


def _votes(lang: str, votes: list[ArticleVotes]) -> str:
    return _table(lang, ["report.article", "report.yes", "report.no", "report.share", "report.comments"],
                  [[f"{v.article} ({v.lang})", str(v.yes), str(v.no), f"{v.share:.0%}",
                    " · ".join(f"{c['helpful']}: {c['comment']}" for c in v.comments)] for v in votes])


def leads_html(store: AnalyticsStore, lang: str, days: int) -> str:
    """The page, in `lang`, for the last `days` days."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    searches = search_report(store.db, since)
    parts = [f"<h1>{escape(label(lang, 'report.title'))}</h1>",
             f"<p>{escape(label(lang, 'report.intro', days=str(days)))}</p>"]
    for each in searches.languages:
        name = label(lang, f"language.{each.lang}")
        parts += [f"<h2>{escape(label(lang, 'report.searches', language=name, count=str(each.searches)))}</h2>",
                  f"<h3>{escape(label(lang, 'report.top'))}</h3>", _queries(lang, each.top),
                  f"<h3>{escape(label(lang, 'report.none'))}</h3>", _queries(lang, each.no_results),
                  f"<h3>{escape(label(lang, 'report.unopened'))}</h3>", _queries(lang, each.not_opened)]
    if not searches.languages:
        parts.append(f"<p>{escape(label(lang, 'report.empty'))}</p>")
    parts += [f"<h2>{escape(label(lang, 'report.feedback'))}</h2>", _votes(lang, feedback_report(store.db, since))]
    style = ("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}"
             "table{border-collapse:collapse;width:100%;margin:0 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;"
             "text-align:left;vertical-align:top}")
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
            f"<title>{escape(label(lang, 'report.title'))}</title><style>{style}</style></head><body>"
            + "".join(parts) + "</body></html>")


def leads_routes(store: AnalyticsStore, languages: tuple[str, ...]) -> list[Route]:
    """GET /_kb/analytics, for the internal site's server only."""

    def page(request: Request) -> HTMLResponse:
        lang = request.query_params.get("lang")
        lang = lang if lang in languages else languages[0]
        days = request.query_params.get("days", "")
        days_n = int(days) if days.isdigit() and 1 <= int(days) <= 3650 else DEFAULT_DAYS
        return HTMLResponse(leads_html(store, lang, days_n), headers={"Cache-Control": "no-store"})

    return [Route("/_kb/analytics", page, methods=["GET"])]
