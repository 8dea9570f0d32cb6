"""Benchmark of the site build at scale, on a generated corpus (scripts/generate-corpus,
2,000 articles per language by default):

- `kb build` for each audience (the site, then its search index), against a plain
  `mkdocs build` of the same articles with the project's plugins switched off (a derived
  mkdocs.yml without the kb-* plugins; search, tags and i18n kept), measured in the same
  run: the plain build and the internal build (the same pages) run side by side, so that
  a machine shared with other work slows both alike; CPU time is reported beside wall time;
- Zensical, where it installs (scripts/bench_zensical.py; --no-zensical to skip it): its
  clean and cached builds of the same corpus and the time `zensical serve` takes to show
  the same edit;
- the time for `kb serve` to show an edited article: an article's file is changed and its
  page is polled until the change is served (kb serve works on a copy of the corpus, started
  beside the first builds; the edit is measured beside the public build);
- `kb build` of both audiences again after one article's body was edited (incremental:
  only the pages whose inputs changed are rendered), three times with another sentence
  each time, the median against the clean build of both just before it, in the same run
  (`--incremental-only`: that comparison alone).

    scripts/bench-build [--per-language 2000] [--seed 7] [--corpus DIR] [--keep] [--incremental-only]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
TIMEOUT = 900  # seconds any one step may take before the benchmark gives up
TARGET = 1.30  # the project's plugins may add at most 30 % to the plain build
REBUILD_TARGET = 0.10  # a rebuild after one edit: under 10 % of a clean build
REBUILDS = 3  # rebuilds after an edit, each of another sentence: the median is the figure
CLEAN_PAIRS = 3  # clean builds of both audiences, each after a plain build: the medians are the figures


def plain_config(text: str) -> str:
    """mkdocs.yml without the project's plugins (the `kb-*` entries of `plugins:`)."""
    out, in_plugins, skipping = [], False, False
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.startswith((" ", "#")):
            in_plugins, skipping = line.startswith("plugins:"), False
        if in_plugins and line.startswith("  - "):
            skipping = line.startswith("  - kb-")
        if not (in_plugins and skipping):
            out.append(line)
    return "".join(out)


@dataclass(eq=False)
class Run:
    """One command, run as a child process: its wall time, its own CPU time and its output."""

    name: str
    argv: list[str]
    log: Path
    started: float = 0.0
    wall: float = 0.0
    cpu: float = 0.0
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> Run:
        self.started = time.perf_counter()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, env=ENV, cwd=ROOT)
        return self

    def done(self, check: bool = True) -> bool:
        """Whether the child has ended (its times and status are then read)."""
        if self.process.returncode is not None:
            return True
        pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        if not pid:
            if time.perf_counter() - self.started > TIMEOUT:
                self.process.kill()
                raise SystemExit(f"bench-build: {self.name} took more than {TIMEOUT} s; see {self.log}")
            return False
        self.wall = time.perf_counter() - self.started
        self.cpu = usage.ru_utime + usage.ru_stime
        self.process.returncode = os.waitstatus_to_exitcode(status)
        if check and self.process.returncode:
            raise SystemExit(f"bench-build: {self.name} failed (exit {self.process.returncode}); its output:\n{self.output()[-3000:]}")
        return True

    def finish(self, check: bool = True) -> Run:
        """Wait for the child to end."""
        while not self.done(check):
            time.sleep(0.05)
        return self

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def seconds(self, pattern: str) -> float:
        """A duration the command printed on a line matching `pattern`, e.g. 'indexed ... (12.3 s)' or '(0.4 s; 1 changed...)'."""
        match = re.search(pattern + r".*\((\d+(?:\.\d+)?) s[;)]", self.output())
        if not match:
            raise SystemExit(f"bench-build: {self.name} printed no /{pattern}/ line; its output:\n{self.output()[-2000:]}")
        return float(match.group(1))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_until(test: Callable[[], bool], what: str, every: float = 0.2) -> float:
    """Seconds until `test()` is true."""
    start = time.perf_counter()
    while not test():
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"bench-build: gave up waiting for {what} after {TIMEOUT} s")
        time.sleep(every)
    return time.perf_counter() - start


