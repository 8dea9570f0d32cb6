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


def test_serve_shows_the_last_build_at_once_with_a_notice_while_it_builds(project):
    project.pair("spei/returns", body="First version kk1. [h](../index.md)\n")
    with kb_serve(project) as base:
        wait_for(lambda: httpx.get(f"{base}/_kb/version").text.isdigit())
    project.article("spei/returns", "en", body="Second version kk2. [h](../index.md)\n")
    with kb_serve(project) as base:
        # The earlier run's build, served before this run has built anything, says so.
        version = wait_for(lambda: httpx.get(f"{base}/_kb/version").text, 30)
        assert version == "building"
        page = httpx.get(f"{base}/spei/returns/").text
        assert "First version kk1" in page and "kb-stale" in page and "reloads when it is ready" in page
        wait_for(lambda: httpx.get(f"{base}/_kb/version").text not in ("building", version))
        assert "Second version kk2" in httpx.get(f"{base}/spei/returns/").text
