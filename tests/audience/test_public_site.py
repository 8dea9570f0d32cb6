"""The public site is an allow-list: built from a project seeded, in both languages, with
every way a careless author leaks (files beside internal articles, images only agents'
pages show, internal blocks, HTML comments, editors' backups, markup in titles), the
whole public output and both public search indexes hold none of the marker words; a build
that is refused names the file and leaves the previous site exactly as it was."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

MARK = "zebra-leak-7"  # lower case: the search indexes keep words folded
LANGS = ("en", "es")
TITLE = "Limits <i>live</i>: what merchants see"
PLAIN_TITLE = "Payout <b>bold</b> rules"


def everything(folder: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def seed(project) -> None:
    taxonomy = yaml.safe_load((project.root / "data" / "taxonomy.yml").read_text(encoding="utf-8"))
    taxonomy["tags"]["limits"] = {"en": "Limits <u>under</u>", "es": "Límites <u>debajo</u>"}
    (project.root / "data" / "taxonomy.yml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    config = project.root / "mkdocs.yml"  # a file the configuration names is the site's own
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_css:\n  - stylesheets/brand.css\n", encoding="utf-8")
    project.write("docs/stylesheets/brand.css", "body { color: teal; }\n")
    for lang in LANGS:
        project.write(f"docs/{lang}/tags.md", "---\ntitle: Tags\n---\n\n<!-- material/tags -->\n")
        project.write(f"docs/{lang}/spei/index.md", "---\ntitle: SPEI\n---\n\n<!-- kb:articles -->\n")
        # An internal procedure, with a screenshot, a spreadsheet and an SVG only it shows.
        for name in ("procedures/screenshot.png", "procedures/payouts.xlsx", "assets/internal-only.svg", "spei/in-block.png"):
            project.write(f"docs/{lang}/{name}", f"{MARK} {name}")
        project.article("procedures/escalation", lang, audience="internal", title=f"Escalation {MARK}", body=(
            f"{MARK} call the hotline. ![screen](screenshot.png) [sheet](payouts.xlsx)\n\n"
            "<img src=\"../assets/internal-only.svg\" alt=\"matrix\">\n\n[Returns](../spei/returns.md)\n"))
        project.article("spei/draft-thing", lang, status="draft", title=f"Draft {MARK}", body=f"{MARK} draft. [r](returns.md)\n")
        # A public article: an internal block (in an admonition and a tab too), comments, a public image.
        project.write(f"docs/{lang}/spei/public.png", "a public picture")
        project.article("spei/returns", lang, tags=["spei", "limits"], related=["spei/limits", "procedures/escalation"],
                        sources=[{"title": "Reglas <script>alert(1)</script>", "url": "https://www.banxico.org.mx/a b", "publisher": "Banxico <b>MX</b>"}],
                        body=(
            "Returns, see [limits](limits.md). ![picture](public.png)\n\n"
            f"<!-- {MARK} a note for the next author -->\n\n"
            f"A paragraph <!-- {MARK} inline note --> goes on.\n\n"
            f"<!-- internal -->\n{MARK} agents only, see [escalation](../procedures/escalation.md) ![agents](in-block.png)\n<!-- /internal -->\n\n"
            f"!!! note\n\n    Public note.\n\n    <!-- internal -->\n    {MARK} in an admonition\n    <!-- /internal -->\n\n"
            f"=== \"One\"\n\n    Tab text.\n\n    <!-- internal -->\n    {MARK} in a tab\n    <!-- /internal -->\n"))
        project.article("spei/limits", lang, title=TITLE, summary="Limits <b>in bold</b> and *stars*", tags=["spei", "limits"],
                        related=["spei/returns"], body="Limits, see [returns](returns.md).\n")
        project.article("spei/payout", lang, title=PLAIN_TITLE, owner="team <s>struck</s>", body="Payouts, see [returns](returns.md).\n")
        # Editors leave backups beside articles: skipped, and never published.
        project.write(f"docs/{lang}/spei/returns.md~", f"---\ntitle: backup\n---\n{MARK} backup\n")
        project.write(f"docs/{lang}/spei/#returns.md#", f"{MARK} autosave")


@pytest.fixture(scope="module")
def built(module_project):
    seed(module_project)
    check = module_project.kb("check")
    assert check.returncode == 0, check.stdout
    for audience in ("public", "internal"):
        result = module_project.kb("build", "--audience", audience)
        assert result.returncode == 0, result.stdout + result.stderr
    return module_project


def test_no_marker_anywhere_in_the_public_output_or_its_search_indexes(built):
    site = built.root / "site" / "public"
    assert site.is_symlink() and (site / "spei" / "returns" / "index.html").is_file()
    found = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and MARK.encode() in p.read_bytes().lower()]
    assert found == []
    assert MARK.encode() not in everything(built.root / ".kb" / "index" / "public").lower()
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("spei/returns" in doc["location"] for doc in material["docs"])  # the index is real
    assert MARK not in json.dumps(material).lower()
    searched = built.kb("search", MARK, "--audience", "public", "--json")
    assert json.loads(searched.stdout or "[]") == []


def test_the_internal_site_has_what_the_public_one_left_out(built):
    """The seeds are real: the agents' site shows each of them."""
    site = built.root / "site" / "internal"
    for lang, prefix in (("en", ""), ("es", "es/")):
        assert (site / f"{prefix}procedures/screenshot.png").is_file()
        assert (site / f"{prefix}procedures/payouts.xlsx").is_file()
        assert (site / f"{prefix}assets/internal-only.svg").is_file()
        assert (site / f"{prefix}spei/in-block.png").is_file()
        assert f"{MARK} agents only" in (site / f"{prefix}spei/returns/index.html").read_text(encoding="utf-8").lower()
    assert any(MARK in json.dumps(hit).lower() for hit in json.loads(built.kb("search", "hotline", "--json").stdout))


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_the_public_site_holds_the_public_pages_and_the_files_they_show(built, prefix):
    site = built.root / "site" / "public"
    assert (site / f"{prefix}spei/public.png").is_file()
    assert (site / "stylesheets" / "brand.css").is_file()
    for page in ("spei/returns", "spei/limits", "spei/payout"):
        assert (site / f"{prefix}{page}/index.html").is_file()
    for absent in ("procedures", "spei/draft-thing", "spei/returns.md~", "spei/#returns.md#", "spei/in-block.png", "assets/internal-only.svg"):
        assert not (site / f"{prefix}{absent}").exists(), absent
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert not [f for f in files if f.startswith(f"{prefix}assets/") and "javascripts" not in f and "stylesheets" not in f
                and not f.endswith("favicon.png")]


