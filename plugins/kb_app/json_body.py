"""The JSON object a POST to one of the APIs sends, read within a size limit: a body over
the limit is refused (413) before it is parsed, whatever Content-Length it declares."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request


class BadBody(ValueError):
    """A body the API does not take; the message says why, `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _size(limit: int) -> str:
    return f"{limit // 1024} KB" if limit % 1024 == 0 and limit >= 1024 else f"{limit} bytes"


async def json_object(request: Request, limit: int, *, json_type: bool = False) -> dict[str, Any]:
    """The body of `request` as a JSON object of at most `limit` bytes; `json_type`: the
    request must also say `Content-Type: application/json` (else 415)."""
    if json_type and request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise BadBody("the body must be JSON (Content-Type: application/json)", 415)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BadBody(f"the body must be at most {_size(limit)}", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BadBody(f"the body must be at most {_size(limit)}", 413)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadBody(f"the body is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadBody("the body must be a JSON object")
    return data
