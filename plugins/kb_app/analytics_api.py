"""The analytics API: POST /api/events takes what the site's pages report (a search result
opened, a "Was this helpful?" vote), and `SearchRecorder` records each search the search
API answers. Everything goes into `kb.analytics.store`, which redacts before it stores.

Input is JSON only (`Content-Type: application/json`, at most `MAX_BODY` bytes), checked
field by field; a bad request gets a 400 (413, 415) saying what is wrong, and writes
beyond the rate limit a 429. The browser's random id (`visitor`) is only ever turned into
the day's pseudonymous session, never stored.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kb.analytics.store import MAX_COMMENT, AnalyticsStore
from kb_app.json_body import BadBody, json_object
from kb_app.rate import RateLimit

MAX_BODY = 4096
MAX_ARTICLE = 200
MAX_RANK = 50
VISITOR_HEADER = "X-KB-Visitor"
SEARCH_HEADER = "X-KB-Search"

log = logging.getLogger("kb.analytics")


class BadEvent(ValueError):
    """An event that is not what the API takes; the message says which field and why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def default_rate() -> RateLimit:
    """20 writes a second, 200 at once: far above what 40 agents do, far below a flood."""
    return RateLimit(per_second=20, burst=200)


class SearchRecorder:
    """What the search API calls for each search: `due(query)` says whether to record it
    (not blank, within the rate), then `write(query, lang, audience, results, visitor)`
    stores it (a disk write: the server calls it from a thread) and returns the token a
    click on one of its results sends back (None when not recorded)."""

    def __init__(self, store: AnalyticsStore, rate: RateLimit) -> None:
        self.store, self.rate = store, rate

    def due(self, query: str) -> bool:
        return bool(query.strip()) and self.rate.allow()

    def write(self, query: str, lang: str, audience: str, results: int, visitor: str | None) -> str | None:
        try:
            recorded = self.store.record_search(query, lang=lang, audience=audience, results=results, visitor=visitor)
        except sqlite3.Error as exc:  # the search still answers; the lead sees why it went unrecorded
            log.warning("kb: a search was not recorded: %s", exc)
            return None
        return recorded.token if recorded else None


def _text(event: dict[str, Any], name: str, limit: int, required: bool = True) -> str:
    value = event.get(name, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise BadEvent(f"{name} must be a{' non-empty' if required else ''} string")
    if len(value) > limit:
        raise BadEvent(f"{name} must be at most {limit} characters (it has {len(value)})")
    return value.strip()


def _choice(event: dict[str, Any], name: str, allowed: Sequence[str]) -> str:
    value = event.get(name)
    if value not in allowed:
        raise BadEvent(f"{name} must be one of: {', '.join(allowed)}")
    return value


def _visitor(event: dict[str, Any]) -> str | None:
    value = event.get("visitor")
    return value if isinstance(value, str) and len(value) <= 64 else None


def analytics_routes(store: AnalyticsStore, audiences: tuple[str, ...], languages: tuple[str, ...],
                     rate: RateLimit | None = None) -> list[Route]:
    """POST /api/events for a server showing the sites of `audiences` (the first is the default)."""
    rate = rate or default_rate()

    def click(event: dict[str, Any]) -> None:
        rank = event.get("rank")
        if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= MAX_RANK:
            raise BadEvent(f"rank must be a whole number from 1 to {MAX_RANK}")
        if not store.record_click(_text(event, "search", 64), _text(event, "article", MAX_ARTICLE), rank):
            raise BadEvent("no such search (it may be older than the retention period)", 404)

    def feedback(event: dict[str, Any]) -> None:
        helpful = event.get("helpful")
        if not isinstance(helpful, bool):
            raise BadEvent("helpful must be true or false")
        audience = event.get("audience") or audiences[0]
        store.record_feedback(_text(event, "article", MAX_ARTICLE), lang=_choice(event, "lang", languages),
                              audience=_choice({"audience": audience}, "audience", audiences), helpful=helpful,
                              comment=_text(event, "comment", MAX_COMMENT, required=False), visitor=_visitor(event))

    kinds = {"click": click, "feedback": feedback}

    async def events(request: Request) -> Response:
        try:
            event = await json_object(request, MAX_BODY, json_type=True)
            kind = event.get("type")
            handler = kinds.get(kind) if isinstance(kind, str) else None
            if handler is None:
                raise BadEvent(f"type must be one of: {', '.join(kinds)}")
            if not rate.allow():
                return JSONResponse({"error": "too many events: try again in a few seconds"}, status_code=429,
                                    headers={"Retry-After": "5"})
            handler(event)
        except sqlite3.Error as exc:
            log.warning("kb: an event was not recorded: %s", exc)
            return JSONResponse({"error": "the event could not be stored; try again later"}, status_code=503)
        except (BadEvent, BadBody) as exc:
            return JSONResponse({"error": str(exc)}, status_code=exc.status)
        return Response(status_code=204)

    return [Route("/api/events", events, methods=["POST"])]
