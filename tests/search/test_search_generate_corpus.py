"""scripts/generate-corpus: a project folder whose articles pass `kb check`, the same for a
seed, with tables of codes and headings in both languages."""

import subprocess
import sys
from pathlib import Path

from kb.catalog import load_catalog
from kb_mkdocs.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def generate(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_corpus.py"), "--per-language", "30",
                           "--out", str(out), *extra], capture_output=True, text=True)


def test_generated_project_passes_check(tmp_path):
    result = generate(tmp_path / "corpus")
    assert result.returncode == 0, result.stderr
    assert "wrote 60 articles (30 per language)" in result.stdout
    root = tmp_path / "corpus"
    for name in ("mkdocs.yml", "data/taxonomy.yml", "data/platform.yml", "docs/en/index.md", "docs/es/index.md"):
        assert (root / name).is_file(), name
    catalog = load_catalog(load_settings(root / "mkdocs.yml"))
    assert not catalog.problems, catalog.problems[:3]
    articles = [a for a in catalog.articles if not a.is_page]
    assert len(articles) == 60
    assert {a.lang for a in articles} == {"en", "es"}
    assert {a.id for a in articles if a.lang == "en"} == {a.id for a in articles if a.lang == "es"}
    assert any(a.audience == "internal" for a in articles) and any(a.audience == "public" for a in articles)
    body = articles[0].body
    assert "\n## " in body and "\n|---|---|---|\n" in body


def test_same_seed_same_corpus(tmp_path):
    generate(tmp_path / "a", "--seed", "3")
    generate(tmp_path / "b", "--seed", "3")
    generate(tmp_path / "c", "--seed", "4")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a" / "docs").rglob("*.md"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b" / "docs").rglob("*.md"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert any(not (tmp_path / "c" / f).exists() or (tmp_path / "c" / f).read_bytes() != (tmp_path / "a" / f).read_bytes()
               for f in files)


def test_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("mine", encoding="utf-8")
    result = generate(tmp_path / "used")
    assert result.returncode != 0 and "is not empty" in result.stderr
    assert (tmp_path / "used" / "keep.txt").read_text(encoding="utf-8") == "mine"
