"""Benchmark of `kb web`, the production server: requests per second, p50 and p95 latency at
1, 8 and 32 concurrent clients, each client a logged-in agent (its own user and session
cookie) asking a mix of internal pages (60 %), public pages (10 %) and internal searches
(30 %, agents' queries). The baseline, measured in the same run on the same built files, is
a bare server: the same uvicorn workers serving the same folders and search API with no
middleware at all (no login, headers, CSP, Host check, rate limit or access log).

Three corpora: the real articles; a generated one built as a site (--per-language, default
1,000: 2,000 articles; a 10,000-article site takes too long to build here); and the
generated 10,000-article corpus's search index (--search-per-language, default 5,000), its
search API alone. Loopback only; each run is bounded in time and in requests.

    scripts/bench-web [--seconds 12] [--clients 1,8,32] [--per-language 1000] [--search-per-language 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import aiohttp
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
PASSWORD = "benchmark password, long enough"
MAX_REQUESTS = 20000  # per run, whatever its length
TARGET_P95_MS = 50.0

BARE = """
import os, uvicorn
from pathlib import Path
from starlette.applications import Starlette
from starlette.routing import Mount, Router
from starlette.staticfiles import StaticFiles
from kb_app.search_api import search_routes
root = Path(os.environ["BENCH_ROOT"])
def app():
    index = lambda audience: root / ".kb" / "index" / audience
    internal = Router([*search_routes(index, ("internal",), ("en", "es")),
                       Mount("/", StaticFiles(directory=root / "site" / "internal", html=True))])
    return Starlette(routes=[*search_routes(index, ("public",), ("en", "es")), Mount("/internal", internal),
                             Mount("/", StaticFiles(directory=root / "site" / "public", html=True))])
"""


@dataclass
class Run:
    clients: int
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    kinds: dict[str, int]

    def line(self, name: str) -> str:
        lat = sorted(self.latencies)
        p50 = statistics.median(lat) * 1000 if lat else float("nan")
        p95 = lat[int(len(lat) * 0.95) - 1] * 1000 if lat else float("nan")
        return (f"  {name:<9} {self.clients:>3} clients  {self.requests / self.seconds:8.1f} req/s   p50 {p50:6.1f} ms   "
                f"p95 {p95:6.1f} ms   errors {self.errors}" + (f" ({self.kinds})" if self.kinds else ""))

    @property
    def p95(self) -> float:
        lat = sorted(self.latencies)
        return lat[int(len(lat) * 0.95) - 1] * 1000 if lat else float("inf")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kb(root: Path, *args: str, stdin: str | None = None) -> None:
    ran = subprocess.run([sys.executable, "-m", "kb_app.cli", "-f", str(root / "mkdocs.yml"), *args], cwd=root,
                         input=stdin, capture_output=True, text=True)
    if ran.returncode:
        raise SystemExit(f"bench-web: kb {' '.join(args)} failed:\n{ran.stdout}{ran.stderr}")


def wait_healthy(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench-web: the server stopped:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz").status_code in (200, 404):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"bench-web: the server did not start:\n{log.read_text()}")


def start(root: Path, bare: bool, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "KB_WEB_SECRET": "b" * 40, "BENCH_ROOT": str(root)}
    if bare:
        script = root / "bench_bare.py"
        script.write_text(BARE + f"\nif __name__ == '__main__':\n    uvicorn.run('bench_bare:app', factory=True, port={port}, "
                          f"workers={workers}, log_level='warning', access_log=False)\n")
        command = [sys.executable, str(script)]
        env["PYTHONPATH"] = str(root)
    else:
        command = [sys.executable, "-m", "kb_app.cli", "-f", str(root / "mkdocs.yml"), "web", "--port", str(port),
                   "--workers", str(workers), "--insecure-cookies", "--api-rate", "0"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, process, log)
    return process, base


def worker_rss_mb(parent: int) -> list[float]:
    """The resident memory of each worker process (the children of uvicorn's supervisor), MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(parent) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def site_paths(root: Path, audience: str) -> list[str]:
    text = (root / "site" / audience / "sitemap.xml").read_text(encoding="utf-8")
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", text)]


async def login(client: aiohttp.ClientSession, user: str) -> None:
    async with client.get("/login") as page:
        csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)
    form = {"user": user, "password": PASSWORD, "csrf": csrf, "next": "/internal/"}
    async with client.post("/login", data=form, allow_redirects=False) as answer:
        if answer.status != 303:
            raise SystemExit(f"bench-web: {user} could not log in ({answer.status})")


