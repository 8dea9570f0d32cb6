"""A request-rate limit per client on the API: a token bucket per user (or, for anonymous
requests, per client address), refilled at `rate` a second up to `burst`. An empty bucket
answers 429 with Retry-After.

Agents behind one office NAT share an address but not a user, so logged-in requests count
per user. The buckets live in each worker process: with N workers a client holding several
connections may get up to N times the rate; the proxy in front can add a global limit."""

from __future__ import annotations

import math
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Receive, Scope, Send

from kb_app.web.auth import CLIENT, USER, respond


class Buckets:
    def __init__(self, rate: float, burst: int, size: int = 65536) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.size = size
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, at)

    def take(self, key: str, now: float | None = None) -> float:
        """0 if the request may go, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        tokens, at = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        if tokens >= 1:
            self._buckets[key] = (tokens - 1, now)
            wait = 0.0
        else:
            self._buckets[key] = (tokens, now)
            wait = (1 - tokens) / self.rate
        if len(self._buckets) > self.size:  # forget the clients seen longest ago
            self._buckets.popitem(last=False)
        return wait


class RateLimit:
    """Limits the requests whose path starts with one of `prefixes`; a rate of 0 turns it off."""

    def __init__(self, app: ASGIApp, rate: float, burst: int, prefixes: tuple[str, ...] = ("/api/", "/internal/api/")) -> None:
        self.app = app
        self.prefixes = prefixes
        self.buckets = Buckets(rate, burst) if rate > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.buckets is not None and scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            key = f"user:{scope[USER]}" if scope.get(USER) else f"client:{scope.get(CLIENT, '')}"
            wait = self.buckets.take(key)
            if wait:
                await respond(send, 429, {"error": "too many requests: slow down"}, retry_after=math.ceil(wait))
                return
        await self.app(scope, receive, send)
