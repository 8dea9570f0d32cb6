"""`kb build` after an edit renders only the pages whose inputs changed, and the site it
makes is the one a clean build of the same sources makes, file for file and byte for byte
(both audiences, both languages); anything global builds every page again."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kb.build_manifest import manifest_path, read_manifest

LINK = "[Home](../index.md)"
AUDIENCES = ("public", "internal")


def seed(project) -> None:  # noqa: ANN001 - conftest's Project
    project.pair("spei/returns", body=f"Returns body rr1.\n\n## Steps\n\nOne. {LINK}\n")
    project.pair("spei/cep", body=f"CEP body cc1. {LINK}\n")
    project.article("spei/english-only", "en", body=f"English only ee1. {LINK}\n")
    project.pair("spei/internal-steps", body=f"Internal procedure ii1. {LINK}\n", audience="internal")
    for lang, title in (("en", "Tags"), ("es", "Etiquetas")):  # a tags listing: every page's tags link to it
        project.write(f"docs/{lang}/tags.md", f"---\ntitle: {title}\n---\n\n<!-- material/tags -->\n")
    project.write("overrides/main.html", '{% extends "base.html" %}\n')
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")


def tree(project, audience: str) -> dict[str, bytes]:  # noqa: ANN001
    site = project.root / "site" / audience
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(project, *args: str) -> str:  # noqa: ANN001
    ran = project.kb("build", *args)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    return ran.stdout


def counts(output: str, audience: str) -> tuple[str, int, int] | None:
    """('rebuilt'|'built all', rendered, pages) of the audience's line."""
    line = next(line for line in output.splitlines() if line.startswith(f"built the {audience} site"))
    found = re.search(r"rebuilt (\d+) of (\d+) pages \(incremental\)", line)
    if found:
        return "incremental", int(found[1]), int(found[2])
    found = re.search(r"built all (\d+) pages: (.+)\)$", line)
    return ("full: " + found[2], int(found[1]), int(found[1])) if found else None


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """The files that are in one tree only, or differ."""
    return sorted(name for name in set(one) | set(other) if one.get(name) != other.get(name))


def assert_same_as_clean(project) -> dict[str, dict[str, bytes]]:  # noqa: ANN001
    """The site as built now, then as a clean build of the same sources makes it: equal."""
    now = {audience: tree(project, audience) for audience in AUDIENCES}
    output = build(project, "--clean")
    for audience in AUDIENCES:
        assert counts(output, audience)[0] == "full: --clean"
        clean = tree(project, audience)
        assert len(clean) > 20 and differences(now[audience], clean) == [], (audience, differences(now[audience], clean))
    return now


@pytest.fixture
def built(project):  # noqa: ANN001, ANN201
    seed(project)
    output = build(project)
    for audience in AUDIENCES:
        assert counts(output, audience)[0] == "full: no earlier build to start from"
    return project


def test_two_clean_builds_are_identical(built):  # noqa: ANN001
    first = {audience: tree(built, audience) for audience in AUDIENCES}
    assert len(first["internal"]) > len(first["public"]) > 20
    # The Spanish 404 page's language selector leads to each language's home, not to the
    # last page rendered (which would make it depend on what a rebuild renders).
    for lang in ("en", "es"):
        assert f'href="/{"es/" if lang == "es" else ""}" hreflang="{lang}"'.encode() in first["public"]["es/404.html"]
    build(built, "--full")
    for audience in AUDIENCES:
        assert differences(tree(built, audience), first[audience]) == [], audience


def test_a_body_edit_renders_only_its_pages_and_gives_the_clean_site(built):  # noqa: ANN001
    built.article("spei/returns", "en", body=f"Returns body rr2.\n\n## New heading\n\nTwo. {LINK}\n")
    built.article("spei/cep", "es", body=f"CEP cuerpo cc2. {LINK}\n")
    built.article("spei/english-only", "en", body=f"English only ee2. {LINK}\n")
    built.article("spei/internal-steps", "en", body=f"Internal procedure ii2. {LINK}\n", audience="internal")
    output = build(built)
    public, internal = counts(output, "public"), counts(output, "internal")
    # en returns, es cep, en english-only and its Spanish stand-in, and the two tags listings
    # (always rendered); the internal site also the internal article (absent from the public one).
    assert public == ("incremental", 6, 10)  # two homes, two tags pages, three articles in two languages
    assert internal[:2] == ("incremental", 7) and internal[2] == public[2] + 2
    site = built.root / "site" / "internal"
    assert b"rr2" in (site / "spei/returns/index.html").read_bytes()
    assert b'href="../../tags/#tag:spei"' in (site / "spei/returns/index.html").read_bytes()  # its tags link to the listing
    assert b"ee2" in (site / "es/spei/english-only/index.html").read_bytes()
    assert b"ii2" in (site / "spei/internal-steps/index.html").read_bytes()
    assert (site / "spei/returns/index.html").stat().st_nlink == 1  # rendered: a file of its own
    assert (site / "es/spei/returns/index.html").stat().st_nlink == 2  # the last build's file
    search = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert search.count("rr2") == search.count("rr1") == 1  # en rendered again, es kept
    assert "cc2" in search and "cc1" in search and search.count("ii2") == search.count("ii1") == 1
    assert_same_as_clean(built)


