"""kb_mkdocs.search_entries: the same list as mkdocs-static-i18n's own removal of duplicate
search entries, on any list (the same entries, the same objects, in the same order);
installed on the plugin only for the version it was checked against."""

from __future__ import annotations

import copy
import time
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from kb_mkdocs import search_entries
from kb_mkdocs.search_entries import VERSION, dedupe, install

LANGUAGES = ["en", "es", "pt"]  # the languages built; fr/ is a folder of the default language
LIBRARY = ExtendedPlugin.reconfigure_search_duplicates


def library(entries: list, languages: list[str] = LANGUAGES) -> list:
    """What the library leaves of `entries` (a copy of the list: the same dicts)."""
    left = list(entries)
    LIBRARY(SimpleNamespace(build_languages=languages), left)
    return left


def ours(entries: list, languages: list[str] = LANGUAGES) -> list:
    left = list(entries)
    assert dedupe(left, languages)
    return left


def same(entries: list, languages: list[str] = LANGUAGES) -> None:
    mine, theirs = ours(entries, languages), library(entries, languages)
    assert [id(entry) for entry in mine] == [id(entry) for entry in theirs], (mine, theirs)


# Few values, some more often than others: equal titles, texts and locations ending alike,
# so that an entry removes several and the library's skipped entries show.
locations = st.builds(lambda lang, path: lang + path, st.sampled_from(["", "", "es/", "es/", "en/", "pt/", "fr/", "es/es/"]),
                      st.sampled_from(["", "a/", "a/", "b/", "a/#x", "ba/", "es/", "a"]))
extras = st.one_of(st.just({}), st.fixed_dictionaries({"boost": st.sampled_from([1, 1.0, True, 2])}),
                   st.fixed_dictionaries({"tags": st.lists(st.sampled_from(["x", "y"]), max_size=2)}))
entries = st.builds(lambda location, title, text, extra: {"location": location, "title": title, "text": text, **extra},
                    locations, st.sampled_from(["T", "T", "T", "U"]), st.sampled_from(["", "", "x"]), extras)


@st.composite
def entry_lists(draw) -> list:
    """Entries drawn from a few, so that many are equal: the same dict again, or an
    equal copy, often in runs."""
    pool = draw(st.lists(entries, min_size=1, max_size=8))
    picks = draw(st.lists(st.tuples(st.integers(0, 7), st.booleans()), max_size=40))
    return [copy.deepcopy(pool[i % len(pool)]) if as_copy else pool[i % len(pool)] for i, as_copy in picks]


HOME = {"location": "", "title": "T", "text": ""}
EARLY, LATER, TARGET = ({"location": location, "title": "T", "text": ""} for location in ("es/a/", "b/", "es/b/"))


@given(entry_lists(), st.sampled_from([LANGUAGES, ["en", "es"], ["es"], []]))
@example([HOME, *(copy.deepcopy({"location": "es/a/", "title": "T", "text": ""}) for _ in range(4))], LANGUAGES)
@example([EARLY, {**HOME, "location": "a/"}, LATER, TARGET], LANGUAGES)
def test_the_same_list_as_the_library_on_any_entries(found, languages):
    same(found, languages)


def test_the_library_quirks_are_kept():
    """Each case where the library's walk over lists it changes misses an entry, named
    here (the property test finds them too), so that a change shows which."""
    run = [copy.deepcopy({"location": "es/", "title": "T", "text": ""}) for _ in range(3)]
    # The entry after each removed one is not read; and list.remove removes the first equal one.
    assert [id(e) for e in library([HOME, *run])] == [id(HOME), id(run[2])]
    # A default entry after one that was read, and removed, is never read: TARGET stays.
    default = {**HOME, "location": "a/"}
    assert library([EARLY, default, LATER, TARGET]) == [default, LATER, TARGET]
    for case in ([HOME, *run], [EARLY, default, LATER, TARGET]):
        same(case)


