"""Ticket insights: weeks, coverage, the planted spike, the costliest uncovered tag first;
the page in each language with accessible inline SVG charts; `kb report tickets`."""

import json
import re

from kb.insights.page import render_page
from kb.insights.run import read_insights


def test_the_costliest_uncovered_tag_comes_first_and_the_spike_is_found(covered, export):
    insights = read_insights(covered.settings(), [export])
    ranked = insights.ranked(insights.tags.values())
    assert ranked[0].name == "terminal_roto"  # 12 tickets x 12 h beat 36 x 0.5 h
    assert ranked[0].cost == 144 and not ranked[0].covered and ranked[0].stub == "drafts/terminal-roto"
    assert [r.name for r in insights.spikes()] == ["spei_caido"]
    assert insights.tags["chargeback"].articles == ["payments/chargebacks"]
    assert ranked[-1].name == "chargeback"  # covered rows after every uncovered one
    assert insights.weeks == [f"2025-W{n}" for n in range(41, 47)]
    assert insights.topics["chargebacks"].tickets == 18


def test_without_times_volume_ranks(covered, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("id,subject,description,tags,created_at\n1,a,b,few,2025-10-06\n2,a,b,many,2025-10-06\n"
                    "3,a,b,many,2025-10-07\n", encoding="utf-8")
    insights = read_insights(covered.settings(), [path])
    assert [r.name for r in insights.ranked(insights.tags.values())] == ["many", "few"]
    assert "no handle times" in render_page(insights, "en")


def test_the_page_in_spanish_has_accessible_charts_and_escapes_ticket_text(covered, export):
    page = render_page(read_insights(covered.settings(), [export]), "es")
    assert "# Análisis de tickets" in page and "## Picos" in page
    spike_at = page.index("**spei_caido**: 15 tickets en 2025-W46")
    assert spike_at < page.index("## Por etiqueta de ticket")
    table = page[page.index("## Por etiqueta de ticket"):]
    first_row = [line for line in table.splitlines() if line.startswith("| ")][1]
    assert first_row.startswith("| terminal_roto | 12 | borrador `drafts/terminal-roto`")
    svgs = re.findall(r"<svg .*?</svg>", page)
    assert svgs and all('role="img"' in s and "<title id=" in s and "<desc id=" in s for s in svgs)
    assert "Tickets por semana: spei_caido" in page and "| Semana |" in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no request to another host
    assert "<b>" not in page


def test_kb_report_tickets_text_and_json(covered, export):
    ran = covered.kb("report", "tickets", str(export))
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert "SPIKE spei_caido: 15 tickets in 2025-W46" in ran.stdout
    assert re.search(r"^chargebacks +18 +36  payments/chargebacks$", ran.stdout, re.M)  # the topic's row
    assert lines[[n for n, l in enumerate(lines) if l.startswith("tag ")][0] + 1].startswith("terminal_roto")
    data = json.loads(covered.kb("report", "tickets", str(export), "--json").stdout)
    assert data["spikes"] == ["spei_caido"] and data["tags"][0]["name"] == "terminal_roto"
    assert data["tags"][0]["agent_hours"] == 144 and data["tags"][0]["resolution_hours"] == 12


def test_a_bad_export_is_one_line(covered, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    ran = covered.kb("report", "tickets", str(bad))
    assert ran.returncode == 1 and "bad.json" in ran.stderr and "Traceback" not in ran.stderr
