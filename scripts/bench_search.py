"""Benchmark of the search: index build time and query latency (p50, p95), on the real
articles and on a generated corpus (scripts/generate-corpus), with a baseline measured in
the same run on the same index: the plain query (every form of every word OR-ed, all
matching articles scored), which is what the query planning of kb.search.plan saves.

Then `kb search` and `kb --help` as whole processes (scripts/bench_process.py), beside a bare
Python start, the search without the command line, Whoosh and tantivy processes;
`--process-only` prints only those.

    scripts/bench-search [--per-language 5000] [--queries 300] [--seed 7] [--corpus DIR]
    scripts/bench-search --process-only [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_process  # noqa: E402
from generate_corpus import generate  # noqa: E402

from kb.catalog import load_catalog  # noqa: E402
from kb.search.analysis import STOPWORDS, fold  # noqa: E402
from kb.search.document import read_page  # noqa: E402
from kb.search.files import index_root  # noqa: E402
from kb_app.eval import load_queries  # noqa: E402
from kb.search.index import build_index  # noqa: E402
from kb.search.searcher import SearchIndex  # noqa: E402
from kb_mkdocs.settings import load_settings  # noqa: E402
from kb.search.query import Or  # noqa: E402


def typo(word: str, rng: random.Random) -> str:
    """One typing error: a letter dropped, doubled or two letters swapped."""
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return word[:at] + word[at + 1:]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


def agent_queries(catalog, count: int, rng: random.Random) -> list[str]:
    """Queries like an agent's: the subject of a case in 1-4 words (an article's title words
    and table rows, not its template phrases), often without accents, sometimes with a
    typo, sometimes a code alone or with a word."""
    articles = [a for a in catalog.articles if not a.is_page]
    queries = []
    while len(queries) < count:
        article = rng.choice(articles)
        page = read_page(article.body)
        kind = rng.random()
        if kind < 0.2 and page.rows:
            row = rng.choice(page.rows)
            extra = [w for w in row.cells[1].split() if len(w) > 3][:1] if rng.random() < 0.5 else []
            queries.append(" ".join([row.key, *extra]))
            continue
        pool = [w for w in re.findall(r"[^\W\d_]{3,}", article.title) if fold(w) not in STOPWORDS]
        if kind < 0.4 and page.rows:
            pool += [w for w in re.findall(r"[^\W\d_]{4,}", rng.choice(page.rows).text)]
        if not pool:
            continue
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(1, 4)))
        if rng.random() < 0.5:
            chosen = [fold(w) for w in chosen]
        if rng.random() < 0.3:
            long = [i for i, w in enumerate(chosen) if len(w) >= 5]
            if long:
                i = rng.choice(long)
                chosen[i] = typo(chosen[i], rng)
        queries.append(" ".join(chosen))
    return queries


def fresh_search(index: SearchIndex, text: str) -> None:
    """A search as if never asked before: the index keeps its answers (agents repeat
    queries), which would measure a dictionary lookup instead."""
    index._answers.clear()
    index.search(text, limit=10)


def plain_search(index: SearchIndex, text: str) -> None:
    """The baseline: every form of every word OR-ed in one query."""
    from kb.search.expansion import expand
    from kb.search.parse import parse

    parsed = parse(text)
    if parsed.empty:
        return
    words_ = expand(parsed, index.vocabulary, index.synonyms, {})
    index.scorer.top(Or([index.planner.clause(word)[0] for word in words_]), 10)


def latencies(run, queries: list[str], rounds: int = 2) -> tuple[list[float], list[float]]:
    """Milliseconds per query: wall-clock time, and the CPU time of this process (which the
    other programs of a shared machine do not inflate)."""
    for query in queries[:20]:  # warm the caches
        run(query)
    wall, cpu = [], []
    for _ in range(rounds):
        for query in queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            run(query)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def measure(name: str, config: Path, queries: list[str] | None, count: int, rng: random.Random) -> None:
    settings = load_settings(config)
    start = time.perf_counter()
    catalog = load_catalog(settings)
    loaded = time.perf_counter() - start
    articles = sum(1 for a in catalog.articles if not a.is_page)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as folder:
        start_cpu = time.process_time()
        report = build_index(catalog, "internal", Path(folder))
        build_cpu = time.process_time() - start_cpu
        index = SearchIndex(Path(folder) / "internal")
        queries = queries or agent_queries(catalog, count, rng)
        ours, ours_cpu = latencies(lambda q: fresh_search(index, q), queries)
        plain, plain_cpu = latencies(lambda q: plain_search(index, q), queries)
    print(f"\n{name}: {articles} articles (both languages), {len(queries)} queries x 2")
    print(f"  read articles       {loaded:6.1f} s")
    print(f"  index build         {report.seconds:6.1f} s wall, {build_cpu:.1f} s CPU   ({report.documents} documents)")
    print(f"  kb search           p50 {p(ours, 50):6.1f} ms   p95 {p(ours, 95):6.1f} ms   max {max(ours):6.1f} ms   (wall)")
    print(f"                      p50 {p(ours_cpu, 50):6.1f} ms   p95 {p(ours_cpu, 95):6.1f} ms   (CPU)")
    print(f"  plain OR query      p50 {p(plain, 50):6.1f} ms   p95 {p(plain, 95):6.1f} ms   (wall; baseline, same run)")
    print(f"                      p50 {p(plain_cpu, 50):6.1f} ms   p95 {p(plain_cpu, 95):6.1f} ms   (CPU)")
    print(f"  ratio p95 kb/plain  {p(ours, 95) / p(plain, 95):6.2f} (wall)   {p(ours_cpu, 95) / p(plain_cpu, 95):6.2f} (CPU)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench-search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=5000, help="generated articles per language (default 5000)")
    parser.add_argument("--queries", type=int, default=300, help="generated queries (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="reuse (or create) the generated corpus in this folder")
    parser.add_argument("--process-only", action="store_true", help="only kb search and kb --help as whole processes")
    parser.add_argument("--runs", type=int, default=bench_process.RUNS, help="runs of each whole process (default 20)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"bench-search: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    dev = ROOT / "eval" / "queries.yaml"
    real_queries = [q.text for q in load_queries(dev)] if dev.exists() else None
    if not args.process_only:
        measure("real articles", ROOT / "mkdocs.yml", real_queries, args.queries, rng)
    catalog = load_catalog(load_settings(ROOT / "mkdocs.yml"))
    build_index(catalog, "internal")  # what `kb index` does: the index `kb search` opens
    bench_process.report(ROOT, catalog, index_root(ROOT) / "internal", args.runs)
    if args.process_only:
        print(f"\nload average {os.getloadavg()[0]:.2f} at the end (the machine is shared: figures vary with it)")
        return
    with tempfile.TemporaryDirectory(prefix="kb-corpus-") as temp:
        corpus = args.corpus or Path(temp) / "corpus"
        if not (corpus / "mkdocs.yml").exists():
            start = time.perf_counter()
            generate(args.per_language, corpus, args.seed)
            print(f"\ngenerated {args.per_language} articles per language in {time.perf_counter() - start:.1f} s")
        measure("generated corpus", corpus / "mkdocs.yml", None, args.queries, rng)
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end (the machine is shared: figures vary with it)")


if __name__ == "__main__":
    main()
