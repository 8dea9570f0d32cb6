"""The site configuration as MkDocs reads it (kb_mkdocs.settings): `!ENV`, `INHERIT` and the
plugins' defaults mean what they mean to MkDocs, and a bad file is one clear line."""

from __future__ import annotations

import pytest

from kb.settings import SettingsError
from kb_mkdocs.settings import load_settings


def test_env_values_and_the_project_folder(project, monkeypatch):
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "review_every: 180" in text
    (project.root / "mkdocs.yml").write_text(text.replace("review_every: 180", "review_every: !ENV [KB_REVIEW_DAYS, 90]"),
                                             encoding="utf-8")
    assert load_settings(project.root / "mkdocs.yml").review_every == 90  # the default of !ENV
    monkeypatch.setenv("KB_REVIEW_DAYS", "30")
    settings = load_settings(project.root / "mkdocs.yml")
    assert settings.review_every == 30 and settings.root == project.root.resolve()
    assert (settings.languages, settings.default_language) == (("en", "es"), "en")
    assert settings.taxonomy == project.root.resolve() / "data" / "taxonomy.yml"


def test_inherit_takes_the_parents_languages_and_options(project):
    base = project.root / "mkdocs.yml"
    base.rename(project.root / "base.yml")
    base.write_text("INHERIT: base.yml\nsite_dir: elsewhere\n", encoding="utf-8")
    settings = load_settings(base)
    assert settings.site_dir == project.root.resolve() / "elsewhere"  # the child's value
    assert settings.taxonomy == project.root.resolve() / "data" / "taxonomy.yml"  # the parent's plugin options
    assert (settings.languages, settings.review_every) == (("en", "es"), 180)


def test_a_plugin_option_of_the_wrong_type_is_one_line(project):
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(text.replace("review_every: 180", "review_every: often"), encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        load_settings(project.root / "mkdocs.yml")
    message = str(error.value)
    assert "mkdocs.yml: not a valid site configuration" in message and "review_every" in message
    assert "\n" not in message


def test_a_missing_file_says_how_to_fix_it(tmp_path):
    with pytest.raises(SettingsError, match="no such file; run kb from the project folder or pass --config"):
        load_settings(tmp_path / "mkdocs.yml")
