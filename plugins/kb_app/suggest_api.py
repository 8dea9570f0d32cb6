"""The suggestion API: POST /api/suggest with JSON `{subject, description, lang?, limit?,
audience?}` answers `{lang, words, suggestions: [...]}`, as `kb suggest --json` prints.

Bounded: a body over MAX_BODY bytes is refused with 413 before it is parsed; a subject over
MAX_SUBJECT or a description over MAX_DESCRIPTION characters, a body that is not a JSON
object, or a field of the wrong type is a 400 that says which field and its limit. The
ready replies are read from the articles once per index build (the index's folder changes
with each build).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kb.catalog import Catalog
from kb.search.searcher import IndexUnavailable
from kb.suggest import MAX_DESCRIPTION, MAX_SUBJECT, ReplyBook, suggest
from kb_app.search_api import _error, _Indexes

MAX_BODY = 512 * 1024  # bytes: a description of MAX_DESCRIPTION characters, escaped, fits
MAX_LIMIT = 20


class _Replies:
    """The ready replies of each audience, read again when its index was rebuilt."""

    def __init__(self, catalog: Callable[[], Catalog], path_of: Callable[[str], Path]) -> None:
        self.catalog, self.path_of = catalog, path_of
        self._books: dict[str, tuple[str, ReplyBook]] = {}
        self._lock = threading.Lock()

    def get(self, audience: str) -> ReplyBook:
        build = os.path.realpath(self.path_of(audience))
        with self._lock:
            if audience not in self._books or self._books[audience][0] != build:
                self._books[audience] = (build, ReplyBook.from_catalog(self.catalog(), audience))
            return self._books[audience][1]


def _field(data: dict, name: str, limit: int) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    if len(value) > limit:
        raise ValueError(f"{name} is longer than {limit:,} characters: send the ticket's first {limit:,}")
    return value


def suggest_routes(path_of: Callable[[str], Path], audiences: tuple[str, ...], languages: tuple[str, ...],
                   catalog: Callable[[], Catalog]) -> list[Route]:
    """Routes suggesting articles from the indexes of `audiences` (the first is the default);
    `catalog()` reads the articles (for their ready replies)."""
    indexes = _Indexes(path_of)
    replies = _Replies(catalog, path_of)

    async def suggestion(request: Request) -> JSONResponse:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            return _error(f"the request body is over {MAX_BODY // 1024} KB", 413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return _error(f"the request body is over {MAX_BODY // 1024} KB", 413)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _error('the body must be JSON: {"subject": "...", "description": "...", "lang": "es"}')
        if not isinstance(data, dict):
            return _error('the body must be a JSON object: {"subject": "...", "description": "..."}')
        try:
            subject = _field(data, "subject", MAX_SUBJECT)
            description = _field(data, "description", MAX_DESCRIPTION)
        except ValueError as exc:
            return _error(str(exc))
        if not (subject.strip() or description.strip()):
            return _error("subject or description must hold the ticket's text")
        lang = data.get("lang") or None
        if lang is not None and lang not in languages:
            return _error(f"lang must be one of: {', '.join(languages)}")
        audience = data.get("audience") or audiences[0]
        if audience not in audiences:
            return _error(f"audience must be one of: {', '.join(audiences)}")
        limit = data.get("limit", 3)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
            return _error(f"limit must be a whole number from 1 to {MAX_LIMIT}")
        try:
            index = indexes.get(audience)
        except IndexUnavailable as exc:
            return _error(f"{exc}: run 'kb index'", 503)
        found = await run_in_threadpool(lambda: suggest(index, subject, description, replies.get(audience), languages,
                                                        lang=lang, limit=limit))
        return JSONResponse(found.to_json(), headers={"Cache-Control": "no-store"})

    return [Route("/api/suggest", suggestion, methods=["POST"])]
