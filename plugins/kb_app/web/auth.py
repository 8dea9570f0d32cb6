"""Who the user is, and the guard in front of the internal site.

Two ways to know the user, either or both configured:
- an identity header (X-Forwarded-User, X-Auth-Request-Email...) set by an authenticating
  proxy (oauth2-proxy, a cloud access proxy), believed only from the configured proxy
  addresses; a request carrying such a header from any other address is refused outright
  (403), whatever its path: it is someone trying to pass for a user;
- the built-in login, whose signed session cookie names a user of the users file (checked on
  every request: a removed user is logged out at once) and its login time (sessions expire).
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote

from starlette.types import ASGIApp, Receive, Scope, Send

from kb_app.users import Users
from kb_app.web.config import IDENTITY_HEADERS
from kb_app.web.proxy import Proxies

USER = "kb.user"
CLIENT = "kb.client"


class Identity:
    """Puts the user (or None) and the client's address in the request scope."""

    def __init__(self, app: ASGIApp, proxies: Proxies, header: str, users: Users | None, session_seconds: float) -> None:
        self.app = app
        self.proxies = proxies
        self.header = header.lower().encode()
        self.watched = {h.encode() for h in IDENTITY_HEADERS} | {self.header}
        self.users = users
        self.session_seconds = session_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        trusted = self.proxies.trusts(self.proxies.peer(scope))
        claimed = [name for name in self.watched if name in headers]
        if claimed and not trusted:
            await respond(send, 403, {"error": "identity headers are accepted only from the configured proxies"})
            return
        user = None
        if trusted and self.header in headers:
            user = headers[self.header].decode("utf-8", "replace").strip() or None
        if user is None:
            user = self._session_user(scope)
        scope[USER] = user
        scope[CLIENT] = self.proxies.client(scope, headers)
        await self.app(scope, receive, send)

    def _session_user(self, scope: Scope) -> str | None:
        session = scope.get("session") or {}
        name, at = session.get("user"), session.get("at")
        if not isinstance(name, str) or not isinstance(at, (int, float)) or self.users is None:
            return None
        if time.time() - at > self.session_seconds or not self.users.exists(name):
            session.clear()
            return None
        return name


class RequireUser:
    """Refuses anonymous requests to the app it guards: a page asked for by a browser is sent
    to the login page (303, then back), anything else gets 401."""

    def __init__(self, app: ASGIApp, login_path: str | None) -> None:
        self.app = app
        self.login_path = login_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get(USER) is None:
            accept = dict(scope["headers"]).get(b"accept", b"")
            if self.login_path and scope["method"] in ("GET", "HEAD") and b"text/html" in accept:
                target = scope["path"]  # the whole path (a Mount keeps it, adding root_path)
                await respond(send, 303, None, location=f"{self.login_path}?next={quote(target)}")
            else:
                await respond(send, 401, {"error": "login required"})
            return
        await self.app(scope, receive, send)


async def respond(send: Send, status: int, body: dict | None, location: str | None = None,
                  retry_after: int | None = None) -> None:
    """A small JSON answer (or an empty redirect) straight from a middleware."""
    payload = json.dumps(body).encode() if body is not None else b""
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
               (b"cache-control", b"no-store")]
    if location:
        headers.append((b"location", location.encode("latin-1")))
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
