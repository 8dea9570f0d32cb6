"""Access logs as JSON lines, one per request, on standard output (or any text stream):
time, method, path, status, bytes, duration, client, user and worker. The query string is
never written whole: the search words, when there are some, are written redacted with the
project's redaction (cards, CLABEs, emails, phones... become placeholders), and so is the
path, where a mistyped address may hold anything."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from typing import TextIO
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kb.redaction import redact
from kb_app.web.auth import CLIENT, USER

MAX_QUERY = 200


def entry(scope: Scope, status: int, length: int, seconds: float) -> dict:
    """The log line of one request (without personal data in the path or query)."""
    line = {
        "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
        "method": scope.get("method", ""),
        "path": redact(scope.get("path", "")),
        "status": status,
        "bytes": length,
        "ms": round(seconds * 1000, 2),
        "client": scope.get(CLIENT) or (scope.get("client") or ("",))[0],
        "user": scope.get(USER),
        "pid": os.getpid(),
    }
    query = scope.get("query_string", b"")
    if query:
        words = parse_qs(query.decode("latin-1")).get("q")
        if words:
            line["q"] = redact(words[0][:MAX_QUERY])
    return line


class AccessLog:
    def __init__(self, app: ASGIApp, stream: TextIO | None = None) -> None:
        self.app = app
        self.stream = stream

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status, length = 500, 0

        async def recording(message: Message) -> None:
            nonlocal status, length
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                length += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, recording)
        finally:
            stream = self.stream or sys.stdout
            stream.write(json.dumps(entry(scope, status, length, time.perf_counter() - start), ensure_ascii=False) + "\n")
            stream.flush()
