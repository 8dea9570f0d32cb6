"""`kb serve`: builds, serves over HTTP on 127.0.0.1, and rebuilds when an article changes."""

from __future__ import annotations

import httpx

from serving import kb_serve, wait_for


def test_serve_builds_serves_and_rebuilds_on_change(project):
    project.pair("spei/returns", body="First version kk1. [h](../index.md)\n")
    with kb_serve(project) as base:
        page = wait_for(lambda: httpx.get(f"{base}/spei/returns/").text)
        assert "First version kk1" in page and "/_kb/version" in page  # live reload script is there
        version = httpx.get(f"{base}/_kb/version").text
        assert httpx.get(f"{base}/es/spei/returns/").status_code == 200

        project.article("spei/returns", "en", body="Second version kk2. [h](../index.md)\n")
        wait_for(lambda: httpx.get(f"{base}/_kb/version").text != version)
        assert "Second version kk2" in httpx.get(f"{base}/spei/returns/").text