Pick = Callable[[random.Random], str]


def mixed(mix: list[tuple[float, list[str]]]) -> Pick:
    """Paths drawn from `mix`: (weight, paths) pairs."""
    weights = [weight for weight, _ in mix]
    return lambda rng: rng.choice(rng.choices(mix, weights)[0][1])


def fresh_searches(mix: list[tuple[float, list[str]]], prefix: str, words: list[str]) -> Pick:
    """As `mixed`, but each search is a new one: two or three of the agents' words, drawn at
    random (no answer of an earlier search can be reused)."""
    pick = mixed(mix)

    def fresh(rng: random.Random) -> str:
        path = pick(rng)
        if not path.startswith(prefix):
            return path
        return prefix + quote(" ".join(rng.sample(words, rng.choice((2, 3)))))

    return fresh


async def load(base: str, clients: int, seconds: float, pick: Pick, logged_in: bool, seed: int,
               pace: float | None = None, warm_up: float = 2.0) -> Run:
    """`clients` concurrent clients, each on its own connection, for `seconds` (after
    `warm_up` seconds of the same requests), bounded at MAX_REQUESTS; each asks again at once, or with `pace`,
    after a random pause averaging 1/pace seconds (agents at work, not a flood)."""
    latencies: list[float] = []
    kinds: dict[str, int] = {}  # what the failed requests got
    errors = 0
    count = 0

    async def one(number: int) -> None:
        nonlocal errors, count
        rng = random.Random(seed * 1000 + number)
        connector = aiohttp.TCPConnector(limit=1, force_close=False)
        jar = aiohttp.CookieJar(unsafe=True)  # cookies of an address (127.0.0.1), not a name
        async with aiohttp.ClientSession(base, connector=connector, cookie_jar=jar,
                                         timeout=aiohttp.ClientTimeout(total=60), auto_decompress=False) as client:
            if logged_in:
                await login(client, f"agent{number:02d}")
            warm_until = time.perf_counter() + warm_up
            while True:  # warm-up: the connection, the workers' caches (a server that has been running)
                try:
                    async with client.get(pick(rng)) as answer:
                        await answer.read()
                except aiohttp.ClientError:
                    pass  # a server too slow to warm up shows in the measured requests
                if time.perf_counter() > warm_until:
                    break
            ready.append(number)
            await started.wait()
            while not done.is_set() and count < MAX_REQUESTS:
                path = pick(rng)
                begin = time.perf_counter()
                try:
                    async with client.get(path, allow_redirects=False) as answer:
                        await answer.read()
                        ok = answer.status == 200
                    if not ok:
                        kinds[f"HTTP {answer.status}"] = kinds.get(f"HTTP {answer.status}", 0) + 1
                except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                    ok = False
                    kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
                if done.is_set():
                    break
                latencies.append(time.perf_counter() - begin)
                count += 1
                errors += not ok
                if pace:
                    await asyncio.sleep(rng.expovariate(pace))

    started, done = asyncio.Event(), asyncio.Event()
    ready: list[int] = []
    tasks = [asyncio.create_task(one(n)) for n in range(clients)]
    while len(ready) < clients:  # every client logged in and warmed up before the clock starts
        if any(task.done() for task in tasks):
            await asyncio.gather(*tasks)  # a client failed: its error
        await asyncio.sleep(0.05)
    began = time.perf_counter()
    started.set()
    while time.perf_counter() - began < seconds and count < MAX_REQUESTS:
        await asyncio.sleep(0.05)
    done.set()
    elapsed = time.perf_counter() - began
    await asyncio.gather(*tasks)
    return Run(clients, count, errors, elapsed, latencies, kinds)


def queries() -> list[str]:
    import yaml

    return [item["q"] for item in yaml.safe_load((ROOT / "eval" / "queries.yaml").read_text(encoding="utf-8"))]


def agent_words() -> list[str]:
    """The words of the agents' queries, for searches made up of them."""
    return sorted({word for query in queries() for word in query.split() if len(word) > 2})


