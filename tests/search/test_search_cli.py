"""`kb index`, `kb search` and `kb eval` as a person runs them."""

import json
import os
import re
import subprocess
import sys

import pytest

from kb_app.__main__ import main


def run(project, *args):
    """Run `kb` on the project in process (click's CliRunner); returns (exit code, stdout, stderr)."""
    result = project.kb(*args)
    return result.returncode, result.stdout, result.stderr


def run_process(project, *args):
    """Run the real `kb` process in the project folder, as a person does (`kb` is `python -m kb_app`)."""
    result = subprocess.run([sys.executable, "-m", "kb_app", *args], cwd=project.root,
                            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return result.returncode, result.stdout, result.stderr


def test_index_then_search_json(kb):
    code, out, err = run(kb, "index")
    assert code == 0, err
    assert "indexed" in out and "public" in out and "internal" in out
    code, out, err = run(kb, "search", "devolucion 03", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert isinstance(hits, list) and hits
    first = hits[0]
    assert {"id", "lang", "title", "url", "anchor", "snippet", "score"} <= set(first)
    assert (first["id"], first["anchor"], first["row"]) == ("spei/returns", "causas-de-devolucion", "03")
    assert first["url"] == "/es/spei/returns/" and isinstance(first["score"], float)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_text_lists_title_language_link_snippet(kb):
    run(kb, "index")
    code, out, _ = run(kb, "search", "chargeback", "--lang", "en", "--limit", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].strip() == "1. Chargebacks  [en]"
    assert lines[1].strip().startswith("/payments/chargebacks/")
    assert "chargeback" in lines[2].lower()


def test_search_public_audience_and_nothing_found(kb):
    run(kb, "index")
    code, out, _ = run(kb, "search", "fraud rings", "--audience", "public", "--json")
    assert code == 0 and "procedures/" not in out
    code, out, err = run(kb, "search", "xargebak")
    assert code == 0 and "Did you mean: 'chargeback'?" in out
    code, out, err = run(kb, "search", "xargebak", "--json")
    assert json.loads(out) == [] and "did you mean: chargeback" in err


@pytest.mark.parametrize("args, message", [
    (["search", "spei"], "no search index"),
    (["search", "spei", "--limit", "0"], "kb search: argument -n/--limit: 0 is not between 1 and 50 (see 'kb search --help')"),
    (["search", "spei", "--limit", "ten"], "argument -n/--limit: 'ten' is not a whole number"),
    (["search"], "the following arguments are required: query"),
    (["search", "spei", "--audience", "everyone"], "argument --audience: invalid choice: 'everyone'"),
    (["search", "spei", "--colour"], "unrecognized arguments: --colour"),
    (["eval", "missing.yaml", "--no-builtin"], "missing.yaml: cannot read it"),
])
def test_bad_input_is_one_line(kb, args, message):
    code, out, err = run(kb, *args)
    assert code != 0
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_language_the_index_lacks_is_one_line(kb):
    run(kb, "index")
    code, _, err = run(kb, "search", "spei", "--lang", "fr")
    assert code == 2 and "argument --lang: 'fr'" in err and "en, es" in err and len(err.strip().splitlines()) == 1


def test_the_real_process_indexes_and_searches_from_the_project_folder(kb):
    code, out, err = run_process(kb, "index", "--audience", "internal")
    assert code == 0 and "indexed 9 internal pages" in out, err
    code, out, err = run_process(kb, "search", "contracargo", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "payments/chargebacks", err


@pytest.mark.parametrize("columns", [60, 90, 120])
def test_the_help_is_as_wide_as_the_terminal_says(kb, columns):
    result = subprocess.run([sys.executable, "-m", "kb_app", "search", "--help"], cwd=kb.root, capture_output=True,
                            text=True, env={**os.environ, "COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and "--audience" in result.stdout
    assert max(map(len, lines)) <= columns - 2 < max(map(len, lines)) + 12  # argparse's margin, filled


def test_the_real_process_says_what_the_command_group_says(kb):
    """`kb search ...` is parsed without click (kb_app.__main__), `kb -f CONFIG search ...`
    through the group: the same results, errors and exit codes either way."""
    run(kb, "index")
    for args in (["devolucion 03"], ["chargeback", "--lang", "en", "-n", "2", "--json"], ["xargebak"],
                 ["spei", "-n", "0"], ["spei", "--lang", "fr"], [], ["spei", "--audience", "public", "--json"]):
        assert run_process(kb, "search", *args) == run(kb, "search", *args), args


def test_the_text_is_bold_on_a_terminal_and_never_carries_control_characters():
    from kb.search.parse import parse
    from kb.search.results import Hit, Results
    from kb_app.commands.search import results_text

    hit = Hit("x", "es", "Título\x1b[31m rojo", "/es/x/", "", "a <mark>SPEI</mark> &amp; b&#27;[2J <b>c</b>", 1.0)
    results = Results([hit], parse("spei"))
    plain = results_text(results, "spei")
    # A snippet is the article's text escaped (snippets.escape): what looks like an entity
    # in it is the article's own text, shown as written, never a control character.
    assert plain.splitlines()[0] == " 1. Título[31m rojo  [es]" and plain.splitlines()[2] == "    a SPEI & b&#27;[2J c"
    bold = results_text(results, "spei", bold=True)
    assert "\x1b[1mSPEI\x1b[0m" in bold and "\x1b[1mTítulo[31m rojo\x1b[0m" in bold
    assert bold.count("\x1b") == 4  # only the bold's own


@pytest.mark.parametrize("query", ['"unbalanced', "*", "OR OR", "x" * 10_000, "\x01\x02spei"])
def test_malformed_queries_on_the_command_line(kb, query):
    run(kb, "index")
    code, out, err = run(kb, "search", query, "--json")
    assert code == 0 and "Traceback" not in err
    assert isinstance(json.loads(out), list)


def test_eval_prints_figures_and_misses(kb, tmp_path):
    run(kb, "index")
    queries = tmp_path / "q.yaml"
    queries.write_text('- {q: "devolucion", slug: spei/returns}\n- {q: "zorblax", slug: payments/chargebacks}\n'
                       '- {q: "cep", slug: spei/cep}\n', encoding="utf-8")
    code, out, err = run(kb, "eval", str(queries), "--no-builtin")
    assert code == 0, err
    assert "3 queries; 2 with their answer on the site, 1 content gaps" in out
    assert re.search(r"^kb search +0\.500  0\.500  0\.500", out, re.M) and "gaps counted as misses" in out
    assert "line 2: 'zorblax' wants payments/chargebacks" in out
    assert "line 3: 'cep' wants spei/cep" in out


def test_eval_rejects_a_bad_query_file(kb, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {q: spei}\n", encoding="utf-8")
    code, _, err = run(kb, "eval", str(bad), "--no-builtin")
    assert code == 1 and f"{bad}:1: each entry needs 'q'" in err


def test_main_in_process(kb, capsys, monkeypatch):
    monkeypatch.chdir(kb.root)
    with pytest.raises(SystemExit) as exit_:
        main(["index", "--audience", "internal"])
    assert exit_.value.code == 0
    assert "indexed 9 internal pages (en 6, es 3) for search in .kb/index/internal" in capsys.readouterr().out


@pytest.mark.slow
def test_build_rebuilds_each_index_outside_the_site(kb):
    code, out, err = run(kb, "build", "--audience", "public")
    assert code == 0, err
    assert "built the public site" in out and "indexed 7 public pages (en 4, es 3)" in out
    assert (kb.root / ".kb" / "index" / "public").is_symlink()
    assert not (kb.root / ".kb" / "index" / "internal").exists()
    site = kb.root / "site" / "public"
    # kb search's index stays out of the site (the static search's own index, kb-search/, is the site's)
    assert not [p for p in site.rglob("*") if p.name in ("info.json", "index.sqlite", "lexicon.sqlite", "replies.json")
                and "kb-search" not in p.relative_to(site).parts]
    code, out, _ = run(kb, "search", "chargeback", "--audience", "public", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "payments/chargebacks"
