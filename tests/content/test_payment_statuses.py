"""The API articles agree on the payment statuses and their webhook events.

api/payment-statuses holds one table row per status, the status in the first column and its
event `payment.<status>` in the same row. Every other article (either language) that names a
`payment.*` event or shows a payment's `"status"` in a JSON payload must use one of them, so a
renamed or invented event fails here instead of reaching merchants.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.catalog import load_catalog
from kb.search.document import read_page
from kb_mkdocs.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SLUG = "api/payment-statuses"
PLANNED = ("pending", "authorized", "captured", "paid", "failed", "expired", "refunded", "charged_back")
EVENT = re.compile(r"\bpayment\.([a-z_]+)\b")
JSON_STATUS = re.compile(r'"status"\s*:\s*"([a-z_]+)"')


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(load_settings(ROOT / "mkdocs.yml"), strict=True)


def status_rows(catalog, lang: str) -> dict[str, list[str]]:
    article = catalog.get(SLUG, lang)
    assert article is not None, f"docs/{lang}/{SLUG}.md is missing"
    rows: dict[str, list[str]] = {}
    for row in read_page(article.body).rows:
        status = row.cells[0].strip("` ") if row.cells else ""
        if re.fullmatch(r"[a-z_]+", status):
            assert status not in rows, f"{article.display}: status {status} is in two rows"
            rows[status] = row.cells
    return rows


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_planned_status_has_one_row_with_its_event(catalog, lang):
    rows = status_rows(catalog, lang)
    for status in PLANNED:
        assert status in rows, f"docs/{lang}/{SLUG}.md: no row for the status {status}"
        assert f"payment.{status}" in " ".join(rows[status]), f"docs/{lang}/{SLUG}.md: the row of {status} names no payment.{status} event"


def test_both_languages_list_the_same_statuses(catalog):
    assert sorted(status_rows(catalog, "en")) == sorted(status_rows(catalog, "es"))


def test_every_article_names_only_listed_events_and_statuses(catalog):
    listed = set(status_rows(catalog, "en"))
    problems = []
    for lang in ("en", "es"):
        for path in sorted((catalog.settings.docs_dir / lang).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            shown = path.relative_to(catalog.settings.docs_dir).as_posix()
            for pattern, kind in ((EVENT, "event payment."), (JSON_STATUS, 'payload "status": ')):
                for match in pattern.finditer(text):
                    if match[1] not in listed:
                        line = text.count("\n", 0, match.start()) + 1
                        problems.append(f"docs/{shown}:{line}: {kind}{match[1]} is not a status of {SLUG}")
    assert not problems, "\n".join(problems)