def measure(name: str, root: Path, mix: list[tuple[float, list[str]]], args: argparse.Namespace, runs: list,
            search_prefix: str = "/internal/api/search?q=") -> None:
    """Each number of clients against kb web, then against the bare server; at the most
    clients, also paced agents and (kb web) every search a new one."""
    print(f"\n{name}")
    words = agent_words()
    for bare in (False, True):
        log = root / ("bare.log" if bare else "web.log")
        process, base = start(root, bare, args.workers, log)
        label = "bare" if bare else "kb web"
        try:
            for clients in args.clients:
                run = asyncio.run(load(base, clients, args.seconds, mixed(mix), not bare, args.seed))
                print(run.line(label), flush=True)
                runs.append((name, label, run))
            most = max(args.clients)
            if args.pace:
                run = asyncio.run(load(base, most, args.seconds, mixed(mix), not bare, args.seed, args.pace))
                print(run.line(label) + f"   (paced: {args.pace:g} requests a second per client)", flush=True)
                runs.append((name, f"{label}, paced", run))
            if not bare:
                run = asyncio.run(load(base, most, args.seconds, fresh_searches(mix, search_prefix, words), True,
                                       args.seed))
                print(run.line(label) + "   (every search a new one: no answer kept from an earlier one)", flush=True)
                runs.append((name, f"{label}, new searches", run))
                rss = worker_rss_mb(process.pid)
                print(f"  kb web workers' memory after the runs: {', '.join(f'{mb:.0f} MB' for mb in rss)}")
        finally:
            stop(process)


def cpu_per_request(root: Path, pick: Pick, count: int, seed: int) -> tuple[float, float]:
    """CPU milliseconds per request (all threads of this process), the same requests driven
    straight through the ASGI app, of kb web's app (logged in) and of the bare app: what a
    request costs the server whatever the machine's load, with no client or network."""
    import contextlib
    import importlib.util
    import io

    from starlette.testclient import TestClient

    from kb_app.web.app import create_app
    from kb_app.web.config import WebConfig
    from kb.search.index import index_root

    spec = importlib.util.spec_from_loader("bench_bare", loader=None)
    bare_module = importlib.util.module_from_spec(spec)
    os.environ["BENCH_ROOT"] = str(root)
    exec(BARE, bare_module.__dict__)
    config = WebConfig(public_site=root / "site" / "public", internal_site=root / "site" / "internal",
                       index_root=index_root(root), users_file=root / ".kb" / "users.json", secret="c" * 40,
                       secure_cookies=False, api_rate=0, state_dir=root / ".kb", access_log=True)
    web_app = create_app(config)
    import warnings

    warnings.filterwarnings("ignore", module="starlette.testclient")
    with contextlib.redirect_stdout(io.StringIO()), TestClient(web_app, base_url="http://127.0.0.1") as client:
        page = client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        client.post("/login", data={"user": "agent00", "password": PASSWORD, "csrf": csrf, "next": "/internal/"},
                    follow_redirects=False)
        cookie = f"kb_session={client.cookies['kb_session']}".encode()
    rng = random.Random(seed)
    paths = [pick(rng) for _ in range(count)]

    async def drive(app) -> float:  # noqa: ANN001
        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start" and message["status"] != 200:
                raise SystemExit(f"bench-web: {message['status']} in the CPU run")

        for warm in (True, False):
            began = time.process_time()
            for path in paths[:50] if warm else paths:
                route, _, query = path.partition("?")
                scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1", "method": "GET",
                         "scheme": "http", "path": route, "raw_path": route.encode(), "root_path": "",
                         "query_string": query.encode(), "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 80),
                         "headers": [(b"host", b"127.0.0.1"), (b"cookie", cookie), (b"accept", b"*/*")]}
                await app(scope, receive, send)
        return (time.process_time() - began) * 1000 / len(paths)

    with contextlib.redirect_stdout(io.StringIO()):  # the access log's lines
        web_ms = asyncio.run(drive(web_app))
    bare_ms = asyncio.run(drive(bare_module.app()))
    return web_ms, bare_ms


