"""`kb serve` survives an unexpected error in a rebuild: the cause is printed, the last
good site stays served, and the next change is picked up (in process: the real watcher
and the real server app, with a build that fails once)."""

from __future__ import annotations

from starlette.testclient import TestClient

import kb_app.commands.serve as site_module
from kb_app.server import create_app
from serving import wait_for


def test_a_rebuild_that_raises_is_reported_and_the_next_change_is_built(project, monkeypatch, capsys):
    project.pair("spei/returns", body="First version kk1. [h](../index.md)\n")
    settings = project.settings()
    site = site_module.LiveSite(project.root / "mkdocs.yml", settings, "internal")
    site.root.mkdir(parents=True)
    site.rebuild_safely()
    assert site.version == "1"
    client = TestClient(create_app(site.current, lambda: site.version), base_url="http://127.0.0.1")
    assert "First version kk1" in client.get("/spei/returns/").text

    real, calls = site.session.render, []  # a body edit: its pages are rendered again

    def fails_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("a disk gremlin zq9")
        return real(*args, **kwargs)

    monkeypatch.setattr(site.session, "render", fails_once)
    observer = site_module._watch(site, [settings.docs_dir])
    printed = []

    def output() -> str:
        printed.append(capsys.readouterr().out)
        return "".join(printed)

    try:
        project.article("spei/returns", "en", body="Second version kk2. [h](../index.md)\n")
        wait_for(lambda: "a disk gremlin zq9" in output(), 60)
        assert "RuntimeError: a disk gremlin zq9" in output() and "still showing the last good build" in output()
        assert site.version == "1"
        assert "First version kk1" in client.get("/spei/returns/").text  # the last good site, still served

        project.article("spei/returns", "en", body="Third version kk3. [h](../index.md)\n")
        wait_for(lambda: site.version == "2", 90)
        assert "Third version kk3" in client.get("/spei/returns/").text
        assert "Traceback" not in output()
    finally:
        observer.stop()
        observer.join(5)
