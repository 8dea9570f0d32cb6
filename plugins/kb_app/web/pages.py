"""A built site's files, from a folder that `kb build` swaps for a newer build at any time.

The published folder is a symlink; Starlette resolves it again on every request, so the
next request reads the new build while a request already answering keeps its file (the
build before stays on disk: `kb build` removes only older ones). Each page carries the
Content-Security-Policy of its own inline scripts."""

from __future__ import annotations

import anyio
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from kb_app.web.security import PagePolicies

_POLICIES = PagePolicies()


class BuiltSite(StaticFiles):
    """The files of a built site, each page with its policy; `private` pages (the internal
    site) may be kept by the reader's browser but by no shared cache."""

    def __init__(self, current, private: bool = False) -> None:  # noqa: ANN001 - a path
        super().__init__(directory=current, html=True, check_dir=False)
        self.cache_control = "private, no-cache" if private else "no-cache"

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if isinstance(response, FileResponse) and str(response.path).endswith(".html"):
            stat = response.stat_result
            version = (str(response.path), stat.st_mtime_ns, stat.st_size)
            policy = _POLICIES.cached(*version) or await anyio.to_thread.run_sync(_POLICIES.of, *version)
            response.headers["content-security-policy"] = policy
            response.headers["cache-control"] = self.cache_control
        return response
