"""The core must not depend on MkDocs, so a move to another generator changes only adapters."""

import subprocess
import sys


def test_importing_every_core_module_loads_no_mkdocs():
    code = (
        "import importlib, pkgutil, sys, kb\n"
        "names = [m.name for m in pkgutil.walk_packages(kb.__path__, 'kb.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "assert len(names) > 10, names\n"
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material', 'mkdocs_static_i18n')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
