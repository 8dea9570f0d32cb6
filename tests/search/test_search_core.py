"""The search is core code: it runs without MkDocs."""

import subprocess
import sys


def test_search_modules_import_no_mkdocs():
    code = ("import sys\n"
            "import kb.search.analysis, kb.search.document, kb.search.synonyms, kb.search.index\n"
            "import kb.search.searcher, kb.search.eval, kb.search.api, kb.commands.search\n"
            "assert not [m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')], 'mkdocs imported'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
