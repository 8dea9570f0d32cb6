"""`kb serve` with ticket exports: the stubs written by the first build, and a rebuild
after an edit, settle: the server does not rebuild again and again."""

from __future__ import annotations

import time

import httpx
import pytest

from serving import kb_serve, wait_for
from tickets.exports import T, freshdesk_csv

pytestmark = pytest.mark.slow


def test_serve_writes_stubs_once_and_settles_after_a_rebuild(project) -> None:
    project.pair("spei/returns", body="First version. [h](../index.md)\n")
    (project.root / "tickets").mkdir()
    freshdesk_csv(project.root / "tickets/export.csv", [T(str(n), "Me cobraron dos veces", ["cobro_doble"]) for n in range(6)])
    stub = project.root / "docs/en/drafts/cobro-doble.md"
    with kb_serve(project) as base:
        assert "Me cobraron dos veces" in wait_for(lambda: httpx.get(f"{base}/drafts/cobro-doble/").text)
        written = stub.stat().st_mtime_ns
        version = httpx.get(f"{base}/_kb/version").text
        project.article("spei/returns", "en", body="Second version. [h](../index.md)\n")
        settled = wait_for(lambda: (v := httpx.get(f"{base}/_kb/version").text) != version and v)
        time.sleep(12)  # a rebuild loop would have rebuilt (a build takes 2 to 5 s here) several times by now
        assert httpx.get(f"{base}/_kb/version").text == settled
        assert stub.stat().st_mtime_ns == written  # the stub was not rewritten by the rebuild
