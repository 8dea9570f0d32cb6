"""The search is core code, and `kb search` and `kb --help` start without loading MkDocs."""

import subprocess
import sys

NO_MKDOCS = "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n')], 'mkdocs imported'\n"


def test_search_modules_import_no_mkdocs():
    code = ("import sys\n"
            "import kb.search.analysis, kb.search.document, kb.search.synonyms, kb.search.index\n"
            "import kb.search.searcher, kb_app.eval, kb_app.search_api, kb_app.commands.search, kb_app.cli\n" + NO_MKDOCS)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_kb_search_and_kb_help_load_no_mkdocs(kb, indexed):
    config = kb.root / "mkdocs.yml"
    for args in (["--help"], ["-f", str(config), "search", "devolucion"]):
        code = ("import sys\nfrom kb_app.cli import cli\n"
                f"cli.main(args={args!r}, prog_name='kb', standalone_mode=False)\n" + NO_MKDOCS)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert result.stdout.strip(), args
