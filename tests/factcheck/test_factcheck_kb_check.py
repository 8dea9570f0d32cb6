"""`kb check` and the build report both kinds of facts problem in a fixture project, at their
file and line, and `--as-of` judges the dated facts on another day."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb_mkdocs.site import BuildFailed

KB = str(Path(sys.executable).with_name("kb"))
BODY = """See [home](../index.md).

The card fee is 4.5 % per payment.

With CoDi a customer can send up to MXN 8,000.
"""


def kb(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([KB, "-f", str(project.root / "mkdocs.yml"), *args], capture_output=True, text=True, cwd=project.root)


@pytest.fixture
def stale(checked):
    checked.pair("spei/codi", body=BODY)
    return checked


def test_kb_check_reports_a_second_value_and_an_ended_fact_at_their_lines(stale):
    result = kb(stale, "check", "--as-of", "2026-03-01")
    assert result.returncode == 1, result.stdout  # the second value is an error
    lines = result.stdout.splitlines()
    text = (stale.root / "docs/en/spei/codi.md").read_text(encoding="utf-8").splitlines()
    fee_line, codi_line = text.index("The card fee is 4.5 % per payment.") + 1, text.index("With CoDi a customer can send up to MXN 8,000.") + 1
    for lang in ("en", "es"):
        assert any(line.startswith(f"docs/{lang}/spei/codi.md:{fee_line}: error: platform fact: '4.5 %'")
                   and "data/platform.yml holds: fees.card.percent is '3.6 %'" in line
                   and "Fix: write {{ platform.fees.card.percent }}" in line for line in lines), result.stdout
        assert any(line.startswith(f"docs/{lang}/spei/codi.md:{codi_line}: warning: dated fact: '8,000'")
                   and "since 2025-10" in line and "https://www.banxico.org.mx/codi" in line for line in lines), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_as_of_a_day_before_the_change_the_dated_fact_holds(stale):
    report = json.loads(kb(stale, "check", "--json", "--as-of", "2025-09-30").stdout)
    codes = {p["code"] for p in report["problems"]}
    assert "fact-contradicted" in codes and "dated-fact-ended" not in codes


def test_the_fixed_article_passes(stale):
    stale.pair("spei/codi", body="See [home](../index.md).\n\nThe card fee is {{ platform.fees.card.percent }}.\n\n"
                                 "At the 2019 CoDi launch the cap was MXN 8,000; it is 1,500 UDIS today.\n")
    result = kb(stale, "check", "--strict")
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout, result.stdout


def test_a_broken_rules_file_is_reported_at_its_line(checked):
    checked.write("data/fact-rules.yml", "rules:\n  - name: r\n    read: [percent]\n    facts: [fees.card.percnt]\n")
    result = kb(checked, "check")
    assert result.returncode == 1
    assert "data/fact-rules.yml:4: error: rules.0.facts.0: 'fees.card.percnt' is not a fact" in result.stdout


@pytest.mark.slow
def test_the_build_reports_them_too(stale, caplog):
    with pytest.raises(BuildFailed) as failure:
        stale.build("internal")
    message = str(failure.value)
    assert "docs/en/spei/codi.md:" in message and "'4.5 %'" in message and "{{ platform.fees.card.percent }}" in message
    # The dated fact alone is a warning (the CoDi cap changed in October 2025), which a strict build refuses.
    stale.pair("spei/codi", body=BODY.replace("4.5 %", "{{ platform.fees.card.percent }}"))
    caplog.clear()
    with pytest.raises(BuildFailed, match="warnings in strict mode"):
        stale.build("internal")
    logged = [r.getMessage() for r in caplog.records if "dated fact" in r.getMessage()]
    assert any("docs/en/spei/codi.md:" in m and "'8,000'" in m for m in logged), logged


def test_the_title_and_summary_are_checked_at_their_lines_the_rest_of_the_front_matter_is_not(checked):
    checked.pair("api/x-request-id", title="Request ids", summary="Send the X-Request-Id header.", body="See [home](../index.md).\n",
                 sources=[{"title": "RFC on X-Request-Id", "url": "https://www.rfc-editor.org/"}])
    report = json.loads(kb(checked, "check", "--json").stdout)
    by_hand = [(p["file"], p["line"]) for p in report["problems"] if p["code"] == "fact-by-hand"]
    text = (checked.root / "docs/en/api/x-request-id.md").read_text(encoding="utf-8").splitlines()
    summary_line = next(i for i, line in enumerate(text, 1) if line.startswith("summary:"))
    assert by_hand == [("docs/en/api/x-request-id.md", summary_line), ("docs/es/api/x-request-id.md", summary_line)]
