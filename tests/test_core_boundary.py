"""The core must not depend on MkDocs, so a move to another generator changes only adapters:
a static check of every module under plugins/kb/ (see tests/boundary.py)."""

import shutil
from pathlib import Path

from boundary import violations

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


def test_no_core_module_imports_mkdocs_the_adapters_or_the_application():
    assert len(list((PLUGINS / "kb").rglob("*.py"))) > 30
    assert violations(PLUGINS) == []


def test_the_check_fails_on_a_core_module_importing_mkdocs_directly_or_through_another(tmp_path):
    shutil.copytree(PLUGINS / "kb", tmp_path / "kb")
    (tmp_path / "kb" / "leaky.py").write_text("def build():\n    from mkdocs.config import load_config\n", encoding="utf-8")
    (tmp_path / "kb" / "search" / "uses_leaky.py").write_text("from ..leaky import build\n", encoding="utf-8")
    (tmp_path / "kb" / "app_user.py").write_text("import kb_app.cli\n", encoding="utf-8")
    found = violations(tmp_path)
    assert "kb/leaky.py:2: kb.leaky imports mkdocs.config" in found
    assert "kb/app_user.py:1: kb.app_user imports kb_app.cli" in found
    assert any(line.startswith("kb/search/uses_leaky.py: kb.search.uses_leaky -> kb.leaky") for line in found), found
    assert len([line for line in found if "uses_leaky" in line]) == 1, found
