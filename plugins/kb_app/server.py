"""The local server behind `kb serve`: the built site as static files, a version endpoint
for live reload, and any API routes the caller adds (search), on a standard ASGI stack."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kb_app.web.hosts import HostCheck


class SiteFiles(StaticFiles):
    """Static files from a folder that may be swapped for a newer build at any time:
    the folder is a symlink, resolved again on every request."""

    def __init__(self, current: Path) -> None:
        super().__init__(directory=current, html=True, check_dir=False)


def create_app(current: Path, version: Callable[[], str], routes: Sequence[BaseRoute] = (),
               allowed_hosts: Sequence[str] = ()) -> Starlette:
    """An app serving the site at `current` (a symlink to the latest build), answering only
    requests addressed to 127.0.0.1, localhost or `allowed_hosts` (against DNS rebinding)."""

    async def build_version(request: Request) -> PlainTextResponse:
        return PlainTextResponse(version(), headers={"Cache-Control": "no-store"})

    return Starlette(routes=[
        Route("/_kb/version", build_version),
        *routes,
        Mount("/", app=SiteFiles(current)),
    ], middleware=[Middleware(HostCheck, allowed=allowed_hosts)])
