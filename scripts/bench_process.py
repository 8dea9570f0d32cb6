"""`kb search` and `kb --help` as whole processes (what an agent's terminal or a help-desk
macro runs): the interpreter started, the index opened, the query answered, the results
printed. Against, in the same run and interleaved with them (a busy machine slows them
alike): a bare Python start (the floor of any Python command), the Whoosh engine alone (its
modules imported, the index opened, one term looked up: the floor of a search on Whoosh),
and a tantivy process searching the same articles (when the `tantivy` package is
installed: pip install tantivy)."""

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
RUNS = 20
TARGET_MS = 100
TANTIVY_QUERY = """
import re, sys, tantivy
index = tantivy.Index.open(sys.argv[1])
query = index.parse_query(re.sub(r"[^\\w\\s]", " ", sys.argv[2]), ["title", "body"])
for score, address in index.searcher().search(query, 10).hits:
    print(index.searcher().doc(address)["title"][0])
"""
WHOOSH_ALONE = """
import sys
from whoosh import index
from whoosh.query import Term
with index.open_dir(sys.argv[1]).searcher() as searcher:
    print(len(searcher.search(Term("s", sys.argv[2]), limit=10)))
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


def report(root: Path, catalog, index: Path, runs: int = RUNS) -> None:
    """Print the whole-process rows: kb search and kb --help, beside their floors and tantivy."""
    commands = {
        "kb search": [str(KB), "search", QUERY],
        "kb --help": [str(KB), "--help"],
        "python -c pass": [sys.executable, "-c", "pass"],
        "Whoosh alone": [sys.executable, "-c", WHOOSH_ALONE, str(index), "devolu"],
    }
    with tempfile.TemporaryDirectory(prefix="kb-tantivy-") as folder:
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
        "kb --help": ("kb --help", ""),
        "python -c pass": ("python -c pass", "the interpreter's start, the floor"),
        "Whoosh alone": ("Whoosh alone", "import, open the index, look up one term: the engine's floor"),
        "tantivy process": ("tantivy process", "Python + tantivy, same articles"),
    }
    for name, (wall, cpu) in found.items():
        what, note = labels[name]
        print(f"  {what:<28} {wall:6.0f} ms wall   {cpu:6.0f} ms CPU   {f'({note})' if note else ''}".rstrip())
    if "tantivy process" not in found:
        print(f"  {'tantivy process':<28} not measured: the tantivy package is not installed (pip install tantivy)")
