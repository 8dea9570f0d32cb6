"""`kb search` and `kb --help` as whole processes (what an agent's terminal or a help-desk
macro runs): the interpreter started, the index opened, the query answered, the results
printed. Against, in the same run and interleaved with them (a busy machine slows them
alike): a bare Python start (the floor of any Python command), Python importing click (the
floor of any `kb` command), the same search without the command line (kb.search alone),
and Whoosh and tantivy processes searching the same articles' titles and bodies (tantivy
when the `tantivy` package is installed: pip install tantivy)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KB = Path(sys.executable).parent / "kb"
QUERY = "devolucion spei"
TYPO_QUERY = "devolucion chargebak"  # a word the index does not know: typos tried (rapidfuzz loaded)
RUNS = 20
TARGET_MS = 100
TANTIVY_QUERY = """
import re, sys, tantivy
index = tantivy.Index.open(sys.argv[1])
query = index.parse_query(re.sub(r"[^\\w\\s]", " ", sys.argv[2]), ["title", "body"])
for score, address in index.searcher().search(query, 10).hits:
    print(index.searcher().doc(address)["title"][0])
"""
WHOOSH_QUERY = """
import sys
from whoosh import index
from whoosh.qparser import OrGroup, QueryParser
ix = index.open_dir(sys.argv[1])
with ix.searcher() as searcher:
    query = QueryParser("body", ix.schema, group=OrGroup).parse(sys.argv[2])
    for hit in searcher.search(query, limit=10):
        print(hit["title"])
"""
ENGINE_ALONE = """
import sys
from kb.search.searcher import SearchIndex
for hit in SearchIndex(sys.argv[1]).search(sys.argv[2]).hits:
    print(hit.title, hit.link, hit.snippet)
"""


# As a user's install runs: with its modules' bytecode cached (pip compiles what it installs;
# the project's own modules are compiled on their first run), whatever this shell says.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU milliseconds of one process (CPU: its user and system time, from wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(argv[:3])} failed (exit {os.waitstatus_to_exitcode(status)})")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def interleaved(commands: dict[str, list[str]], cwd: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU milliseconds of each command over `runs` rounds, one run of each
    command a round, after one warm-up round (which writes the bytecode caches)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, argv in commands.items():
            measured = timed(argv, cwd)
            if round_:
                times[name].append(measured)
    return {name: (statistics.median(w for w, _ in runs_), statistics.median(c for _, c in runs_))
            for name, runs_ in times.items()}


def tantivy_index(catalog, folder: Path) -> Path | None:
    """A tantivy index of the articles' titles and bodies, or None if tantivy is not installed."""
    try:
        import tantivy
    except ImportError:
        return None
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True)
    builder.add_text_field("body")
    index = tantivy.Index(builder.build(), path=str(folder))
    writer = index.writer()
    for article in catalog.articles:
        writer.add_document(tantivy.Document(title=article.title or "", body=article.body))
    writer.commit()
    return folder


def whoosh_index(catalog, folder: Path) -> Path:
    """A Whoosh index of the articles' titles and bodies (Whoosh's default analysis)."""
    from whoosh import index
    from whoosh.fields import STORED, TEXT, Schema

    writer = index.create_in(str(folder), Schema(title=STORED, body=TEXT)).writer()
    for article in catalog.articles:
        writer.add_document(title=article.title or "", body=article.body)
    writer.commit()
    return folder


def report(root: Path, catalog, index: Path, runs: int = RUNS) -> None:
    """Print the whole-process rows: kb search and kb --help, beside their floors and tantivy."""
    commands = {
        "kb search": [str(KB), "search", QUERY],
        "kb search, a typo": [str(KB), "search", TYPO_QUERY],
        "kb --help": [str(KB), "--help"],
        "python -c pass": [sys.executable, "-c", "pass"],
        "click alone": [sys.executable, "-c", "import click"],
        "kb.search alone": [sys.executable, "-c", ENGINE_ALONE, str(index), QUERY],
    }
    with tempfile.TemporaryDirectory(prefix="kb-whoosh-") as whoosh, tempfile.TemporaryDirectory(prefix="kb-tantivy-") as folder:
        commands["Whoosh process"] = [sys.executable, "-c", WHOOSH_QUERY, str(whoosh_index(catalog, Path(whoosh))), QUERY]
        if tantivy_index(catalog, Path(folder)):
            commands["tantivy process"] = [sys.executable, "-c", TANTIVY_QUERY, folder, QUERY]
        found = interleaved(commands, root, runs)
    floor = found["python -c pass"][0]
    search, helped = found["kb search"][0], found["kb --help"][0]
    print(f"\nWhole processes on the real articles, median of {runs} runs each, interleaved:")
    print(f"kb search whole process: median {search:.0f} ms over {runs} runs (target < {TARGET_MS} ms)"
          f"  [{'met' if search < TARGET_MS else 'not met'}; {search / floor:.1f}x a bare Python start]")
    print(f"kb --help whole process: median {helped:.0f} ms over {runs} runs (target < {TARGET_MS} ms)"
          f"  [{'met' if helped < TARGET_MS else 'not met'}; {helped / floor:.1f}x a bare Python start]")
    labels = {
        "kb search": (f'kb search "{QUERY}"', ""),
        "kb search, a typo": (f'kb search "{TYPO_QUERY}"', "a word with a typo: the typo matcher loaded"),
        "kb --help": ("kb --help", ""),
        "python -c pass": ("python -c pass", "the interpreter's start, the floor"),
        "click alone": ("python -c 'import click'", "the command line's library: the floor of any kb command"),
        "kb.search alone": ("kb.search alone", "the same search and results, without the command line"),
        "Whoosh process": ("Whoosh process", "Python + Whoosh, same articles"),
        "tantivy process": ("tantivy process", "Python + tantivy, same articles"),
    }
    for name, (wall, cpu) in found.items():
        what, note = labels[name]
        print(f"  {what:<34} {wall:6.0f} ms wall   {cpu:6.0f} ms CPU   {f'({note})' if note else ''}".rstrip())
    if "tantivy process" not in found:
        print(f"  {'tantivy process':<34} not measured: the tantivy package is not installed (pip install tantivy)")
