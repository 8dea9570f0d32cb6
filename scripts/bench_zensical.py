"""Zensical, the successor of Material for MkDocs, on the same generated corpus: a clean
`zensical build`, a second one (its cache warm), and the time `zensical serve` takes to show
an edited article; beside it, in the same run, a plain `mkdocs build` of the same files and
`kb build` of both audiences. Zensical reads mkdocs.yml; it is given the plain
configuration (the kb-* plugins off, which it could not load), so it builds both languages'
folders as one site, no audiences, no checks.

Zensical is installed in a virtual environment of its own (.venv-zensical, made on the
first run from the package index pip is configured with): its dependencies must not move
the project's.

    scripts/bench-zensical [--per-language 500] [--seed 7] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import BIN, ROOT, Run, edited_article, fetch, free_port, plain_config, wait_until  # noqa: E402

VENV = ROOT / ".venv-zensical"
ZENSICAL = ">=0.0.70,<0.2"


def zensical() -> Path:
    """The zensical command, installed on first use."""
    command = VENV / "bin" / "zensical"
    if not command.exists():
        print("bench-zensical: installing Zensical into .venv-zensical", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", f"zensical{ZENSICAL}"], check=True)
    return command


def serve_edit(port: int, corpus: Path, server: Run) -> float:
    """Seconds from saving a change to an article until `zensical serve` shows it."""
    path, address = edited_article(corpus)
    page = f"http://127.0.0.1:{port}/en/{address}"
    wait_until(lambda: fetch(page) is not None or server.done(check=False), "zensical serve to serve the article")
    if server.done(check=False):
        raise SystemExit(f"bench-zensical: zensical serve stopped:\n{server.output()[-2000:]}")
    token = f"bench-edit-{os.getpid()}-{int(time.time())}"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + f"\n\nEdited for the benchmark: {token}.\n", encoding="utf-8")
        return wait_until(lambda: token in (fetch(page) or ""), "zensical serve to show the edited article", every=0.05)
    finally:
        path.write_text(original, encoding="utf-8")


def measure(corpus: Path, work: Path) -> dict[str, float]:
    """The figures of one corpus: wall seconds of each build and of the edit shown."""
    command = str(zensical())
    plain = corpus / "mkdocs.plain.yml"
    plain.write_text(plain_config((corpus / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    figures: dict[str, float] = {}
    clean = Run("zensical build --clean", [command, "build", "--clean", "-f", str(plain)], work / "zensical.log")
    figures["zensical build, clean"] = clean.start().finish().wall
    again = Run("zensical build (cached)", [command, "build", "-f", str(plain)], work / "zensical-again.log")
    figures["zensical build, cached"] = again.start().finish().wall
    mkdocs = Run("mkdocs build (plugins off)", [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain), "-d",
                                                 str(work / "plain")], work / "plain.log")
    figures["mkdocs build, plugins off"] = mkdocs.start().finish().wall
    kb = Run("kb build (both audiences)", [str(BIN / "kb"), "-f", str(corpus / "mkdocs.yml"), "build"], work / "kb.log")
    figures["kb build, both audiences"] = kb.start().finish().wall
    port = free_port()
    server = Run("zensical serve", [command, "serve", "-f", str(plain), "-a", f"127.0.0.1:{port}"],
                 work / "zensical-serve.log").start()
    try:
        figures["zensical serve, edit shown"] = serve_edit(port, corpus, server)
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench-zensical", description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=500, help="articles per language (default 500)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="a corpus made by scripts/generate-corpus (default: generate one)")
    args = parser.parse_args(argv)
    print(f"bench-zensical: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start", flush=True)
    work = Path(tempfile.mkdtemp(prefix="kb-bench-zensical-"))
    try:
        corpus = work / "corpus"
        if args.corpus:
            shutil.copytree(args.corpus, corpus, ignore=shutil.ignore_patterns(".kb", "site"))
        else:
            Run("generate-corpus", [sys.executable, str(ROOT / "scripts" / "generate_corpus.py"), "--per-language",
                                    str(args.per_language), "--out", str(corpus), "--seed", str(args.seed)],
                work / "generate.log").start().finish()
        figures = measure(corpus, work)
        print(f"\n{args.per_language} articles per language (wall seconds):")
        for name, seconds in figures.items():
            print(f"  {name:<30} {seconds:7.2f} s")
        print(f"  kb build (both audiences) / mkdocs build: "
              f"{figures['kb build, both audiences'] / figures['mkdocs build, plugins off']:.2f}x "
              f"(target: at most 1.0x); / zensical clean: "
              f"{figures['kb build, both audiences'] / figures['zensical build, clean']:.2f}x")
        print(f"load average {os.getloadavg()[0]:.2f} at the end")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
