"""The search API of `kb serve`: GET /api/search?q=&lang=&limit=&audience= answers the
same JSON array as `kb search --json`.

An answer the index keeps (a query asked before) is given at once; any other search runs in
the thread pool, so that the server's other requests go on meanwhile.

A server only answers for the audiences it may show: the public site's server never
searches the internal index. The "did you mean" suggestion of an empty answer travels in
the `X-KB-Did-You-Mean` header (percent-encoded), so the body stays that array. With a
`record` (`kb_app.analytics_api.SearchRecorder`), each search is recorded in the
language of the page it was made from (`page_lang`), and the `X-KB-Search` header names
it for the click the search box reports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kb.search.searcher import MAX_RESULTS, IndexUnavailable, SearchIndex
from kb_app.analytics_api import SearchRecorder


class Indexes:
    """One open index per audience, opened on first use (the index may be built later)."""

    def __init__(self, path_of: Callable[[str], Path]) -> None:
        self.path_of = path_of
        self._open: dict[str, SearchIndex] = {}
        self._lock = threading.Lock()

    def get(self, audience: str) -> SearchIndex:
        """The index of `audience`; raises IndexUnavailable until it is built."""
        with self._lock:
            if audience not in self._open:
                self._open[audience] = SearchIndex(self.path_of(audience))
            return self._open[audience]


def error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def search_routes(path_of: Callable[[str], Path], audiences: tuple[str, ...], languages: tuple[str, ...],
                  record: SearchRecorder | None = None) -> list[Route]:
    """Routes answering searches in the indexes of `audiences` (the first is the default);
    `path_of(audience)` is where that audience's index lives; `record` stores each search."""
    indexes = Indexes(path_of)

    async def search(request: Request) -> JSONResponse:
        params = request.query_params
        audience = params.get("audience") or audiences[0]
        if audience not in audiences:
            return error(f"audience must be one of: {', '.join(audiences)}")
        lang = params.get("lang") or None
        if lang is not None and lang not in languages:
            return error(f"lang must be one of: {', '.join(languages)}")
        try:
            limit = int(params.get("limit") or 10)
        except ValueError:
            return error(f"limit must be a whole number from 1 to {MAX_RESULTS}")
        if not 1 <= limit <= MAX_RESULTS:
            return error(f"limit must be a whole number from 1 to {MAX_RESULTS}")
        try:
            index = indexes.get(audience)
        except IndexUnavailable as exc:
            return error(f"{exc}: run 'kb index'", 503)
        text = params.get("q") or ""
        results = index.kept(text, lang, limit)
        if results is None:
            results = await run_in_threadpool(index.search, text, lang, limit)
        headers = {"Cache-Control": "no-store"}
        if results.did_you_mean:
            headers["X-KB-Did-You-Mean"] = quote(results.did_you_mean)
        if record is not None:
            page_lang = params.get("page_lang")
            said = lang or (page_lang if page_lang in languages else None) or results.language or languages[0]
            if record.due(text):
                token = await run_in_threadpool(record.write, text, said, audience, len(results.hits),
                                                request.headers.get("X-KB-Visitor"))
                if token:
                    headers["X-KB-Search"] = token
        return JSONResponse([hit.to_json() for hit in results.hits], headers=headers)

    return [Route("/api/search", search, methods=["GET"])]
