"""`kb check` accounts for every file under docs/ (an article, a file an article points at,
or an error naming it), refuses near-miss internal markers and duplicate front-matter keys,
and finds a public page's links to internal or draft articles in every form. Each case is
seeded in both languages; the files that reach no site are also absent from the allow-list."""

from __future__ import annotations

import pytest

from kb.audience import strip_internal
from kb.publication import allowed_files

LANGS = ("en", "es")
MARK = "ZEBRA-LEAK-7"


def errors_of(project, file: str) -> list:
    return [p for p in project.catalog().errors if p.file == file]


@pytest.fixture
def base(project):
    project.pair("spei/returns", body="Returns, see [CEP](cep.md).\n")
    project.pair("spei/cep", body="CEP, see [returns](returns.md).\n")
    project.pair("procedures/escalation", audience="internal", body=f"{MARK} call the hotline. [r](../spei/returns.md)\n")
    project.pair("spei/new-thing", status="draft", body=f"{MARK} draft. [r](returns.md)\n")
    assert project.catalog().errors == []
    return project


# --- 1. every file under docs/ is accounted for -------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["spei/notes.markdown", "spei/notes.mdown", "spei/NOTES.MD.markdown"])
def test_a_page_that_is_not_md_is_not_an_article(base, lang, name):
    base.write(f"docs/{lang}/{name}", f"---\ntitle: Internal notes\naudience: internal\n---\n\n{MARK}\n")
    [error] = errors_of(base, f"docs/{lang}/{name}")
    assert error.code == "not-an-article"
    assert str(error).startswith(f"docs/{lang}/{name}: error: not an article: articles are .md files under docs/<lang>/")
    assert "rename it to" in error.fix and "move it out of docs/" in error.fix
    for audience in ("public", "internal"):
        assert f"{lang}/{name}" not in allowed_files(base.catalog(), audience)


@pytest.mark.parametrize("name", ["notes.md", "fr/spei/returns.md", "internal/escalation.md"])
def test_an_article_outside_the_language_folders_is_not_an_article(base, name):
    base.write(f"docs/{name}", f"---\ntitle: Escalation\naudience: internal\n---\n\n{MARK}\n")
    [error] = errors_of(base, f"docs/{name}")
    assert error.code == "not-an-article" and "docs/en/, docs/es/" in error.message
    assert f"{name}" not in allowed_files(base.catalog(), "public")


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_no_article_points_at_is_an_error(base, lang):
    base.write(f"docs/{lang}/procedures/payouts.xlsx", MARK)
    [error] = errors_of(base, f"docs/{lang}/procedures/payouts.xlsx")
    assert error.code == "unreferenced-file" and "no article points at this file" in error.message and error.fix


@pytest.mark.parametrize("lang", LANGS)
def test_files_are_allowed_only_where_the_pages_showing_them_are(base, lang):
    other = "es" if lang == "en" else "en"
    for name in ("procedures/screenshot.png", "procedures/sheet.xlsx", "assets/internal-only.svg",
                 "spei/in-block.png", "spei/public.png", "spei/raw.svg", "spei/absolute.pdf"):
        base.write(f"docs/{lang}/{name}", MARK)
    base.article("procedures/escalation", lang, audience="internal", body=(
        f"{MARK} ![screen](screenshot.png) [sheet](sheet.xlsx)\n\n<img src=\"../assets/internal-only.svg\">\n[r](../spei/returns.md)\n"))
    absolute = "/spei/absolute.pdf" if lang == "en" else "/es/spei/absolute.pdf"
    base.article("spei/returns", lang, body=(
        f"See ![ok](public.png) and <img alt=\"x\" srcset=\"raw.svg 2x\"> and [pdf]({absolute}), [CEP](cep.md).\n\n"
        "<!-- internal -->\n![agents](in-block.png)\n<!-- /internal -->\n"))
    catalog = base.catalog()
    assert [str(p) for p in catalog.errors] == []  # every file accounted for: each is referenced
    public, internal = allowed_files(catalog, "public"), allowed_files(catalog, "internal")
    assert {f"{lang}/spei/public.png", f"{lang}/spei/raw.svg", f"{lang}/spei/absolute.pdf", f"{lang}/spei/returns.md"} <= public
    for name in ("procedures/screenshot.png", "procedures/sheet.xlsx", "assets/internal-only.svg", "spei/in-block.png",
                 "procedures/escalation.md", "spei/new-thing.md"):
        assert f"{lang}/{name}" not in public
        assert f"{lang}/{name}" in internal
    assert f"{other}/spei/public.png" not in internal  # a file is allowed where it exists, not guessed


