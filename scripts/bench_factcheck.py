"""Benchmark the facts check (kb.factcheck) inside `kb check`, against `kb check` without it,
measured in the same run on the same articles.

    scripts/bench-factcheck [--per-language 2000] [--repeat 3] [--seed 7]

On the real articles and on a generated corpus (scripts/generate-corpus), it reads and
checks every article --repeat times with the facts check and as many times without it
(alternately, so that a shared machine slows both alike), and prints the best CPU time of
each and their difference: the facts check's own cost, which every build pays once.
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
from kb.settings import Settings  # noqa: E402


def measure(root: Path, repeat: int) -> tuple[int, float, float]:
    """(article files, best CPU seconds with the facts check, best without)."""
    settings = Settings.for_project(root)
    real, best = checks.check_facts, {True: float("inf"), False: float("inf")}
    files = 0
    try:
        for _ in range(repeat):
            for with_check in (True, False):
                checks.check_facts = real if with_check else (lambda catalog, today: [])
                start = time.process_time()
                catalog = load_catalog(settings)
                best[with_check] = min(best[with_check], time.process_time() - start)
                files = sum(1 for article in catalog.articles if not article.is_page)
                if with_check and catalog.problems:
                    print(f"  note: {len(catalog.problems)} problems, e.g. {catalog.problems[0]}")
    finally:
        checks.check_facts = real
    return files, best[True], best[False]


def report(name: str, files: int, with_check: float, without: float) -> None:
    extra = with_check - without
    print(f"{name}: {files} article files")
    print(f"  kb check without the facts check  {without:6.2f} s CPU (baseline, same run)")
    print(f"  kb check with the facts check     {with_check:6.2f} s CPU  ({with_check / without:.2f}x)")
    print(f"  the facts check alone             {extra:6.2f} s CPU  ({1000 * extra / max(files, 1):.2f} ms per article file)")


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
