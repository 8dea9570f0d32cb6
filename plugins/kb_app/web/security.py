"""Security headers on every response, and a Content-Security-Policy for each page that
allows exactly the page's own inline scripts (Material's pages have some) by their SHA-256.

No script, style, font or image may come from another host (the site needs none); the pages
may not be framed; the browser must not guess content types; a link to another site carries
no address of ours."""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)

# For responses that are not pages (JSON, assets, errors): nothing may run or load.
LOCKED_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# A script's own policy governs it when it runs as a worker (Material's search worker loads
# its other scripts from the site).
SCRIPT_POLICY = "default-src 'self'; object-src 'none'; frame-ancestors 'none'"

STATIC_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)


def page_policy(html: bytes) -> str:
    """The policy for one page: its inline scripts by hash, everything else from this origin.
    Styles allow inline: Material sets style attributes, which hashes cannot name."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
                     for body in _INLINE_SCRIPT.findall(html)})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class SecurityHeaders:
    """Adds the static headers to every response, the locked policy to any response that
    has none of its own (pages carry theirs), and HSTS when the site is served over HTTPS."""

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.extra = STATIC_HEADERS + (((b"strict-transport-security", b"max-age=31536000"),) if hsts else ())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend(item for item in self.extra if item[0] not in names)
                if b"content-security-policy" not in names:
                    kind = next((value for name, value in headers if name.lower() == b"content-type"), b"")
                    policy = SCRIPT_POLICY if b"javascript" in kind else LOCKED_POLICY
                    headers.append((b"content-security-policy", policy.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
