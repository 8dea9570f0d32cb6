"""A help-desk ticket, reduced to what the knowledge base learns from, and the error an
unreadable export raises."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from kb.problems import Problem

FIELDS = ("id", "subject", "description", "tags", "created_at", "channel", "type")


class Ticket(NamedTuple):
    """One ticket as read from an export (a tuple: millions are made while streaming)."""

    id: str
    subject: str
    description: str
    tags: tuple[str, ...]  # as the export writes them; see `normalize_tag`
    created: str  # the day it was opened, YYYY-MM-DD, or "" when the export has none
    channel: str = ""  # email, web, chat, phone ... as the help desk names it
    kind: str = ""  # the help desk's ticket type (question, incident ...), lowercase
    first_response: float | None = None  # hours to the first reply, where the export has it
    resolution: float | None = None  # hours to resolution, where the export has it


class ExportError(ValueError):
    """An export cannot be read; `problem` names the file, the line, what and the fix."""

    def __init__(self, file: str, line: int, message: str, fix: str) -> None:
        self.problem = Problem(file, line, "", message, fix)
        super().__init__(f"{file}{f', line {line}' if line else ''}: {message}. Fix: {fix}")


_SPACES = re.compile(r"\s+")


def normalize_tag(raw: str) -> str:
    """The form tags are compared in: help desks differ in case and spacing
    ("SPEI no reflejado" and "spei_no_reflejado" are one tag); control characters go."""
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return _SPACES.sub("_", text.strip().lower())
