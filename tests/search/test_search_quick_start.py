"""`kb search` and `kb --help` as whole processes load only what they use: no MkDocs, no
server stack, no browser tools, none of the index builder (articles, rendering)."""

from __future__ import annotations

import json
import subprocess
import sys

# Run the command in a fresh interpreter, then list the modules it loaded.
PROBE = """
import json, sys
from kb_app.__main__ import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""
HEAVY = {"mkdocs", "material", "mkdocs_static_i18n", "jinja2", "markdown", "pymdownx", "starlette", "uvicorn",
         "httpx", "playwright", "watchdog", "yaml"}
BUILDER = {"kb.articles", "kb.catalog", "kb.frontmatter", "kb.render", "kb.search.index", "kb.search.glossary",
           "kb.search.document", "kb.search.article_document", "kb.search.documents_cache", "kb.memo", "kb.labels",
           "kb_mkdocs"}
NETWORK = {"urllib.request", "http.client", "email", "ssl", "socket"}  # a search needs none of them


def loaded(root, *args: str) -> tuple[str, set[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=root, capture_output=True, text=True)
    errors, _, modules = result.stderr.rpartition("\nMODULES ")
    return result.stdout + errors, set(json.loads(modules))


def test_kb_search_loads_no_site_server_or_builder_modules(kb, indexed):
    out, modules = loaded(kb.root, "search", "devolucion spei")
    assert "spei/returns" in out or "/spei/returns/" in out, out  # it did search
    assert not {m.split(".")[0] for m in modules} & HEAVY
    assert not {m for m in modules if m in BUILDER or m.startswith("kb_mkdocs")}
    assert {m for m in modules if m.startswith("kb_app.commands.")} == {"kb_app.commands.search"}
    # Nor click, nor what dataclasses import (inspect, ast, dis): a third of the 100 ms budget;
    # nor typing, pathlib (and the urllib.parse it imports), nor shutil (which argparse's
    # help imports): together another fifth
    assert not modules & {"click", "kb_app.cli", "dataclasses", "inspect", "ast", "typing", "pathlib", "urllib.parse",
                          "shutil"}


def test_kb_search_of_known_words_does_not_load_the_typo_matcher(kb, indexed):
    _, modules = loaded(kb.root, "search", "devolucion")
    assert "rapidfuzz" not in modules
    _, modules = loaded(kb.root, "search", "devoluzion")  # an unknown word: typos are tried
    assert "rapidfuzz" in modules


def test_kb_help_loads_neither_search_nor_site(tmp_path):
    out, modules = loaded(tmp_path, "--help")
    assert "search" in out and "serve" in out
    assert not {m.split(".")[0] for m in modules} & (HEAVY | {"whoosh", "rapidfuzz"})
    assert not modules & NETWORK
    assert not {m for m in modules if m.startswith(("kb.search", "kb_app.commands."))}


def test_kb_help_lists_every_command_with_its_one_line_help(tmp_path):
    from kb_app.cli import cli

    out, _ = loaded(tmp_path, "--help")
    listed = {line.split()[0]: " ".join(line.split()[1:]) for line in out.split("Commands:")[1].splitlines() if line.strip()}
    assert set(listed) == set(cli.commands)
    for name, command in cli.commands.items():
        assert listed[name] and command.get_short_help_str(200).startswith(listed[name].rstrip(".")), (name, listed[name])


def test_kb_search_loads_no_network_module(kb, indexed):
    out, modules = loaded(kb.root, "search", "devolucion spei")
    assert "spei/returns" in out or "/spei/returns/" in out, out
    assert not modules & NETWORK
    assert not {m.split(".")[0] for m in modules} & (HEAVY | {"whoosh"})