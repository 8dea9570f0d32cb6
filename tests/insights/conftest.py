"""A dated Freshdesk export made by the tests: six weeks of tickets with a spike planted
in the last one, and uncovered tags whose handle times differ."""

import csv
import datetime as dt

import pytest

MONDAY = dt.date(2025, 10, 6)  # ISO week 2025-W41


def export_rows() -> list[list[str]]:
    rows, number = [], 1000
    def add(week: int, tag: str, count: int, resolution: str, first: str = "1.0") -> None:
        nonlocal number
        for n in range(count):
            number += 1
            day = MONDAY + dt.timedelta(days=7 * week + n % 5)
            rows.append([str(number), f"Question about {tag}", "Ticket text <b>hola</b> | pipe", tag,
                         f"{day.isoformat()} 10:00:00", first, resolution])
    for week in range(6):
        add(week, "oxxo_late", 6, "0.5")  # many tickets, quick: few agent hours
        add(week, "terminal_roto", 2, "12.0")  # few tickets, slow: the costliest uncovered
        add(week, "chargeback", 3, "2.0")  # covered by the taxonomy's chargebacks topic
        add(week, "spei_caido", 1 if week < 5 else 15, "1.0")  # planted spike in the last week
    return rows


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "tickets" / "freshdesk.csv"
    path.parent.mkdir()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ticket ID", "Subject", "Description", "Tags", "Created time",
                         "First response time (in hrs)", "Resolution time (in hrs)"])
        writer.writerows(export_rows())
    return path


@pytest.fixture
def covered(project):
    project.pair("payments/chargebacks", "Chargebacks. See [returns](../spei/returns.md).\n", tags=["chargebacks"],
                 title="Chargebacks")
    project.pair("spei/returns", "Returns. See [chargebacks](../payments/chargebacks.md).\n", tags=["returns"],
                 title="Returns")
    return project
