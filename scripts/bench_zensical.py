"""Zensical, the successor of Material for MkDocs, on the corpus scripts/bench-build
measured: a clean `zensical build`, a second one (its cache warm), and the time `zensical
serve` takes to show an edited article. Zensical reads mkdocs.yml; it is given the plain
configuration (the kb-* plugins off, which it could not load), so it builds both languages'
folders as one site, no audiences, no checks.

Zensical is installed in a virtual environment of its own (.venv-zensical, made on the
first run from the package index pip is configured with): its dependencies must not move
the project's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import ROOT, Run, edited_article, fetch, free_port, wait_until  # noqa: E402

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


def measure(corpus: Path, plain: Path, work: Path) -> dict[str, float]:
    """Zensical's figures on `corpus` with the plain configuration `plain`: wall seconds."""
    command = str(zensical())
    figures: dict[str, float] = {}
    clean = Run("zensical build --clean", [command, "build", "--clean", "-f", str(plain)], work / "zensical.log")
    figures["clean"] = clean.start().finish().wall
    again = Run("zensical build (cached)", [command, "build", "-f", str(plain)], work / "zensical-again.log")
    figures["cached"] = again.start().finish().wall
    port = free_port()
    server = Run("zensical serve", [command, "serve", "-f", str(plain), "-a", f"127.0.0.1:{port}"],
                 work / "zensical-serve.log").start()
    try:
        figures["edit shown"] = serve_edit(port, corpus, server)
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    return figures
