"""Ticket exports as the help desks write them, made by the tests: every format, in the
encodings, separators and line ends that real exports come in, with personal data
planted in the text. Imported by tests/tickets and tests/stubs as `tickets.exports`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stdnum import luhn
from stdnum.mx import curp

from kb import clabe

_CLABE17 = "03218000011835971"
CLABE = _CLABE17 + str(clabe.check_digit(_CLABE17))
_CURP17 = "BOXW310820HNERXN0"
CURP = _CURP17 + curp.calc_check_digit(_CURP17)

# Personal data of every kind the stubs must never carry: (kind, as planted, what must
# not appear in any generated file, the placeholder that shows it was seen and removed).
PLANTED: list[tuple[str, str, list[str], str]] = [
    ("card spaced", "tarjeta 4242 4242 4242 4242", ["4242 4242 4242 4242", "4242424242424242"], "[card ****4242]"),
    ("card dashed", "con 5555-5555-5555-4444", ["5555-5555-5555-4444", "5555555555554444"], "[card ****4444]"),
    ("card bare", "la amex 378282246310005", ["378282246310005"], "[card ****0005]"),
    ("cvv", "CVV 7391", ["7391"], "[CVV]"),
    ("expiry", "vence 11/29", ["11/29"], "[expiry]"),
    ("clabe", f"CLABE {CLABE}", [CLABE], f"[CLABE {CLABE[:3]}***]"),
    ("account", "cuenta 0123456789", ["0123456789"], "[account]"),
    ("email", "escribe a maria.lopez@example.com", ["maria.lopez@example.com", "maria.lopez"], "[email]"),
    ("phone +52", "llamen al +52 55 1234 5678", ["1234 5678", "5512345678"], "[phone]"),
    ("phone local", "cel (33) 3616-1234", ["3616-1234", "3336161234"], "[phone]"),
    ("curp", f"mi CURP es {CURP}", [CURP], "[CURP]"),
    ("rfc", "RFC GODE561231GR8", ["GODE561231GR8"], "[RFC]"),
    ("api key", "la llave sk_live_51HqLyjWDarjtT1zdp7dc", ["sk_live_51HqLyjWDarjtT1zdp7dc", "51HqLyjWDarjtT1zdp7dc"], "[API key]"),
    ("bearer", "Authorization: Bearer 8f2d6c1e9a7b4c3d", ["8f2d6c1e9a7b4c3d"], "[token]"),
    ("password", "contraseña: Secreta123", ["Secreta123"], "[secret]"),
    ("address", "vivo en Calle Río Lerma 232, Col. Cuauhtémoc, C.P. 06500", ["Río Lerma", "06500", "Cuauhtémoc"], "[address]"),
]
# Untrusted markup that must arrive as text.
SCRIPT = '<script>alert("kb-xss")</script>'
LINK = "[gana un premio](https://evil.example/phish)"
IMAGE = "![x](https://evil.example/pixel.png)"


def luhn_card(prefix: str, length: int) -> str:
    """A Luhn-valid number of `length` digits starting with `prefix`."""
    body = prefix + "0" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


@dataclass
class T:
    """A ticket to write into an export."""

    id: str
    subject: str
    tags: Sequence[str]
    description: str = ""
    created: str = "2024-03-05T14:22:10Z"
    channel: str = "email"
    kind: str = "incident"
    extra: dict = field(default_factory=dict)


def tickets_for(tag: str, count: int, start: int = 1, subject: str = "No se refleja mi pago", numbered: bool = False,
                **fields) -> list[T]:
    """`count` tickets tagged `tag`, with ids from `start`."""
    return [T(str(start + n), f"{subject} {n}" if numbered else subject, [tag], **fields) for n in range(count)]


def _write_csv(path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",",
               newline: str = "\r\n", empty_rows: bool = False) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for number, row in enumerate(rows):
        writer.writerow(row)
        if empty_rows and number % 3 == 0:  # as Excel leaves them: blank, or only separators
            writer.writerow([""] * len(header) if number % 2 else [])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def zendesk_json(path: Path, tickets: Sequence[T], *, incremental: bool = False, indent: int | None = 2) -> Path:
    items = [{"id": int(t.id) if t.id.isdigit() else t.id, "url": f"https://example.zendesk.com/api/v2/tickets/{t.id}.json",
              "via": {"channel": t.channel, "source": {}}, "created_at": t.created, "type": t.kind, "subject": t.subject,
              "raw_subject": t.subject, "description": t.description, "status": "open", "requester_id": 1, "tags": list(t.tags),
              **t.extra} for t in tickets]
    document = {"tickets": items, "next_page": None, "count": len(items)}
    if incremental:
        document = {"tickets": items, "after_url": None, "after_cursor": None, "end_of_stream": True}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=indent), encoding="utf-8")
    return path


def zendesk_ndjson(path: Path, tickets: Sequence[T], encoding: str = "utf-8") -> Path:
    lines = [json.dumps({"id": int(t.id), "via": {"channel": t.channel}, "created_at": t.created, "type": t.kind,
                         "subject": t.subject, "description": t.description, "tags": list(t.tags)}, ensure_ascii=False)
             for t in tickets]
    path.write_bytes(("\n".join(lines) + "\n\n").encode(encoding))
    return path


def zendesk_csv(path: Path, tickets: Sequence[T], **options) -> Path:
    header = ["Summation column", "Id", "Requester", "Requester id", "Assignee", "Group", "Subject", "Tags", "Status",
              "Priority", "Via", "Ticket type", "Created at", "Updated at"]
    rows = [["", t.id, "Cliente", "1", "Agente", "Soporte", t.subject, " ".join(t.tags), "Open", "Normal", t.channel,
             t.kind.capitalize(), t.created.replace("T", " ").rstrip("Z"), t.created] for t in tickets]
    return _write_csv(path, header, rows, **options)


def freshdesk_csv(path: Path, tickets: Sequence[T], **options) -> Path:
    header = ["Ticket ID", "Subject", "Description", "Status", "Priority", "Source", "Type", "Agent", "Group",
              "Created time", "Tags", "Full name", "Contact ID"]
    rows = [[t.id, t.subject, t.description, "Open", "Medium", t.channel.capitalize(), t.kind.capitalize(), "Ana", "Pagos",
             t.created.replace("T", " ").rstrip("Z"), ", ".join(t.tags), "Cliente", "9"] for t in tickets]
    return _write_csv(path, header, rows, **options)


def jira_csv(path: Path, tickets: Sequence[T], **options) -> Path:
    most = max((len(t.tags) for t in tickets), default=1)
    header = ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Created", *(["Labels"] * max(most, 1)), "Description",
              "Custom field (Request Type)"]
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    rows = []
    for t in tickets:
        year, month, day = t.created[:10].split("-")
        created = f"{day}/{months[int(month) - 1]}/{year[2:]} 2:22 PM"
        labels = list(t.tags) + [""] * (max(most, 1) - len(t.tags))
        rows.append([t.subject, t.id if "-" in t.id else f"SUP-{t.id}", t.id, t.kind.capitalize(), "Open", created, *labels,
                     t.description, "Get help"])
    return _write_csv(path, header, rows, **options)


def generic_csv(path: Path, tickets: Sequence[T], *, columns: dict[str, str] | None = None, **options) -> Path:
    names = {"id": "id", "subject": "subject", "description": "description", "tags": "tags", "created_at": "created_at",
             **(columns or {})}
    header = [names[f] for f in ("id", "subject", "description", "tags", "created_at")]
    rows = [[t.id, t.subject, t.description, ";".join(t.tags), t.created[:10]] for t in tickets]
    return _write_csv(path, header, rows, **options)


def generic_jsonl(path: Path, tickets: Sequence[T], encoding: str = "utf-8") -> Path:
    lines = [json.dumps({"id": t.id, "subject": t.subject, "description": t.description, "tags": ",".join(t.tags),
                         "created_at": t.created[:10], "channel": t.channel}, ensure_ascii=False) for t in tickets]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


# Every format, encoding and shape a test may ask for: name -> writer(path_without_suffix, tickets).
VARIANTS = {
    "zendesk-api-json": lambda p, ts: zendesk_json(p.with_suffix(".json"), ts),
    "zendesk-incremental-json": lambda p, ts: zendesk_json(p.with_suffix(".json"), ts, incremental=True, indent=None),
    "zendesk-ndjson": lambda p, ts: zendesk_ndjson(p.with_suffix(".ndjson"), ts),
    "zendesk-csv": lambda p, ts: zendesk_csv(p.with_suffix(".csv"), ts),
    "freshdesk-csv-utf8-bom-semicolon": lambda p, ts: freshdesk_csv(p.with_suffix(".csv"), ts, encoding="utf-8-sig", delimiter=";"),
    "freshdesk-csv-cp1252-crlf-empty-rows": lambda p, ts: freshdesk_csv(p.with_suffix(".csv"), ts, encoding="cp1252", empty_rows=True),
    "jira-csv": lambda p, ts: jira_csv(p.with_suffix(".csv"), ts, newline="\n"),
    "jira-csv-cp1252-semicolon": lambda p, ts: jira_csv(p.with_suffix(".csv"), ts, encoding="cp1252", delimiter=";"),
    "generic-csv-tab": lambda p, ts: generic_csv(p.with_suffix(".tsv"), ts, delimiter="\t"),
    "generic-csv-pipe-cp1252": lambda p, ts: generic_csv(p.with_suffix(".csv"), ts, delimiter="|", encoding="cp1252"),
    "generic-jsonl-bom": lambda p, ts: generic_jsonl(p.with_suffix(".jsonl"), ts, encoding="utf-8-sig"),
}
