"""Benchmark of the static site's search, side by side in one run: the knowledge base's
static search (kb-search/), Material's built-in lunr search and Pagefind (its index built
on the same pages), each query typed on a fresh page of the site in headless Chromium.

1. Quality on the development query set (eval/queries.yaml), on the real articles'
   internal site: MRR@5 and hit@5 of each, beside `kb search` (targets: the static search
   within 0.05 of kb search and at least 0.2 above Material's).
2. Cost on a generated corpus (scripts/generate-corpus, public site): the bytes the search
   fetched before its first result and the time from typing to the first result (targets:
   at most 300 KB and 400 ms at 2,000 articles per language).

    scripts/bench-static-search [--per-language 2000] [--queries 40] [--corpus DIR] [--keep]

A corpus's site takes minutes to build on a shared 2-core machine: `--corpus DIR --keep`
keeps the corpus and its site (DIR/site) for the next run, which reuses them.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_search import agent_queries  # noqa: E402
from generate_corpus import generate  # noqa: E402

from kb.catalog import load_catalog  # noqa: E402
from kb.search.index import build_index  # noqa: E402
from kb.search.searcher import SearchIndex  # noqa: E402
from kb_app.eval import Query, Score, load_queries  # noqa: E402
from kb_app.site_search import Engine, SiteRun, run_site_search  # noqa: E402
from kb_mkdocs.settings import load_settings  # noqa: E402
from kb_mkdocs.site import build_site  # noqa: E402

ENGINES = (Engine.STATIC, Engine.BUILTIN, Engine.PAGEFIND)
TARGET_BYTES, TARGET_MS, TARGET_MRR_GAP, TARGET_MRR_LEAD = 300_000, 400, 0.05, 0.2


def pagefind(site: Path) -> float:
    """Build Pagefind's index of the site (its pages as built); returns the seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], check=True, capture_output=True)
    return time.perf_counter() - start


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def kilobytes(value: float) -> str:
    return f"{value / 1_000_000:.1f} MB" if value >= 1_000_000 else f"{value / 1000:.0f} KB"


def quality(work: Path) -> dict[Engine, Score]:
    """MRR@5 of each search on the development query set (real articles, internal site)."""
    config = ROOT / "mkdocs.yml"
    queries = load_queries(ROOT / "eval" / "queries.yaml")
    settings = load_settings(config)
    catalog = load_catalog(settings)
    build_index(catalog, "internal", work / "index")
    index = SearchIndex(work / "index" / "internal")
    ours = Score("kb search", [[h.id for h in index.search(q.text, limit=5).hits] for q in queries], queries)
    site = work / "real-internal"
    build_site(config, "internal", site)
    pagefind(site)
    existing = {a.id for a in catalog.articles if not a.is_page}
    answerable = [n for n, q in enumerate(queries) if set(q.slugs) & existing]
    print(f"\n1. quality: {len(queries)} development queries ({len(answerable)} answerable), real articles, internal site")
    print(f"  {'search':<34} hit@1  hit@5  MRR@5")
    scores = {}
    for engine in (None, *ENGINES):
        if engine is None:
            score = ours
        else:
            run = run_site_search(site, queries, settings.languages, engine)
            score = scores[engine] = Score(run.name, run.rankings, queries)
        print(f"  {score.name:<34} {score.hit_at_1(answerable):5.3f}  {score.hit_at_5(answerable):5.3f}  "
              f"{score.mrr_at_5(answerable):5.3f}")
    mine, theirs = scores[Engine.STATIC].mrr_at_5(answerable), scores[Engine.BUILTIN].mrr_at_5(answerable)
    base = ours.mrr_at_5(answerable)
    print(f"  static search: {mine - base:+.3f} from kb search (target: within {TARGET_MRR_GAP}), "
          f"{mine - theirs:+.3f} from Material's (target: at least +{TARGET_MRR_LEAD})")
    return scores


def cost(corpus: Path, per_language: int, count: int, seed: int) -> dict[Engine, SiteRun]:
    """Bytes and time to the first result of each search on the corpus's public site."""
    site = corpus / "site"
    if not (site / "kb-search" / "manifest.json").exists():
        start = time.perf_counter()
        build_site(corpus / "mkdocs.yml", "public", site)
        print(f"\nbuilt the corpus's public site in {time.perf_counter() - start:.0f} s")
    seconds = pagefind(site)
    settings = load_settings(corpus / "mkdocs.yml")
    catalog = load_catalog(settings)
    public = [a for a in catalog.articles if not a.is_page and a.audience == "public" and a.status == "published"]
    texts = agent_queries(catalog, count, random.Random(seed))
    queries = [Query(text, (), n) for n, text in enumerate(texts, 1)]
    print(f"\n2. cost: generated corpus, {per_language} articles per language ({len(public)} public pages), "
          f"{len(queries)} queries, each typed on a fresh page")
    print(f"  index on disk: static search {kilobytes(size(site / 'kb-search'))}, Material "
          f"{kilobytes(size(site / 'search'))}, Pagefind {kilobytes(size(site / 'pagefind'))} (built in {seconds:.0f} s)")
    print(f"  {'search':<34} {'fetched before the first result':>32}   {'typing to first result':>24}")
    print(f"  {'':<34} {'median':>15} {'max':>16}   {'median':>11} {'p95':>12}")
    runs = {}
    for engine in ENGINES:
        run = runs[engine] = run_site_search(site, queries, settings.languages, engine)
        print(f"  {run.name:<34} {kilobytes(run.median_bytes()):>15} {kilobytes(run.max_bytes()):>16}   "
              f"{run.median_ms():>8.0f} ms {run.p95_ms():>9.0f} ms")
    mine = runs[Engine.STATIC]
    print(f"  static search: max {kilobytes(mine.max_bytes())} fetched (target: at most {kilobytes(TARGET_BYTES)}), "
          f"median {mine.median_ms():.0f} ms to the first result (target: at most {TARGET_MS} ms); "
          f"{runs[Engine.BUILTIN].median_bytes() / max(1, mine.median_bytes()):.0f}x fewer bytes than Material's")
    return runs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench-static-search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=2000, help="generated articles per language (default 2000)")
    parser.add_argument("--queries", type=int, default=40, help="generated queries on the corpus (default 40)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="reuse (or create) the corpus, and its site in DIR/site")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and its site (with --corpus)")
    parser.add_argument("--skip-quality", action="store_true", help="only the cost on the corpus")
    args = parser.parse_args(argv)
    print(f"bench-static-search: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory(prefix="kb-static-search-") as temp:
        work = Path(temp)
        if not args.skip_quality:
            quality(work)
        corpus = args.corpus or work / "corpus"
        if not (corpus / "mkdocs.yml").exists():
            start = time.perf_counter()
            generate(args.per_language, corpus, args.seed)
            print(f"\ngenerated {args.per_language} articles per language in {time.perf_counter() - start:.1f} s")
        try:
            cost(corpus, args.per_language, args.queries, args.seed)
        finally:
            if args.corpus and not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end (the machine is shared: figures vary with it)")


if __name__ == "__main__":
    main()