def project_copy(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("docs", "data"):
        shutil.copytree(source / name, target / name)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


def add_agents(root: Path, count: int) -> None:
    from kb_app.users import add_user

    for number in range(count):
        add_user(root / ".kb" / "users.json", f"agent{number:02d}", PASSWORD)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-web", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="measured seconds per run (default 12)")
    parser.add_argument("--clients", type=lambda s: [int(n) for n in s.split(",")], default=[1, 8, 32])
    parser.add_argument("--workers", type=int, default=2, help="kb web worker processes (default 2)")
    parser.add_argument("--per-language", type=int, default=1000,
                        help="generated articles per language built as a site (0: the real articles only)")
    parser.add_argument("--search-per-language", type=int, default=5000,
                        help="generated articles per language for the search-only run (0: skip it)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pace", type=float, default=2.0,
                        help="also a run of the most clients, each asking this many times a second on average (0: none)")
    parser.add_argument("--cpu-requests", type=int, default=2000, help="requests of the CPU-time run (default 2000)")
    args = parser.parse_args(argv)
    from generate_corpus import generate

    load_now = os.getloadavg()[0]
    print(f"bench-web: {os.cpu_count()} cores, load average {load_now:.2f} at start; {args.workers} workers, "
          f"{args.seconds:.0f} s per run; the API rate limit is off (one load-generating client asks far more than an agent)")
    runs: list = []
    searches = [f"/internal/api/search?q={quote(q)}" for q in queries()]
    words = agent_words()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        real = project_copy(ROOT, Path(tmp) / "real")
        began = time.perf_counter()
        kb(real, "build", "--web")
        print(f"real articles: built both sites for kb web in {time.perf_counter() - began:.0f} s")
        add_agents(real, max(args.clients))
        mix = [(0.6, site_paths(real, "internal")), (0.1, site_paths(real, "public")), (0.3, searches)]
        for what, pick in (("agents' searches", mixed(mix)),
                           ("every search new", fresh_searches(mix, "/internal/api/search?q=", words))):
            web_ms, bare_ms = cpu_per_request(real, pick, args.cpu_requests, args.seed)
            print(f"real articles, CPU per request ({what}; the same {args.cpu_requests} requests through the app, "
                  f"no network): kb web {web_ms:.2f} ms, bare {bare_ms:.2f} ms ({web_ms / bare_ms:.2f}x): "
                  f"{1000 / web_ms:.0f} requests a second per core")
        measure(f"real articles: {len(site_paths(real, 'internal'))} internal pages, "
                f"{len(site_paths(real, 'public'))} public, {len(searches)} queries", real, mix, args, runs)

        if not args.per_language:
            return report(runs)
        corpus = Path(tmp) / "corpus"
        generate(args.per_language, corpus, args.seed)
        began = time.perf_counter()
        kb(corpus, "build", "--web")
        print(f"\ngenerated corpus: {2 * args.per_language} articles, both sites built in {time.perf_counter() - began:.0f} s")
        add_agents(corpus, max(args.clients))
        mix = [(0.6, site_paths(corpus, "internal")), (0.1, site_paths(corpus, "public")), (0.3, searches)]
        measure(f"generated corpus: {2 * args.per_language} articles (pages + search)", corpus, mix, args, runs)

        if args.search_per_language:
            big = Path(tmp) / "big"
            generate(args.search_per_language, big, args.seed)
            began = time.perf_counter()
            kb(big, "index")
            print(f"\ngenerated corpus: {2 * args.search_per_language} articles indexed in {time.perf_counter() - began:.0f} s "
                  "(its site is not built: the pages served are the smaller corpus's)")
            (big / "site").symlink_to(corpus / "site")
            add_agents(big, max(args.clients))
            measure(f"generated corpus: {2 * args.search_per_language} articles (search API only)", big,
                    [(1.0, searches)], args, runs)

    return report(runs)


def report(runs: list) -> int:
    """The verdict: no failed request, and the target at 32 clients on the real articles."""
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end (the machine is shared: figures vary with it)")
    real_32 = [run for name, label, run in runs if name.startswith("real") and label == "kb web" and run.clients == 32]
    failed = sum(run.errors for _, _, run in runs)
    if failed:
        print(f"bench-web: {failed} requests failed")
        return 1
    if real_32:
        verdict = "met" if real_32[0].p95 < TARGET_P95_MS else "NOT met"
        print(f"target p95 < {TARGET_P95_MS:.0f} ms at 32 clients on the real articles: {verdict} ({real_32[0].p95:.1f} ms)")
        return 0 if real_32[0].p95 < TARGET_P95_MS else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