def test_a_site_sized_list():
    """Sites of 200 to 2,000 pages a language, half of them shown in English in the Spanish
    site: the library's result, and the time printed (the library takes seconds at 2,000)."""
    def site(pages: int) -> list:
        made = []
        for lang in ("", "es/"):
            for page in range(pages):
                same_text = lang == "" or page % 2 == 0  # a stand-in: the English page again
                for section in ("", "#steps", "#causes"):
                    made.append({"location": f"{lang}spei/page-{page}/{section}", "title": f"Title {page} {section}",
                                 "text": f"Text {page}{section}" if same_text else f"Texto {page}{section}"})
        return made

    small = site(200)
    assert [id(e) for e in ours(small)] == [id(e) for e in library(small)]
    timings = []
    for pages in (1000, 2000):
        entries = site(pages)
        start = time.perf_counter()
        left = ours(entries)
        timings.append(time.perf_counter() - start)
        assert len(left) == len(entries) - 3 * pages // 2
    print(f"dedupe of 6,000 / 12,000 entries: {timings[0] * 1000:.0f} / {timings[1] * 1000:.0f} ms")


@pytest.mark.parametrize("entry", [
    {"location": None, "title": "T", "text": ""},
    {"location": "es/", "title": "T"},
    {"location": "es/", "title": "T", "text": "", "boost": float("nan")},
    {"location": "es/", "title": "T", "text": "", "tags": ("x",)},
    "not a dict",
], ids=["none", "missing", "nan", "tuple", "str"])
def test_entries_of_another_shape_are_left_to_the_library(entry):
    entries = [{"location": "", "title": "T", "text": ""}, entry]
    before = list(entries)
    assert dedupe(entries, LANGUAGES) is False and entries == before


@pytest.fixture
def config(project):
    """The site configuration (the project's mkdocs.yml), its plugins loaded."""
    return load_config(str(project.root / "mkdocs.yml"))


def test_installed_for_the_version_it_was_checked_against(config):
    plugin = config.plugins["i18n"]
    assert install(config)
    entries = [{"location": "spei/", "title": "T", "text": "x"}, {"location": "es/spei/", "title": "T", "text": "x"},
               {"location": "es/spei/", "title": "T", "text": "y"}]
    left = list(entries)
    plugin.reconfigure_search_duplicates(left)
    assert left == [entries[0], entries[2]] == library(entries)
    odd = [{"location": "", "title": "T", "text": ""}, {"location": 3, "title": "T", "text": ""}]
    with pytest.raises(AttributeError):  # the library's own code: an int has no endswith
        plugin.reconfigure_search_duplicates(odd)


def test_another_version_keeps_the_library_code(config, monkeypatch, caplog):
    monkeypatch.setattr(search_entries, "version", lambda name: "1.4.0")
    plugin = config.plugins["i18n"]
    with caplog.at_level("INFO"):
        assert install(config) is False
    assert "reconfigure_search_duplicates" not in vars(plugin)
    assert f"mkdocs-static-i18n 1.4.0 is not {VERSION}" in caplog.text and "its own (slower)" in caplog.text


def test_the_built_search_index_is_the_same_byte_for_byte(project, monkeypatch):
    """A site whose Spanish side shows English pages (missing translations): its
    search/search_index.json is the same with the library's code and with ours."""
    link = "[Home](../index.md)"
    project.pair("spei/returns", body=f"Returns rr1.\n\n## Steps\n\nOne. {link}\n")
    for slug in ("spei/english-only", "spei/also-english"):
        project.article(slug, "en", body=f"English only ee1.\n\n## Steps\n\nOne. {link}\n\n## Causes\n\nTwo.\n")
    calls = []
    real = search_entries.dedupe

    def spied(entries, languages):
        before = len(entries)
        done = real(entries, languages)
        calls.append((done, before - len(entries)))
        return done

    monkeypatch.setattr(search_entries, "dedupe", spied)
    ours = (project.build("internal") / "search" / "search_index.json").read_bytes()
    assert len(calls) == 1 and calls[0][0] and calls[0][1] >= 6  # the stand-ins' pages and sections
    monkeypatch.setattr("kb_mkdocs.browser.plugin.install_search_dedupe", lambda config: False)
    theirs = (project.build("internal") / "search" / "search_index.json").read_bytes()
    assert len(calls) == 1 and ours == theirs
