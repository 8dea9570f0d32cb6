"""`kb suggest`: the articles that answer a ticket, with the section and the ready reply,
from text (stdin or a file) or from a ticket of an export."""

from __future__ import annotations

import json
import sys
import re
from pathlib import Path

import click

from kb.settings import Settings
from kb.suggest import MAX_DESCRIPTION, ReplyBook, Suggestions, suggest
from kb.tickets import Export, ExportError
from kb.search.searcher import IndexUnavailable
from kb_app.commands.search import open_index

_SUBJECT = re.compile(r"^\s*(?:subject|asunto|assunto)\s*:\s*(.*)$", re.IGNORECASE)


def split_text(text: str) -> tuple[str, str]:
    """(subject, description) of a pasted ticket: a first line "Subject:"/"Asunto:" is its
    subject; otherwise the whole text is the description."""
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    match = _SUBJECT.match(first)
    return (match.group(1).strip(), rest) if match else ("", text)


def read_text(source: Path | None) -> str:
    """The ticket's text from a file ('-' or none: stdin), at most MAX_DESCRIPTION characters."""
    if source is None or str(source) == "-":
        return sys.stdin.read(MAX_DESCRIPTION + 1)
    try:
        with source.open(encoding="utf-8-sig", errors="replace") as handle:
            return handle.read(MAX_DESCRIPTION + 1)
    except OSError as exc:
        raise click.ClickException(f"{source}: cannot be read ({exc.strerror})") from None


def ticket_from_export(export: Path, ticket_id: str, fmt: str) -> tuple[str, str]:
    """The subject and description of ticket `ticket_id` in an export."""
    try:
        for ticket in Export(export, fmt=fmt).tickets():
            if ticket.id == ticket_id:
                return ticket.subject, ticket.description
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    raise click.ClickException(f"{export}: no ticket with id {ticket_id!r}. Fix: check the id "
                               "(as the export writes it) or name the export that holds it")


def run_suggest(settings: Settings, audience: str, subject: str, description: str, lang: str | None,
                limit: int) -> Suggestions:
    try:
        index = open_index(settings.root, audience)
    except IndexUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    try:
        replies = ReplyBook.from_index(index.path)
    except IndexUnavailable as exc:
        raise click.ClickException(f"{exc}: run 'kb index'") from None
    if not (subject.strip() or description.strip()):
        raise click.ClickException("the ticket has no text: give a file, pipe the text in, or use --ticket ID --export FILE")
    return suggest(index, subject, description, replies, settings.languages, lang=lang, limit=limit)


def suggestions_json(found: Suggestions) -> str:
    return json.dumps(found.to_json(), ensure_ascii=False, indent=2)


def suggestions_text(found: Suggestions) -> str:
    """For people: each article with its link, then the ready reply to paste, indented."""
    if not found.suggestions:
        return f"No article matches this ticket (words read: {', '.join(found.words) or 'none'})."
    lines = [f"Ticket in {found.lang}; words read: {', '.join(found.words)}"]
    for number, item in enumerate(found.suggestions, 1):
        lines.append(f"{number:>2}. {click.style(item.title, bold=True)}  [{item.lang}]")
        lines.append(f"    {item.link}" + (f"  (row {item.row})" if item.row else ""))
        if item.reply:
            lines.append("    Ready reply:")
            lines += [f"      {line}" if line else "" for line in item.reply.splitlines()]
    return "\n".join(lines)

