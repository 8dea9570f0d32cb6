"""The suggestion API: POST /api/suggest with JSON `{subject, description, lang?, limit?,
audience?}` answers `{lang, words, suggestions: [...]}`, as `kb suggest --json` prints.

Bounded: a body over MAX_BODY bytes is refused with 413 before it is parsed; a subject over
MAX_SUBJECT or a description over MAX_DESCRIPTION characters, a body that is not a JSON
object, or a field of the wrong type is a 400 that says which field and its limit. The
ready replies are those the index was built with (`kb index` writes them beside it), read
again when it is rebuilt: a server of built sites needs no articles.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kb.search.searcher import IndexUnavailable
from kb.suggest import MAX_DESCRIPTION, MAX_SUBJECT, ReplyBook, suggest
from kb_app.json_body import BadBody, json_object
from kb_app.search_api import Indexes, error

MAX_BODY = 512 * 1024  # bytes: a description of MAX_DESCRIPTION characters, escaped, fits
MAX_LIMIT = 20


class _Replies:
    """The ready replies of each audience, read from its index again when it was rebuilt."""

    def __init__(self, path_of: Callable[[str], Path]) -> None:
        self.path_of = path_of
        self._books: dict[str, tuple[str, ReplyBook]] = {}
        self._lock = threading.Lock()

    def get(self, audience: str) -> ReplyBook:
        build = os.path.realpath(self.path_of(audience))
        with self._lock:
            if audience not in self._books or self._books[audience][0] != build:
                self._books[audience] = (build, ReplyBook.from_index(Path(build)))
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


def suggest_routes(path_of: Callable[[str], Path], audiences: tuple[str, ...], languages: tuple[str, ...]) -> list[Route]:
    """Routes suggesting articles from the indexes of `audiences` (the first is the default),
    each with the ready replies its index was built with."""
    indexes = Indexes(path_of)
    replies = _Replies(path_of)

    async def suggestion(request: Request) -> JSONResponse:
        try:
            data = await json_object(request, MAX_BODY)
        except BadBody as exc:
            return error(str(exc), exc.status)
        try:
            subject = _field(data, "subject", MAX_SUBJECT)
            description = _field(data, "description", MAX_DESCRIPTION)
        except ValueError as exc:
            return error(str(exc))
        if not (subject.strip() or description.strip()):
            return error("subject or description must hold the ticket's text")
        lang = data.get("lang") or None
        if lang is not None and lang not in languages:
            return error(f"lang must be one of: {', '.join(languages)}")
        audience = data.get("audience") or audiences[0]
        if audience not in audiences:
            return error(f"audience must be one of: {', '.join(audiences)}")
        limit = data.get("limit", 3)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
            return error(f"limit must be a whole number from 1 to {MAX_LIMIT}")
        try:
            index, book = indexes.get(audience), replies.get(audience)
        except IndexUnavailable as exc:
            return error(f"{exc}: run 'kb index'", 503)
        found = await run_in_threadpool(lambda: suggest(index, subject, description, book, languages, lang=lang, limit=limit))
        return JSONResponse(found.to_json(), headers={"Cache-Control": "no-store"})

    return [Route("/api/suggest", suggestion, methods=["POST"])]
