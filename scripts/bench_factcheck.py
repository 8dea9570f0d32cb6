"""Benchmark the facts check (kb.factcheck) inside `kb check`, against `kb check` without it,
measured in the same run on the same articles.

    scripts/bench-factcheck [--per-language 2000] [--repeat 3] [--seed 7]

On the real articles and on a generated corpus (scripts/generate-corpus), it reads and
checks every article --repeat times each way, in turn (so that a shared machine slows all
alike): without the facts check; with it and no cache (what a first build pays, writing the
cache); with it and the cache of that run (kb.factcheck.kept: what a build after an edit
pays). It prints the best CPU time of each and the facts check's own cost both ways.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from generate_corpus import generate  # noqa: E402

from kb import checks  # noqa: E402
from kb.catalog import load_catalog  # noqa: E402
from kb.factcheck.kept import CACHE  # noqa: E402
from kb.memo import cache_root  # noqa: E402
from kb.settings import Settings  # noqa: E402


MODES = ("without", "unkept", "kept")


def measure(root: Path, repeat: int) -> tuple[int, dict[str, float]]:
    """(article files, best CPU seconds of each mode: without the facts check, with it and
    no cache, with it and the cache the run before made)."""
    settings = Settings.for_project(root)
    cache = cache_root(root) / CACHE
    real, best = checks.check_facts, dict.fromkeys(MODES, float("inf"))
    load_catalog(settings)  # a first run, not counted: imports, compiled patterns, the disk cache
    files = 0
    try:
        for _ in range(repeat):
            for mode in MODES:
                checks.check_facts = (lambda catalog, today: []) if mode == "without" else real
                if mode == "unkept":
                    cache.unlink(missing_ok=True)
                start = time.process_time()
                catalog = load_catalog(settings)
                best[mode] = min(best[mode], time.process_time() - start)
                files = sum(1 for article in catalog.articles if not article.is_page)
                if mode == "unkept" and catalog.problems:
                    print(f"  note: {len(catalog.problems)} problems, e.g. {catalog.problems[0]}")
    finally:
        checks.check_facts = real
    return files, best


def report(name: str, files: int, best: dict[str, float]) -> None:
    without, unkept, kept = (best[mode] for mode in MODES)
    print(f"{name}: {files} article files")
    print(f"  kb check without the facts check    {without:6.2f} s CPU (baseline, same run)")
    print(f"  with the facts check, no cache      {unkept:6.2f} s CPU  ({unkept / without:.2f}x)")
    print(f"  with the facts check, kept          {kept:6.2f} s CPU  ({kept / without:.2f}x)")
    for label, total in (("no cache", unkept), ("kept", kept)):
        extra = total - without
        print(f"  the facts check alone, {label:<12} {extra:6.2f} s CPU  ({1000 * extra / max(files, 1):.2f} ms per article file)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=2000, help="articles per language in the generated corpus")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best is kept")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"bench-factcheck: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start\n")
    report("real articles", *measure(ROOT, args.repeat))
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        generate(args.per_language, corpus, args.seed)
        print()
        report(f"generated corpus ({args.per_language} per language)", *measure(corpus, args.repeat))
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end (the machine is shared: figures vary with it)")


if __name__ == "__main__":
    main()
