"""Where the tickets are in a JSON document, whatever API call wrote it: a list of them
(Freshdesk's list of tickets), `{"tickets": [...]}` (Zendesk's list and incremental
export), `{"results": [...]}` (the search APIs of both), `{"issues": [...]}` (Jira's
search), `{"ticket": {...}}` (Zendesk's Show Ticket) or one ticket object (Freshdesk's
View a Ticket). Found from the first
events of a streaming parse, so a gigabyte export is not read twice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ijson

from kb.tickets.model import ExportError
from kb.tickets.reading import JsonBytes, json_failure

LISTS = ("tickets", "results", "issues")  # top-level keys holding a list of tickets (Jira's issues)
SINGLE = "ticket"  # the top-level key holding one ticket
NO_TICKETS_FIX = ("export the tickets with the help desk's API: Zendesk's tickets, incremental export or search "
                  "({\"tickets\": [...]}, {\"results\": [...]}, {\"ticket\": {...}}), Freshdesk's list, search or view "
                  "of tickets ([...], {\"results\": [...]}, {...}), Jira's search ({\"issues\": [...]}); or one ticket per line")


@dataclass(frozen=True)
class Document:
    """The ijson prefix of the ticket objects, and the top-level keys seen before them
    (hints when there is no ticket to tell the help desk from: `total` is Freshdesk's)."""

    prefix: str  # "item", "tickets.item", "results.item", "ticket", or "" for one bare ticket
    keys: tuple[str, ...] = ()


def locate_tickets(path: Path, encoding: str, display: str) -> Document:
    """The place of the tickets in the JSON document at `path`; ExportError when it
    holds none of the shapes above."""
    stream = JsonBytes(path, encoding, display)
    keys: list[str] = []
    try:
        for prefix, event, value in ijson.parse(stream, buf_size=1 << 16):
            if prefix == "":
                if event == "start_array":
                    return Document("item")
                if event == "map_key":
                    keys.append(value)
                elif event != "start_map":
                    break  # a lone value, or the end of the object
            elif keys and prefix == keys[-1]:  # the start of a top-level value
                if event == "start_array" and prefix in LISTS:
                    return Document(f"{prefix}.item", tuple(keys[:-1]))
                if event == "start_map" and prefix == SINGLE:
                    return Document(SINGLE, tuple(keys[:-1]))
                if prefix == "id" and event in ("number", "string"):
                    return Document("", tuple(keys[:-1]))
    except (ijson.JSONError, ValueError) as exc:
        raise json_failure(exc, stream, display) from None
    finally:
        stream.close()
    shown = ", ".join(keys[:10]) + (" ..." if len(keys) > 10 else "")
    raise ExportError(display, 1, "this JSON holds no tickets: no \"tickets\", \"results\" or \"issues\" list, no \"ticket\", "
                      f"and it is not a ticket nor a list of them (its keys: {shown or 'none'})", NO_TICKETS_FIX)


def top_level_keys(path: Path, encoding: str, display: str) -> tuple[str, ...]:
    """Every key of the document's top-level object (read when its ticket list is empty,
    to tell the help desk from the page's other keys)."""
    stream = JsonBytes(path, encoding, display)
    try:
        return tuple(value for prefix, event, value in ijson.parse(stream, buf_size=1 << 16)
                     if prefix == "" and event == "map_key")
    except (ijson.JSONError, ValueError) as exc:
        raise json_failure(exc, stream, display) from None
    finally:
        stream.close()
