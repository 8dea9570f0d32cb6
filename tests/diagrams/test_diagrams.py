"""The hand-drawn diagrams: how an article's marker becomes an inline SVG, and what every
diagram file must be (in both languages, accessible, self-contained, its facts resolvable)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kb.catalog import load_catalog
from kb.diagrams import MissingDiagram, diagram_names, diagram_path, embed_diagrams, inline_svg
from kb.facts import PLACEHOLDER
from kb_mkdocs.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
SETTINGS = load_settings(ROOT / "mkdocs.yml")
DIAGRAMS = sorted({p.stem for lang in SETTINGS.languages for p in (SETTINGS.docs_dir / lang / "assets" / "diagrams").glob("*.svg")})
SMALL = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<!-- a note -->\n\n  <text>Hi {{ platform.x }}</text>\n</svg>\n'


def test_a_marker_becomes_the_svg_of_the_article_s_language_indented_like_the_marker(tmp_path):
    for lang, word in (("en", "Hi"), ("es", "Hola")):
        path = diagram_path(tmp_path, lang, "flow")
        path.parent.mkdir(parents=True)
        path.write_text(SMALL.replace("Hi", word), encoding="utf-8")
    text = "Intro.\n\n!!! note\n\n    <!-- kb:diagram flow -->\n\nEnd.\n"
    out = embed_diagrams(text, "es", tmp_path, attributes="data-search-exclude")
    figure = out.split("!!! note\n\n")[1].split("\n\nEnd.")[0]
    assert figure.startswith('    <figure class="kb-diagram" data-kb-diagram="flow" data-search-exclude>\n    <svg')
    assert "Hola {{ platform.x }}" in figure and "Hi" not in figure
    assert all(line.startswith("    ") for line in figure.splitlines()) and "\n\n" not in figure
    assert "a note" not in figure
    assert diagram_names(text) == ["flow"]


def test_a_marker_naming_a_missing_diagram_says_which_file_and_line(tmp_path):
    with pytest.raises(MissingDiagram) as error:
        embed_diagrams("One.\n\n<!-- kb:diagram nowhere -->\n", "en", tmp_path)
    assert "line 3" in str(error.value) and "nowhere.svg" in str(error.value)


def test_text_without_markers_is_left_alone(tmp_path):
    text = "A <!-- kb:diagram inline --> mention inside a line is not a marker.\n"
    assert embed_diagrams(text, "en", tmp_path) == text


@pytest.fixture(scope="module")
def facts():
    return load_catalog(SETTINGS).facts


def test_there_are_diagrams_and_each_exists_in_every_language():
    assert {"card-payment-lifecycle", "spei-transfer-and-return", "payout-timeline"} <= set(DIAGRAMS)
    for name in DIAGRAMS:
        for lang in SETTINGS.languages:
            assert diagram_path(SETTINGS.docs_dir, lang, name).is_file(), f"docs/{lang}/assets/diagrams/{name}.svg is missing"


@pytest.mark.parametrize("name", DIAGRAMS)
def test_each_diagram_is_accessible_self_contained_and_translated(name, facts):
    roots = {}
    for lang in SETTINGS.languages:
        raw = diagram_path(SETTINGS.docs_dir, lang, name).read_text(encoding="utf-8")
        for key in PLACEHOLDER.findall(raw):
            assert facts.lookup(key, lang) is not None, f"{name} ({lang}) names the unknown fact platform.{key}"
        root = ET.fromstring(facts.render(inline_svg(raw), lang))  # still well-formed XML once facts are in
        roots[lang] = root
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        labelled = root.get("aria-labelledby", "").split()
        ids = {el.get("id"): el for el in root.iter() if el.get("id")}
        assert [ids[i].tag for i in labelled] == [f"{SVG}title", f"{SVG}desc"], "aria-labelledby names its <title> and <desc>"
        assert all(len((ids[i].text or "").strip()) > 20 or ids[i].tag == f"{SVG}title" for i in labelled)
        for el in root.iter():
            assert el.tag not in (f"{SVG}script", f"{SVG}image", f"{SVG}foreignObject"), f"{name}: <{el.tag}> is not allowed"
            for attribute, value in el.attrib.items():
                if attribute.endswith("href"):
                    assert value.startswith("#"), f"{name} ({lang}) refers to {value}"
        styles = " ".join(el.text or "" for el in root.iter(f"{SVG}style"))
        assert "@import" not in styles and not re.search(r"url\((?!#)", styles), f"{name} ({lang}) loads something from outside"
    english, spanish = roots["en"], roots["es"]
    assert [(el.tag, el.get("x"), el.get("y"), el.get("d")) for el in english.iter()] == \
           [(el.tag, el.get("x"), el.get("y"), el.get("d")) for el in spanish.iter()], "both languages draw the same picture"
    english_words = ["".join(el.itertext()) for el in english.iter(f"{SVG}text")]
    spanish_words = ["".join(el.itertext()) for el in spanish.iter(f"{SVG}text")]
    assert english.find(f"{SVG}title").text != spanish.find(f"{SVG}title").text
    assert sum(a != b for a, b in zip(english_words, spanish_words)) >= len(english_words) // 2, "the labels are translated"


def test_no_two_diagrams_share_an_id():
    """Inline SVGs share the page's ids: two diagrams on one page must not collide."""
    owner: dict[str, str] = {}
    for name in DIAGRAMS:
        text = diagram_path(SETTINGS.docs_dir, SETTINGS.default_language, name).read_text(encoding="utf-8")
        for found in re.findall(r'\bid="([^"]+)"', text):
            assert owner.setdefault(found, name) == name, f"the id {found!r} is in {owner[found]} and {name}"


@pytest.mark.parametrize("name", DIAGRAMS)
def test_each_diagram_is_shown_by_an_article_in_both_languages(name):
    catalog = load_catalog(SETTINGS)
    showing = {a.lang for a in catalog.articles if name in diagram_names(a.body)}
    assert showing == set(SETTINGS.languages), f"the {name} diagram is shown in {sorted(showing) or 'no language'}"