def edited_article(corpus: Path) -> tuple[Path, str]:
    """A public English article of the corpus, and its address on the site."""
    for path in sorted((corpus / "docs" / "en").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.name != "index.md" and "audience: public" in text and "status: published" in text:
            return path, path.relative_to(corpus / "docs" / "en").with_suffix("").as_posix() + "/"
    raise SystemExit(f"bench-build: no public article in {corpus}/docs/en")


def serve_edit(serve: Run, port: int, corpus: Path) -> float:
    """Seconds from saving a change to an article until `kb serve` serves the page with it
    (the file is put back as it was afterwards)."""
    path, address = edited_article(corpus)
    page = f"http://127.0.0.1:{port}/{address}"
    before = fetch(page)
    if before is None:
        raise SystemExit(f"bench-build: kb serve does not serve {page}; see {serve.log}")
    token = f"bench-edit-{os.getpid()}-{int(time.time())}"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + f"\n\nEdited for the benchmark: {token}.\n", encoding="utf-8")
        return wait_until(lambda: token in (fetch(page) or ""), "kb serve to show the edited article")
    finally:
        path.write_text(original, encoding="utf-8")


def site_seconds(run: Run, audience: str) -> tuple[float, str]:
    """The seconds `kb build` printed for the audience's site, and how it was built."""
    match = re.search(rf"built the {audience} site in \S+ \((\d+(?:\.\d+)?) s; ([^)]*\)?)\)", run.output())
    if not match:
        raise SystemExit(f"bench-build: {run.name} printed no line for the {audience} site; its output:\n{run.output()[-2000:]}")
    return float(match.group(1)), match.group(2)


def rebuild_after_edit(kb: str, config: Path, corpus: Path, work: Path) -> Run:
    """`kb build` of both audiences after one article's body changed, REBUILDS times (each
    time another sentence, the article put back afterwards): the run of the median wall
    time, so that one run slowed by a shared machine does not make the figure."""
    path, _ = edited_article(corpus)
    original = path.read_text(encoding="utf-8")
    runs = []
    try:
        for number in range(REBUILDS):
            path.write_text(original + f"\n\nEdited for the benchmark: {os.getpid()}, edit {number + 1}.\n", encoding="utf-8")
            runs.append(Run("kb build after one edit", [kb, "-f", str(config), "build"],
                            work / f"rebuild-{number + 1}.log").start().finish())
    finally:
        path.write_text(original, encoding="utf-8")
    runs.sort(key=lambda run: run.wall)
    print(f"kb build after one edit, {REBUILDS} runs: {', '.join(f'{run.wall:.1f} s' for run in runs)}; the median is reported")
    return runs[len(runs) // 2]


def clean_builds(kb: str, config: Path, plain: Path, out: Path, work: Path) -> tuple[Run, Run]:
    """A plain `mkdocs build` of one audience, then a clean `kb build` of both, each alone on
    the machine, CLEAN_PAIRS times in turn: the runs of the median wall times (a shared
    machine slows a run by up to a third: one pair is not a measurement). The last `kb build`
    leaves the sites built."""
    plains, boths = [], []
    for number in range(1, CLEAN_PAIRS + 1):
        plains.append(Run("mkdocs build (plugins off), alone", [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain), "-d",
                                                                 str(out / "plain-alone")], work / f"plain-alone-{number}.log")
                      .start().finish())
        boths.append(Run("kb build (both audiences)", [kb, "-f", str(config), "build", "--clean"],
                         work / f"both-{number}.log").start().finish())
        print(f"  pair {number}: plain {plains[-1].wall:.1f} s, kb build of both audiences {boths[-1].wall:.1f} s "
              f"({boths[-1].wall / plains[-1].wall:.2f}x)", flush=True)
    median = len(plains) // 2
    return sorted(plains, key=lambda run: run.wall)[median], sorted(boths, key=lambda run: run.wall)[median]


def report_clean(both: Run, alone: Run, zensical: dict) -> None:
    """Print the clean build of both audiences against the plain build of one (medians)."""
    print(f"kb build of both audiences (parallel processes): {both.wall:.1f} s wall ({both.cpu:.1f} s CPU) against "
          f"{alone.wall:.1f} s for a plain mkdocs build of one, medians of {CLEAN_PAIRS} in turn "
          f"({both.wall / alone.wall:.2f}x; target: at most 1.00x)"
          + (f"; Zensical {zensical['clean']:.1f} s clean, {zensical['cached']:.1f} s cached." if zensical else "."))


