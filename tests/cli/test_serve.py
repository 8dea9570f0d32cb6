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
    for number in range(40):  # a first build that lasts a few seconds: time to ask while it runs
        project.pair(f"spei/filler-{number}", body=f"Filler {number}. [h](../index.md)\n")
    with kb_serve(project) as base:
        wait_for(lambda: httpx.get(f"{base}/_kb/version").text.isdigit())
    project.article("spei/returns", "en", body="Second version kk2. [h](../index.md)\n")
    with kb_serve(project) as base:
        # The earlier run's build, served before this run has built anything, says so. The
        # pages asked for while the build runs (the state read before and after each) are
        # that build's, until the swap: the new build may be shown a moment before the state
        # says so, never a page of neither.
        version = wait_for(lambda: httpx.get(f"{base}/_kb/version").text, 30)
        assert version == "building"
        during = []
        while True:
            before = httpx.get(f"{base}/_kb/version").text
            page = httpx.get(f"{base}/spei/returns/").text
            after = httpx.get(f"{base}/_kb/version").text
            if before == after == "building":
                during.append(page)
            elif after != "building":
                break
        assert during, "the build ended before a page could be asked for while it ran"
        first = during[0]
        assert "First version kk1" in first and "kb-stale" in first and "reloads when it is ready" in first
        assert all(("First version kk1" in page) != ("Second version kk2" in page) for page in during)
        assert "Second version kk2" in httpx.get(f"{base}/spei/returns/").text