def test_html_comments_are_gone_from_both_sites(built):
    for audience in ("public", "internal"):
        page = (built.root / "site" / audience / "spei" / "returns" / "index.html").read_text(encoding="utf-8")
        assert "a note for the next author" not in page and "inline note" not in page
        assert "A paragraph  goes on." in page or "A paragraph goes on." in page


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_front_matter_text_is_text_wherever_it_is_written(built, prefix):
    site = built.root / "site" / "public"
    pages = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for markup in ("<i>live</i>", "<b>in bold</b>", "<b>bold</b>", "<script>alert(1)</script>", "<b>MX</b>", "<u>under</u>",
                   "<u>debajo</u>", "<em>stars</em>"):
        assert markup not in pages, markup
    limits = (site / f"{prefix}spei/limits/index.html").read_text(encoding="utf-8")
    assert '">Limits &lt;i&gt;live&lt;/i&gt;: what merchants see<a class="headerlink"' in limits  # the heading
    assert "<title>Limits &lt;i&gt;live&lt;/i&gt; - " in limits  # the navigation's name, in the window title
    section = (site / f"{prefix}spei/index.html").read_text(encoding="utf-8")
    assert "Limits &lt;i&gt;live&lt;/i&gt;</a>" in section and "Limits &lt;b&gt;in bold&lt;/b&gt; and *stars*" in section
    returns = (site / f"{prefix}spei/returns/index.html").read_text(encoding="utf-8")
    assert "Reglas &lt;script&gt;alert(1)&lt;/script&gt;</a>" in returns and "Banxico &lt;b&gt;MX&lt;/b&gt;" in returns
    assert 'href="https://www.banxico.org.mx/a%20b"' in returns
    payout = (site / f"{prefix}spei/payout/index.html").read_text(encoding="utf-8")
    assert "<h1>Payout &lt;b&gt;bold&lt;/b&gt; rules</h1>" in payout
    tags = (site / f"{prefix}tags/index.html").read_text(encoding="utf-8")
    assert "&lt;u&gt;" in tags
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<i>live</i>" not in search and "<b>bold</b>" not in search
    owner = (built.root / "site" / "internal" / f"{prefix}spei/payout/index.html").read_text(encoding="utf-8")
    assert "team &lt;s&gt;struck&lt;/s&gt;" in owner and "<s>struck</s>" not in owner