def test_nothing_changed_renders_only_the_tags_listings(built):  # noqa: ANN001
    before = {audience: tree(built, audience) for audience in AUDIENCES}
    output = build(built)
    for audience in AUDIENCES:
        assert counts(output, audience)[:2] == ("incremental", 2)
    for audience in AUDIENCES:
        assert differences(tree(built, audience), before[audience]) == [], audience


@pytest.mark.parametrize("edit, reason", [
    (lambda p: p.article("spei/cep", "en", body=f"CEP body cc1. {LINK}\n", title="CEP, a new title"),
     "an article's front matter or the list of articles changed"),
    (lambda p: p.pair("spei/new-one", body=f"A new article nn1. {LINK}\n"),
     "an article's front matter or the list of articles changed"),
    (lambda p: (p.root / "docs/en/spei/english-only.md").unlink(),
     "an article's front matter or the list of articles changed"),
    (lambda p: p.write("mkdocs.yml", (p.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "site_name: Payments Knowledge Base", "site_name: Payments KB")), "mkdocs.yml changed"),
    (lambda p: p.write("overrides/main.html", '{% extends "base.html" %}\n{% block footer %}kb-footer{% endblock %}\n'),
     "the templates or theme changed"),
    (lambda p: p.write("data/platform.yml", (p.root / "data/platform.yml").read_text(encoding="utf-8").replace("3.6 %", "3.9 %")),
     "a data file changed"),
])
def test_what_moves_the_site_builds_every_page(built, edit, reason):  # noqa: ANN001
    edit(built)
    output = build(built)
    for audience in AUDIENCES:
        kind, rendered, pages = counts(output, audience)
        assert kind == f"full: {reason}" and rendered == pages
    assert_same_as_clean(built)


def test_a_failed_incremental_build_keeps_the_last_good_site(built):  # noqa: ANN001
    before = tree(built, "public")
    shown = os.path.realpath(built.root / "site" / "public")
    manifest = manifest_path(built.root / "site" / "public").read_bytes()
    page = built.root / "docs/en/spei/returns.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\n![gone](nowhere.png)\n", encoding="utf-8")
    ran = built.kb("build", "--audience", "public")
    assert ran.returncode != 0 and "nowhere.png" in ran.stdout + ran.stderr
    assert tree(built, "public") == before and os.path.realpath(built.root / "site" / "public") == shown
    assert manifest_path(built.root / "site" / "public").read_bytes() == manifest
    assert not list((built.root / "site").glob(".public.build-*"))
    page.write_text(good.replace("rr1", "rr3"), encoding="utf-8")
    output = build(built, "--audience", "public")
    assert counts(output, "public")[:2] == ("incremental", 3)  # the article and the two tags listings


def test_a_damaged_or_foreign_manifest_means_a_full_build(built):  # noqa: ANN001
    path = manifest_path(built.root / "site" / "public")
    assert read_manifest(path).build == Path(os.path.realpath(built.root / "site" / "public")).name
    path.write_text("{not json", encoding="utf-8")
    assert read_manifest(path) is None
    output = build(built, "--audience", "public")
    assert counts(output, "public")[0] == "full: no earlier build to start from"
    for odd in ('{"version": 1, "build": 3, "inputs": {}, "pages": {}}', '[]',
                '{"version": 1, "build": "b", "inputs": {}, "pages": {"en:index.html": 5}}'):
        path.write_text(odd, encoding="utf-8")
        assert read_manifest(path) is None, odd
    assert counts(build(built, "--audience", "public"), "public")[0] == "full: no earlier build to start from"
    data = path.read_text(encoding="utf-8").replace(Path(os.path.realpath(built.root / "site" / "public")).name, "elsewhere")
    path.write_text(data, encoding="utf-8")
    output = build(built, "--audience", "public")
    assert counts(output, "public")[0] == "full: no earlier build to start from"


def test_the_theme_templates_are_compiled_once_and_clean_starts_from_nothing(built):  # noqa: ANN001
    cache = built.root / ".kb" / "cache"
    compiled = sorted(p.name for p in (cache / "templates").iterdir())
    assert compiled, "the build kept no compiled template"
    (cache / "stale.json").write_text("{}", encoding="utf-8")
    build(built, "--clean")
    assert not (cache / "stale.json").exists()
    assert sorted(p.name for p in (cache / "templates").iterdir()) == compiled


def test_a_template_cache_removed_during_a_build_only_costs_the_next_one(tmp_path):
    from jinja2 import DictLoader, Environment

    from kb_mkdocs.site import TemplateCache

    folder = tmp_path / "templates"
    env = TemplateCache(folder).on_env(Environment(loader=DictLoader({"a.html": "{{ 1 + 1 }}"})), config=None, files=None)
    folder.rmdir()  # as `kb build --clean` elsewhere empties .kb/cache/
    assert env.get_template("a.html").render() == "2"