def report_rebuild(clean: Run, rebuild: Run) -> float:
    """Print the rebuild against the clean build (both audiences); returns their ratio."""
    ratio = rebuild.wall / clean.wall
    print(f"kb build after one article's body was edited: {rebuild.wall:.1f} s wall ({rebuild.cpu:.1f} s CPU) against "
          f"{clean.wall:.1f} s for the clean build of both audiences before it ({100 * ratio:.1f} %; target: under "
          f"{100 * REBUILD_TARGET:.0f} %).")
    for audience in ("public", "internal"):
        (clean_site, _), (site, how) = site_seconds(clean, audience), site_seconds(rebuild, audience)
        if "(incremental)" not in how:
            raise SystemExit(f"bench-build: the rebuild of the {audience} site was not incremental: {how}")
        print(f"  {audience} site: {site:.1f} s, {how}, against {clean_site:.1f} s clean ({100 * site / clean_site:.1f} %)")
    return ratio


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench-build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-language", type=int, default=2000, help="articles per language (default 2000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="a corpus made by scripts/generate-corpus (default: generate one)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the built sites")
    parser.add_argument("--no-zensical", action="store_true", help="do not measure Zensical beside the builds")
    parser.add_argument("--incremental-only", action="store_true",
                        help="only a clean kb build of both audiences, then kb build after one edit")
    parser.add_argument("--clean-only", action="store_true",
                        help=f"only plain builds of one audience and clean kb builds of both, {CLEAN_PAIRS} of each in turn")
    args = parser.parse_args(argv)
    if args.per_language < 1:
        parser.error("--per-language must be at least 1")
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kb-bench-build-"))
    serve: Run | None = None
    try:
        corpus = args.corpus.resolve() if args.corpus else work / "corpus"
        if not args.corpus:
            made = Run("generate-corpus", [sys.executable, str(ROOT / "scripts" / "generate_corpus.py"), "--per-language",
                                           str(args.per_language), "--out", str(corpus), "--seed", str(args.seed)],
                       work / "generate.log").start().finish()
            print(f"corpus: {args.per_language} articles per language, generated in {made.wall:.1f} s", flush=True)
        config = corpus / "mkdocs.yml"
        plain = corpus / "mkdocs.plain.yml"
        plain.write_text(plain_config(config.read_text(encoding="utf-8")), encoding="utf-8")
        out = work / "site"
        kb = str(BIN / "kb")
        if args.clean_only:
            print(f"building: plain mkdocs build, then kb build of both audiences, {CLEAN_PAIRS} times ...", flush=True)
            alone, both = clean_builds(kb, config, plain, out, work)
            report_clean(both, alone, {})
            print(f"benchmark: {time.perf_counter() - began:.0f} s in all")
            return
        if args.incremental_only:
            print("building: kb build --clean of both audiences, then kb build after one edit ...", flush=True)
            clean = Run("kb build --clean (both audiences)", [kb, "-f", str(config), "build", "--clean"],
                        work / "both.log").start().finish()
            ratio = report_rebuild(clean, rebuild_after_edit(kb, config, corpus, work))
            print(f"benchmark: {time.perf_counter() - began:.0f} s in all")
            if ratio >= REBUILD_TARGET:
                sys.exit(1)
            return

        # kb serve works on its own copy of the corpus (its own site and index folders).
        served = work / "served"
        shutil.copytree(corpus, served, ignore=shutil.ignore_patterns(".kb", "site"))
        port = free_port()
        print("building: plain mkdocs build, kb build --audience internal and kb serve starting, side by side ...", flush=True)
        baseline = Run("mkdocs build (plugins off)", [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain), "-d", str(out / "plain")],
                       work / "plain.log").start()
        internal = Run("kb build --audience internal", [kb, "-f", str(config), "build", "--audience", "internal", "-d", str(out / "internal")],
                       work / "internal.log").start()
        serve = Run("kb serve", [kb, "-f", str(served / "mkdocs.yml"), "serve", "--audience", "internal", "--port", str(port)],
                    work / "serve.log").start()
        ready = None
        while not (baseline.done() and internal.done() and ready):
            if ready is None and fetch(f"http://127.0.0.1:{port}/_kb/version") not in (None, "0"):
                ready = time.perf_counter() - serve.started
            if serve.done(check=False):
                raise SystemExit(f"bench-build: kb serve stopped; its output:\n{serve.output()[-3000:]}")
            time.sleep(0.2)

        print("building: kb build --audience public, beside kb serve showing an edited article ...", flush=True)
        public = Run("kb build --audience public", [kb, "-f", str(config), "build", "--audience", "public", "-d", str(out / "public")],
                     work / "public.log").start()
        shown = serve_edit(serve, port, served)
        serve.process.send_signal(signal.SIGINT)
        serve.finish(check=False)
        serve = None
        public.finish()

        # `kb build` is the site, then its search index: the index alone tells their CPU time apart.
        index = Run("kb index --audience internal", [kb, "-f", str(config), "index", "--audience", "internal"],
                    work / "index.log").start().finish()
        # Both audiences at once (kb build runs them in parallel processes) against one plain
        # build, each alone on the machine, one after the other.
        print(f"building: plain mkdocs build alone, then kb build of both audiences alone, {CLEAN_PAIRS} times ...", flush=True)
        alone, both = clean_builds(kb, config, plain, out, work)
        rebuild = rebuild_after_edit(kb, config, corpus, work)
        zensical = {}
        if not args.no_zensical:
            import bench_zensical

            print("building: zensical build (clean, then cached), then zensical serve showing an edited article ...", flush=True)
            own = corpus / "mkdocs.zensical.yml"  # beside the docs, with its own site folder (a clean build empties it)
            own.write_text(re.sub(r"(?m)^site_dir:.*$", "site_dir: zensical-site", plain.read_text(encoding="utf-8")),
                           encoding="utf-8")
            zensical = bench_zensical.measure(corpus, own, work)
        site_wall = {run: run.wall - run.seconds("indexed") for run in (internal, public)}
        wall_ratio = site_wall[internal] / baseline.wall
        cpu_ratio = (internal.cpu - index.cpu) / baseline.cpu
        print()
        print(f"Site build of {args.per_language} articles per language, {os.cpu_count()} CPUs "
              f"(load average {os.getloadavg()[0]:.1f} at the end):")
        print(f"  {'command':<32} {'wall s':>7} {'site':>7} {'index':>7} {'CPU s':>7}")
        print(f"  {baseline.name:<32} {baseline.wall:7.1f} {baseline.wall:7.1f} {'':>7} {baseline.cpu:7.1f}")
        for run in (internal, public):
            print(f"  {run.name:<32} {run.wall:7.1f} {site_wall[run]:7.1f} {run.seconds('indexed'):7.1f} {run.cpu:7.1f}")
        print(f"  {index.name:<32} {index.wall:7.1f} {'':>7} {index.wall:7.1f} {index.cpu:7.1f}")
        print(f"The project's plugins add {100 * (cpu_ratio - 1):+.0f} % CPU time ({cpu_ratio:.2f}x) and "
              f"{100 * (wall_ratio - 1):+.0f} % wall time ({wall_ratio:.2f}x) to the plain build of the same pages "
              f"(kb build --audience internal, site only; target: at most +{100 * (TARGET - 1):.0f} %).")
        print(f"The public site (no internal or draft article) takes {site_wall[public] / baseline.wall:.2f}x the plain build's wall time.")
        beside = f"; zensical serve: {zensical['edit shown']:.1f} s" if zensical else ""
        print(f"kb serve: first build served after {ready:.1f} s; an edited article shown {shown:.1f} s after its file was saved "
              f"(target: within {1 if args.per_language <= 500 else 2} s){beside}.")
        report_clean(both, alone, zensical)
        rebuild_ratio = report_rebuild(both, rebuild)
        print(f"benchmark: {time.perf_counter() - began:.0f} s in all")
        if cpu_ratio > TARGET or rebuild_ratio >= REBUILD_TARGET:
            sys.exit(1)
    finally:
        if serve is not None and serve.process.poll() is None:
            serve.process.kill()
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