REFUSED = {
    "a .markdown page": ("docs/{lang}/spei/notes.markdown", "---\ntitle: Notes\n---\n\n{mark} internal notes\n"),
    "a page outside the language folders": ("docs/internal/{lang}-notes.md", "---\ntitle: Notes\n---\n\n{mark}\n"),
    "a spreadsheet nobody links": ("docs/{lang}/procedures/{lang}-payouts.csv", "{mark},1\n"),
    "a near-miss marker": ("docs/{lang}/spei/limits.md", None),
    "a key given twice": ("docs/{lang}/spei/payout.md", None),
    "a public link to an internal page": ("docs/{lang}/spei/returns.md", None),
}


def _spoil(project, case: str, lang: str) -> str:
    path, text = REFUSED[case]
    path = path.format(lang=lang)
    file = project.root / path
    if text is not None:
        project.write(path, text.format(mark=MARK))
    elif case == "a near-miss marker":
        file.write_text(file.read_text(encoding="utf-8") + f"\n<!-- INTERNAL -->\n{MARK}\n<!-- /internal -->\n", encoding="utf-8")
    elif case == "a key given twice":
        file.write_text(file.read_text(encoding="utf-8").replace("audience: public\n", "audience: public\naudience: internal\n", 1), encoding="utf-8")
    else:
        file.write_text(file.read_text(encoding="utf-8") + "\n<p><a href=\"../procedures/escalation/\">agents</a></p>\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_build_names_the_file_and_leaves_the_previous_site(built, case, lang):
    site = built.root / "site" / "public"
    before = snapshot(site)
    saved = {p: p.read_bytes() for p in (built.root / "docs").rglob("*") if p.is_file()}
    try:
        path = _spoil(built, case, lang)
        result = built.kb("build", "--audience", "public")
        assert result.returncode != 0
        assert path in result.stdout + result.stderr, result.stdout + result.stderr
        assert snapshot(site) == before
        assert not list(site.parent.glob(".public.build-*"))  # no partial output
        assert os.readlink(site).startswith(".public.built-")  # the last good build, still shown
    finally:
        for extra in [p for p in (built.root / "docs").rglob("*") if p.is_file() and p not in saved]:
            extra.unlink()
        for p, data in saved.items():
            p.write_bytes(data)


def test_a_build_failing_half_way_leaves_the_previous_site_and_no_partial_output(built, monkeypatch):
    """MkDocs writes pages as it goes: a failure after some are written (here, a missing
    image that strict mode refuses at the end) must not reach the published folder."""
    site = built.root / "site" / "public"
    before = snapshot(site)
    page = built.root / "docs" / "en" / "spei" / "limits.md"
    saved = page.read_text(encoding="utf-8")
    written = []
    import kb_app.commands.build as build_command

    real = build_command.build_site

    def spy(config_file, audience, site_dir, **options):
        written.append(Path(site_dir))
        return real(config_file, audience, site_dir, **options)

    monkeypatch.setattr(build_command, "build_site", spy)
    try:
        page.write_text(saved + "\n![gone](nowhere.png)\n", encoding="utf-8")
        result = built.kb("build", "--audience", "public")
    finally:
        page.write_text(saved, encoding="utf-8")
    assert result.returncode != 0 and "nowhere.png" in result.stdout + result.stderr
    assert snapshot(site) == before
    assert written and written[0] != site and not written[0].exists()  # built aside, then removed
    assert not list(site.parent.glob(".public.build-*")) and os.readlink(site).startswith(".public.built-")


def test_a_site_folder_of_an_older_build_is_replaced_and_killed_builds_cleared(project):
    project.pair("spei/returns", body="Returns [home](../index.md).\n")
    site = project.root / "site" / "public"
    site.mkdir(parents=True)
    (site / "old.html").write_text("an older build's page\n", encoding="utf-8")
    killed = project.root / "site" / ".public.build-killed"
    killed.mkdir()
    os.utime(killed, (1, 1))  # left by a build killed long ago
    result = project.kb("build", "--audience", "public")
    assert result.returncode == 0, result.stdout + result.stderr
    assert site.is_symlink() and (site / "spei" / "returns" / "index.html").is_file()
    assert not (site / "old.html").exists() and not killed.exists()
    # the folder shown before stays aside for requests still reading it (kb web), out of the
    # site; beside it, the manifest of the build shown (for the next, incremental, build)
    assert sorted(p.name for p in site.parent.iterdir() if not p.name.startswith(".public.replaced-")) == \
        sorted([os.readlink(site), ".public.kb-build.json", "public"])
    mode = (site.parent / os.readlink(site)).stat().st_mode & 0o777
    assert mode == 0o777 & ~_umask()  # readable by a web server, as a plain folder would be (not mkdtemp's 0700)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