@pytest.mark.parametrize("lang", LANGS)
def test_editor_files_are_skipped_quietly_and_never_allowed(base, lang):
    names = ["spei/returns.md~", "spei/#returns.md#", "spei/.returns.md.swp", ".DS_Store"]  # .#x.md: see kb.docfiles
    for name in names:
        base.write(f"docs/{lang}/{name}", MARK)
    catalog = base.catalog()
    assert catalog.errors == [] and not [p for p in catalog.problems if "returns.md" in p.file and p.file.endswith(("~", "#", "swp"))]
    assert not any(path.startswith(f"{lang}/spei/.") or path.endswith("~") for path in allowed_files(catalog, "internal"))


# --- 2. internal markers: one grammar ------------------------------------------------------

NEAR_MISSES = {
    "other case": (f"<!-- INTERNAL -->\n{MARK}\n<!-- /internal -->\n", 1, "not an internal marker"),
    "no spaces": (f"<!--internal-->\n{MARK}\n<!--/internal-->\n", 1, "not an internal marker"),
    "trailing text": (f"<!-- internal --> agents only\n{MARK}\n<!-- /internal -->\n", 1, "not an internal marker"),
    "inline": (f"Refunds take a day <!-- internal --> {MARK} <!-- /internal --> or two.\n", 1, "not an internal marker"),
    "closing other case": (f"<!-- internal -->\n{MARK}\n<!-- /INTERNAL -->\n", 3, "not an internal marker"),
    "nested": (f"<!-- internal -->\na\n<!-- internal -->\n{MARK}\n<!-- /internal -->\n", 3, "inside the block opened at line"),
    "unclosed": (f"Text.\n\n<!-- internal -->\n{MARK}\n", 3, "never closed"),
    "stray closing": (f"{MARK}\n<!-- /internal -->\nText.\n", 2, "closes no block"),
    "closing inside a fence": (f"<!-- internal -->\n{MARK}\n```text\n<!-- /internal -->\n```\n{MARK}\n", 4, "inside a code block"),
    "opening inside a fence": (f"~~~\n<!-- internal -->\n~~~\n{MARK}\n<!-- /internal -->\n", 2, "inside a code block"),
    "in an admonition, wrong case": (f"!!! note\n    <!-- Internal -->\n    {MARK}\n    <!-- /internal -->\n", 2, "not an internal marker"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(NEAR_MISSES))
def test_every_near_miss_marker_is_an_error_with_file_line_and_fix(base, case, lang):
    body, line, words = NEAR_MISSES[case]
    path = base.article("spei/returns", lang, body=f"See [CEP](cep.md).\n\n{body}")
    problems = [p for p in errors_of(base, f"docs/{lang}/spei/returns.md") if p.field == "internal block"]
    assert problems, f"{case}: no error"
    body_line = path.read_text(encoding="utf-8").split("\n").index("See [CEP](cep.md).") + 1
    assert any(p.line == body_line + 1 + line and words in p.message for p in problems), [str(p) for p in problems]
    assert all(p.fix for p in problems)
    # What the public would be shown of it, were the build not refused, still hides the words
    # (but for a block never opened: nothing says where it would have started).
    assert (MARK in strip_internal(body)) == (case == "stray closing")


def test_exact_markers_indented_in_a_tab_are_fine(base):
    base.pair("spei/returns", body=f"See [CEP](cep.md).\n\n=== \"English\"\n\n    <!-- internal -->\n    {MARK}\n    <!-- /internal -->\n")
    assert base.catalog().errors == []
    assert MARK not in strip_internal(base.catalog().get("spei/returns", "en").body)


# --- 3. duplicate front-matter keys ----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_a_key_given_twice_is_refused_with_both_lines(base, lang):
    text = base.article("procedures/escalation", lang, audience="internal").read_text(encoding="utf-8")
    text = text.replace("\n---\n", "\naudience: public\n---\n", 1)  # the last key would win, silently
    base.write(f"docs/{lang}/procedures/escalation.md", text)
    lines = text.split("\n")
    first, second = (i + 1 for i, line in enumerate(lines) if line.startswith("audience:"))
    [error] = errors_of(base, f"docs/{lang}/procedures/escalation.md")
    assert error.line == second and f"lines {first} and {second}" in error.message and "'audience'" in error.message
    assert f"{lang}/procedures/escalation.md" not in allowed_files(base.catalog(), "public")


def test_a_nested_key_given_twice_is_refused(base):
    text = base.article("spei/cep", "en").read_text(encoding="utf-8")
    base.write("docs/en/spei/cep.md", text.replace("  url: https://www.banxico.org.mx/", "  url: https://www.banxico.org.mx/\n  url: https://example.org/"))
    [error] = errors_of(base, "docs/en/spei/cep.md")
    assert "'url' is given twice" in error.message


# --- 5. every link checked -------------------------------------------------------------------

LINKS = {
    "markdown": "See [escalation](../procedures/escalation.md).",
    "reference": "See [escalation][esc].\n\n[esc]: ../procedures/escalation.md",
    "raw html": '<p>See <a href="../procedures/escalation.md">escalation</a>.</p>',
    "raw html, page address": '<a class="x" href=\'../../procedures/escalation/\'>escalation</a>',
    "folder style": "See [escalation](../procedures/escalation/).",
    "folder style, no slash": "See [escalation](../procedures/escalation#top).",
    "absolute site path": "See [escalation]({root}procedures/escalation/).",
    "admonition": "!!! warning \"Careful\"\n\n    Ask [escalation](../procedures/escalation.md).",
    "tab": "=== \"English\"\n\n    Ask [escalation](../procedures/escalation.md).",
    "draft": "See [the new thing](new-thing.md).",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form", sorted(LINKS))
def test_a_public_link_to_an_internal_or_draft_page_is_found_in_every_form(base, form, lang):
    link = LINKS[form].format(root="/" if lang == "en" else f"/{lang}/")
    path = base.article("spei/returns", lang, body=f"Returns, see [CEP](cep.md).\n\n{link}\n")
    errors = [p for p in errors_of(base, f"docs/{lang}/spei/returns.md") if p.code == "public-links-internal"]
    assert len(errors) == 1, f"{form}: {[str(p) for p in base.catalog().errors]}"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert ("escalation" in lines[errors[0].line - 1] or "new-thing" in lines[errors[0].line - 1])
    assert ("a draft" if form == "draft" else "internal") in errors[0].message


@pytest.mark.parametrize("body", [
    "<!-- internal -->\nSee [escalation](../procedures/escalation/).\n<!-- /internal -->",
    "Write `[escalation](../procedures/escalation.md)` to link.",
    "```markdown\n[escalation](../procedures/escalation.md)\n```",
    "!!! note\n\n    ```html\n    <a href=\"../procedures/escalation.md\">x</a>\n    ```",
])
def test_links_agents_only_or_in_code_are_not_public_links(base, body):
    base.pair("spei/returns", body=f"Returns, see [CEP](cep.md).\n\n{body}\n")
    assert [str(p) for p in base.catalog().errors] == []


def test_files_the_configuration_names_are_in_every_site(base):
    config = base.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_css:\n  - stylesheets/brand.css\n", encoding="utf-8")
    base.write("docs/stylesheets/brand.css", "body { color: teal; }\n")
    catalog = base.catalog()
    assert [str(p) for p in catalog.errors] == []
    assert "stylesheets/brand.css" in allowed_files(catalog, "public")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["procedures/escalation.markdown", "procedures/escalation.md~", "procedures/.escalation.md.swp"])
def test_a_link_never_makes_a_page_or_an_editors_file_publishable(base, lang, name):
    base.write(f"docs/{lang}/{name}", f"{MARK} agents only\n")
    base.article("spei/returns", lang, body=f"See [CEP](cep.md) and [notes](../{name}).\n")
    catalog = base.catalog()
    for audience in ("public", "internal"):
        assert f"{lang}/{name}" not in allowed_files(catalog, audience)
    if name.endswith(".markdown"):  # still not an article, linked or not
        assert [p.code for p in catalog.errors if p.file == f"docs/{lang}/{name}"] == ["not-an-article"]
