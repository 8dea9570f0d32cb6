"""`kb search` as a whole process (what an agent's terminal or a help-desk macro runs): the
interpreter started, the index opened, the query answered, the results printed; against,
in the same run, a bare Python start (the floor) and a tantivy process searching the same
articles (when the `tantivy` package is installed: pip install tantivy)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KB = Path(sys.executable).parent / "kb"
TANTIVY_QUERY = """
import re, sys, tantivy
index = tantivy.Index.open(sys.argv[1])
query = index.parse_query(re.sub(r"[^\\w\\s]", " ", sys.argv[2]), ["title", "body"])
for score, address in index.searcher().search(query, 10).hits:
    print(index.searcher().doc(address)["title"][0])
"""


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU milliseconds of one process (CPU: its user and system time)."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    return wall * 1000, (after.children_user - before.children_user + after.children_system - before.children_system) * 1000


def median_of(argv_of, queries: list[str], cwd: Path) -> tuple[float, float]:
    runs = [timed(argv_of(q), cwd) for q in queries]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


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


def report(root: Path, catalog, queries: list[str], count: int = 30) -> None:
    """Print the whole-process row: kb search, a bare Python start and a tantivy process."""
    queries = queries[:count]
    kb = median_of(lambda q: [str(KB), "search", q], queries, root)
    floor = median_of(lambda q: [sys.executable, "-c", "pass"], queries[:10], root)
    with tempfile.TemporaryDirectory(prefix="kb-tantivy-") as folder:
        index = tantivy_index(catalog, Path(folder))
        other = median_of(lambda q: [sys.executable, "-c", TANTIVY_QUERY, folder, q], queries, root) if index else None
    print(f"\nkb search as a whole process, real articles, median of {len(queries)} queries (target: under 100 ms):")
    print(f"  kb search           {kb[0]:6.0f} ms wall   {kb[1]:6.0f} ms CPU")
    if other:
        print(f"  tantivy process     {other[0]:6.0f} ms wall   {other[1]:6.0f} ms CPU   (Python + tantivy, same articles)")
    else:
        print("  tantivy process     not measured: the tantivy package is not installed (pip install tantivy)")
    print(f"  python -c pass      {floor[0]:6.0f} ms wall   {floor[1]:6.0f} ms CPU   (the interpreter's start, the floor)")
