"""The leads' ticket-insights page, as Markdown in one language: the spikes, then per tag
and per topic the tickets, the article that answers or the stub, the handle times and the
agent hours (uncovered and costliest first), with a chart of each leading row's weeks
(inline SVG) and the same figures as a table. Also `kb report tickets`' text and JSON."""

from __future__ import annotations

import json
from html import escape

from kb.insights.chart import bar_chart
from kb.insights.tally import Insights, Row
from kb.labels import INSIGHTS_TEXTS

CHARTS = 5  # rows drawn as charts, beside the spikes
PAGE_ID = "insights/tickets"


def _text(lang: str, key: str, **values: object) -> str:
    words = INSIGHTS_TEXTS.get(lang, INSIGHTS_TEXTS["en"])
    text = words.get(key) or INSIGHTS_TEXTS["en"][key]
    return text.format(**values) if values else text


def _cell(value: object) -> str:
    """A table cell from ticket data: escaped (HTML stays text) and pipes kept inside."""
    return escape(str(value)).replace("|", "&#124;").replace("\n", " ")


def _hours(value: float | None, lang: str) -> str:
    return _text(lang, "none") if value is None else f"{value:g}"


def _answer(row: Row, lang: str) -> str:
    if row.articles:
        return ", ".join(f"`{_cell(a)}`" for a in row.articles[:3])
    return f"{_text(lang, 'stub')} `{_cell(row.stub)}`"


def _table(rows: list[Row], insights: Insights, lang: str, first: str) -> list[str]:
    weeks = insights.weeks
    head = [first, "tickets", "answer", "first_response", "resolution", "agent_hours", "trend"]
    lines = ["| " + " | ".join(_text(lang, key) for key in head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        trend = _text(lang, "jump") if row.spike(weeks) else ""
        agent = _hours(row.cost, lang) if row.handle_hours is not None else _text(lang, "none")
        lines.append(f"| {_cell(row.name)} | {row.tickets} | {_answer(row, lang)} | "
                     f"{_hours(row.median('first_response'), lang)} | {_hours(row.median('resolution'), lang)} | "
                     f"{agent} | {trend} |")
    return lines


def _chart(row: Row, insights: Insights, lang: str) -> list[str]:
    weeks = insights.weeks
    values = row.series(weeks)
    peak = max(range(len(values)), key=values.__getitem__) if values else 0
    title = _text(lang, "chart_title", name=row.name)
    desc = _text(lang, "chart_desc", name=row.name, first=weeks[0], last=weeks[-1], peak=weeks[peak], most=values[peak])
    table = ["| " + _text(lang, "week") + " | " + " | ".join(w[5:] for w in weeks) + " |",
             "|---|" + "---|" * len(weeks),
             "| " + _text(lang, "tickets") + " | " + " | ".join(str(v) for v in values) + " |"]
    return ["", f"### {_cell(row.name)}", "", bar_chart(values, weeks, title, desc, bool(row.spike(weeks))), "", *table]


def render_page(insights: Insights, lang: str) -> str:
    """The page's Markdown (front matter included) in `lang`."""
    weeks = insights.weeks
    out = ["---", f"title: {json.dumps(_text(lang, 'title'), ensure_ascii=False)}", "---", "",
           f"# {_text(lang, 'title')}", ""]
    if weeks:
        out.append(_text(lang, "intro", first=weeks[0], last=weeks[-1], tickets=insights.tickets))
    if not insights.timed:
        out += ["", _text(lang, "no_times")]
    out += ["", f"## {_text(lang, 'spikes')}", ""]
    spikes = insights.spikes()
    if not spikes:
        out.append(_text(lang, "no_spikes"))
    for row in spikes:
        last, before = row.spike(weeks)
        out.append("- " + _text(lang, "spike_line", name=_cell(row.name), last=last, week=weeks[-1], before=f"{before:g}"))
    for row in spikes[:CHARTS]:
        out += _chart(row, insights, lang)
    tags = insights.ranked(insights.tags.values())
    out += ["", f"## {_text(lang, 'by_tag')}", "", *_table(tags, insights, lang, "name")]
    for row in [r for r in tags if r not in spikes][:CHARTS]:
        out += _chart(row, insights, lang)
    if insights.topics:
        out += ["", f"## {_text(lang, 'by_topic')}", "", *_table(insights.ranked(insights.topics.values()), insights, lang, "topic")]
    return "\n".join(out) + "\n"


def report_json(insights: Insights) -> str:
    weeks = insights.weeks
    return json.dumps({"tickets": insights.tickets, "weeks": weeks,
                       "spikes": [r.name for r in insights.spikes()],
                       "tags": [r.to_json(weeks) for r in insights.ranked(insights.tags.values())],
                       "topics": [r.to_json(weeks) for r in insights.ranked(insights.topics.values())]},
                      ensure_ascii=False, indent=2)


def report_text(insights: Insights) -> str:
    weeks = insights.weeks
    if not insights.tickets:
        return "No tickets in the exports."
    lines = [f"{insights.tickets} tickets, {weeks[0] if weeks else '?'} to {weeks[-1] if weeks else '?'}"]
    for row in insights.spikes():
        last, before = row.spike(weeks)
        lines.append(f"SPIKE {row.name}: {last} tickets in {weeks[-1]} (median {before:g} a week before)")
    for kind, rows in (("tag", insights.tags), ("topic", insights.topics)):
        if not rows:
            continue
        lines.append(f"{kind:<32}{'tickets':>8}{'agent h':>9}  answer")
        for row in insights.ranked(rows.values()):
            agent = f"{row.cost:g}" if row.handle_hours is not None else "-"
            answer = ", ".join(row.articles[:2]) if row.articles else f"(uncovered) stub {row.stub}"
            lines.append(f"{row.name[:31]:<32}{row.tickets:>8}{agent:>9}  {answer}")
    return "\n".join(lines)
