"""A built site's files, from a folder that `kb build` swaps for a newer build at any time.

The published folder is a symlink; each request resolves it again, so the next request
reads the new build while a request already answering keeps its file (the build before
stays on disk: `kb build` removes only older ones). Each page carries the
Content-Security-Policy of its own inline scripts.

The files asked for are kept in memory with their headers, up to MEMORY bytes per worker:
reading a file through Starlette's thread pool costs about 2 ms of CPU, serving it from
memory a few microseconds. A kept file is checked against the disk (one `stat`) at every
request, and all are dropped when a new build is swapped in. The first request of a file,
a range request, a large file other than a page and a missing one take Starlette's path
(its checks of the path against the folder included)."""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import anyio
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

from kb_app.web.security import page_policy

MEMORY = 64 * 1024 * 1024  # bytes of files kept per worker (a 2,000-article site's pages are about 130 MB)
LARGEST = 1024 * 1024  # larger files are streamed from disk at every request (not pages: their policy reads them whole)


@dataclass(frozen=True)
class _Kept:
    path: str  # the file, its build's real folder resolved
    version: tuple[int, int, int]  # inode, mtime_ns, size: what the disk must still say
    status: int
    headers: dict[str, str]
    body: bytes

    def current(self) -> bool:
        try:
            found = os.stat(self.path)
        except OSError:
            return False
        return (found.st_ino, found.st_mtime_ns, found.st_size) == self.version


class _Memory:
    """The most recently asked files of one build, at most `budget` bytes of them."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.build = ""
        self.used = 0
        self._files: OrderedDict[str, _Kept] = OrderedDict()

    def get(self, build: str, path: str) -> _Kept | None:
        if build != self.build:  # a new build was swapped in: what was kept is of the old one
            self._files.clear()
            self.build, self.used = build, 0
        kept = self._files.get(path)
        if kept is None:
            return None
        if not kept.current():
            self._drop(path)
            return None
        self._files.move_to_end(path)
        return kept

    def put(self, build: str, path: str, kept: _Kept) -> None:
        if build != self.build or len(kept.body) > self.budget:
            return
        self._drop(path)
        self._files[path] = kept
        self.used += len(kept.body)
        while self.used > self.budget:
            self._drop(next(iter(self._files)))

    def _drop(self, path: str) -> None:
        if (kept := self._files.pop(path, None)) is not None:
            self.used -= len(kept.body)


class BuiltSite(StaticFiles):
    """The files of a built site, each page with its policy; `private` pages (the internal
    site) may be kept by the reader's browser but by no shared cache."""

    def __init__(self, current, private: bool = False, memory: int = MEMORY) -> None:  # noqa: ANN001 - a path
        super().__init__(directory=current, html=True, check_dir=False)
        self.cache_control = "private, no-cache" if private else "no-cache"
        self._memory = _Memory(memory)

    async def get_response(self, path: str, scope: Scope) -> Response:
        request = Headers(scope=scope)
        build = os.path.realpath(self.directory)
        key = f"{path}\0{scope['path'].endswith('/')}"  # "a/" and "a" answer differently (a redirect)
        if scope["method"] in ("GET", "HEAD") and "range" not in request:
            if (kept := self._memory.get(build, key)) is not None:
                return self._answer(kept, scope["method"], request)
        response = await super().get_response(path, scope)
        if not isinstance(response, FileResponse) or response.status_code not in (200, 404):
            return response
        if response.status_code == 404:  # the site's 404 page: kept once, whatever was asked
            key = "\0404"
            if (kept := self._memory.get(build, key)) is not None:
                return self._answer(kept, scope["method"], request)
        file, stat = str(response.path), response.stat_result  # the path is resolved into its build
        html = file.endswith(".html")
        if "range" in request or (not html and stat.st_size > LARGEST):  # FileResponse streams it
            if html:  # its policy needs the whole page: read for it
                body = await anyio.to_thread.run_sync(Path(file).read_bytes)
                response.headers["content-security-policy"] = page_policy(body)
                response.headers["cache-control"] = self.cache_control
            return response
        body = await anyio.to_thread.run_sync(Path(file).read_bytes)
        headers = dict(response.headers)
        if html:
            headers["content-security-policy"] = page_policy(body)
            headers["cache-control"] = self.cache_control
        headers["content-length"] = str(len(body))
        kept = _Kept(file, (stat.st_ino, stat.st_mtime_ns, stat.st_size), response.status_code, headers, body)
        if len(body) == stat.st_size and file.startswith(build + os.sep):  # else it changed while read
            self._memory.put(build, key, kept)
        return self._answer(kept, scope["method"], request)

    def _answer(self, kept: _Kept, method: str, request: Headers) -> Response:
        if kept.status == 200 and self.is_not_modified(Headers(kept.headers), request):
            return NotModifiedResponse(Headers(kept.headers))
        return Response(b"" if method == "HEAD" else kept.body, kept.status, headers=kept.headers)
