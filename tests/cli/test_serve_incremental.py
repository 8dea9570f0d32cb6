"""`kb serve` after an edit: a body edit renders that article's pages again (the page a full
build makes, byte for byte; every other file shared with the last build), anything that
moves the site builds it all (in process: the real session, no server needed)."""

from __future__ import annotations

import os
from pathlib import Path

import kb_app.commands.serve as serve
from kb.search.files import index_root
from kb.search.searcher import SearchIndex
from serving import wait_for

LINK = "[h](../index.md)"


def live(project) -> serve.LiveSite:
    site = serve.LiveSite(project.root / "mkdocs.yml", project.settings(), "internal")
    site.root.mkdir(parents=True)
    site.rebuild_safely()
    assert site.version == "1"
    return site


def shown(site: serve.LiveSite, address: str) -> str:
    return (site.current / address / "index.html").read_text(encoding="utf-8")


def test_a_body_edit_renders_its_page_as_a_full_build_would(project, capsys):
    project.pair("spei/returns", body=f"First version kk1. {LINK}\n")
    project.pair("spei/cep", body=f"CEP page. {LINK}\n")
    project.article("spei/english-only", "en", body=f"Only English ee1. {LINK}\n")
    site = live(project)
    before = Path(os.path.realpath(site.current))
    edited = project.article("spei/returns", "en", body=f"Second version kk2.\n\n## A new heading\n\n{LINK}\n")
    english_only = project.article("spei/english-only", "en", body=f"Only English ee2. {LINK}\n")
    site.rebuild_safely({edited, english_only})
    assert "rendered 3 pages" in capsys.readouterr().out  # en returns, en english-only and its Spanish stand-in
    assert site.version == "2"
    assert "kk2" in shown(site, "spei/returns") and "kk1" in shown(site, "es/spei/returns")
    assert "ee2" in shown(site, "spei/english-only") and "ee2" in shown(site, "es/spei/english-only")
    after = Path(os.path.realpath(site.current))
    assert after != before and not before.exists()
    # Every other file is the last build's (a hard link), the edited pages are new files.
    cep = after / "spei/cep/index.html"
    assert cep.stat().st_nlink == 1 and (after / "spei/returns/index.html").stat().st_nlink == 1
    incremental = {p.relative_to(after): p.read_bytes() for p in after.rglob("*.html")}
    # The search follows, in the background: the new words find the article.
    index = SearchIndex(index_root(project.root) / "internal")
    wait_for(lambda: [hit.id for hit in index.search("kk2").hits] == ["spei/returns"], 60)

    site.rebuild_safely()  # a full build of the same sources
    assert site.version == "3"
    full = Path(os.path.realpath(site.current))
    for page in ("spei/returns/index.html", "spei/english-only/index.html", "es/spei/english-only/index.html"):
        assert incremental[Path(page)] == (full / page).read_bytes(), page


def test_an_edit_that_moves_the_site_builds_it_all(project, capsys):
    project.pair("spei/returns", body=f"First version kk1. {LINK}\n")
    site = live(project)
    capsys.readouterr()
    retitled = project.article("spei/returns", "en", title="Returns, renamed tt5", body=f"First version kk1. {LINK}\n")
    site.rebuild_safely({retitled})
    out = capsys.readouterr().out
    assert "built the internal site" in out and "rendered" not in out
    assert "tt5" in (site.current / "index.html").read_text(encoding="utf-8")  # the navigation of every page
    added = project.article("spei/cep", "en", body=f"New article nn3. {LINK}\n")
    site.rebuild_safely({added})
    assert "built the internal site" in capsys.readouterr().out and "nn3" in shown(site, "spei/cep")


def test_a_body_edit_with_an_error_is_shown_and_the_error_named(project, capsys):
    project.pair("spei/returns", body=f"First version kk1. {LINK}\n")
    site = live(project)
    edited = project.article("spei/returns", "en", body=f"Facts gone wrong {{{{ platform.no.such.fact }}}} {LINK}\n")
    site.rebuild_safely({edited})
    assert site.version == "2" and "Facts gone wrong" in shown(site, "spei/returns")  # a preview shows what was written
    wait_for(lambda: "no.such.fact" in (printed := capsys.readouterr().out) and printed, 60)  # and says what is wrong
