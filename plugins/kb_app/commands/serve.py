"""`kb serve`: build the site aside, serve it with its search API, and rebuild and swap it in
when a source file changes (the page reloads itself). An edit to an article's body renders
only that article's pages again, in a copy of the build, swapped in the same way."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from kb.analytics.store import AnalyticsStore, database_path
from kb.edits import Fronts
from kb.settings import Settings
from kb.swap import swap_in
from kb.vocabulary import Audience
from kb_mkdocs.session import SiteSession
from kb_mkdocs.site import BuildFailed


class LiveSite:
    """Builds aside and swaps: the server always has a complete build to show."""

    def __init__(self, config_file: Path, settings: Settings, audience: str) -> None:
        self.config_file = config_file
        self.settings = settings
        self.audience = audience
        self.root = settings.site_dir / f".serve-{audience}"
        self.current = self.root / "current"
        self.version = "0"
        self.stale = False  # showing an earlier run's build while the first one runs
        if self.current.exists():  # number the builds after that one, never over it
            self.version = os.path.realpath(self.current).rpartition("-")[2]
        self._lock = threading.Lock()
        self.session = SiteSession(config_file, audience)
        self.fronts: Fronts | None = None  # the articles' front matter as the last full build read it
        self._index_wanted = threading.Event()
        self._indexer: threading.Thread | None = None

    def rebuild(self, changed: set[Path] | None = None) -> None:
        """Show the sources as they are now: the pages of `changed` articles rendered again
        if only their bodies changed, else the whole site built again."""
        with self._lock:
            number = int(self.version) + 1
            target = self.root / f"build-{number}"
            shutil.rmtree(target, ignore_errors=True)
            edited = self.fronts.body_edits(changed) if changed and self.fronts and self.current.exists() else None
            if edited and self._render(edited, target, number):
                return
            try:
                seconds = self.session.build(target)
            except BuildFailed as exc:
                print(f"kb serve: {exc}; still showing the last good build", flush=True)
                return
            self.fronts = Fronts(self.settings.docs_dir)
            self._show(target, number)
            print(f"kb serve: built the {self.audience} site in {seconds:.1f} s", flush=True)
            self._reindex()

    def _render(self, edited: set[Path], target: Path, number: int) -> bool:
        """Render the pages of the articles whose body was `edited` into a copy of the build
        shown; False if they cannot be (the caller builds everything)."""
        start = time.perf_counter()
        try:
            count = self.session.render(edited, Path(os.path.realpath(self.current)), target)
        except BuildFailed as exc:
            print(f"kb serve: {exc}; building the whole site", flush=True)
            shutil.rmtree(target, ignore_errors=True)
            return False
        self._show(target, number)
        names = ", ".join(sorted(self.settings.display(path) for path in edited))
        print(f"kb serve: rendered {count} pages of {names} again in {time.perf_counter() - start:.1f} s", flush=True)
        self._reindex_later()
        return True

    def _reindex_later(self) -> None:
        """Index again in the background, in a `kb index` process of its own: the next edit
        is rendered without waiting for the index of this one, nor sharing this process's
        interpreter lock with it (edits in a row are indexed once)."""
        self._index_wanted.set()
        if self._indexer is None:
            def loop() -> None:
                while True:
                    self._index_wanted.wait()
                    self._index_wanted.clear()
                    ran = subprocess.run([sys.executable, "-m", "kb_app.cli", "-f", str(self.config_file), "index",
                                          "--audience", self.audience], capture_output=True, text=True)
                    for line in (ran.stdout + ran.stderr).splitlines():
                        print(f"kb serve: {line.removeprefix('kb: ')}", flush=True)

            self._indexer = threading.Thread(target=loop, daemon=True)
            self._indexer.start()

    def _show(self, target: Path, number: int) -> None:
        """Swap the build `target` in, remove the older ones, and tell the pages to reload."""
        swap_in(self.current, target)
        self.version = str(number)  # first: the pages reload while the old builds are removed
        for old in self.root.glob("build-*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)

    def rebuild_safely(self, changed: set[Path] | None = None) -> None:
        """`rebuild`, surviving any error: its cause is printed, the last good build stays
        served, and the next change is built again (the watcher must never stop)."""
        try:
            self.rebuild(changed)
        except Exception as exc:  # noqa: BLE001 - whatever a plugin or the disk raises
            where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
            print(f"kb serve: the rebuild failed ({type(exc).__name__}: {exc}{at}); "
                  "still showing the last good build; waiting for the next change", flush=True)

    def _reindex(self) -> None:
        """The search index of the build just shown (the API swaps to it on its next search)."""
        from kb.catalog import load_catalog
        from kb.search.index import build_index

        catalog = load_catalog(self.settings)
        if catalog.errors:
            listing = "".join(f"\n  {problem}" for problem in catalog.errors[:5])
            print(f"kb serve: the search index was not rebuilt: {len(catalog.errors)} article error(s) "
                  f"(run 'kb check' for the list):{listing}", flush=True)
            return
        report = build_index(catalog, self.audience)
        print(f"kb serve: indexed {report.documents} pages for search in {report.seconds:.1f} s", flush=True)


def _watch(site: LiveSite, paths: list[Path]):  # noqa: ANN202 - watchdog's Observer, imported here
    """Rebuild when a watched file changes, once the changes have settled; returns the
    observer (running until the process ends, or until stopped)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    touched: set[Path] = set()  # the files changed since the last rebuild
    touched_lock = threading.Lock()
    reads = ("opened", "closed_no_write")  # every build reads the docs (watchdog 4+ reports it): not a change

    class Handler(FileSystemEventHandler):
        def __init__(self, only: Path | None) -> None:
            self.only = only  # a single watched file in its folder, or None for a whole folder

        def on_any_event(self, event) -> None:  # noqa: ANN001 - watchdog's event type
            source = Path(str(event.src_path))
            if event.event_type in reads or event.is_directory or source.name.startswith("."):
                return
            if self.only is None or source == self.only:
                with touched_lock:
                    touched.update(Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p)
                changed.set()

    observer = Observer()
    for path in (p.resolve() for p in paths):
        if path.exists():
            folder = path if path.is_dir() else path.parent
            observer.schedule(Handler(None if path.is_dir() else path), str(folder), recursive=path.is_dir())
    observer.daemon = True
    observer.start()

    def loop() -> None:
        while True:
            changed.wait()
            time.sleep(0.3)
            changed.clear()
            with touched_lock:
                batch = set(touched)
                touched.clear()
            site.rebuild_safely(batch)

    threading.Thread(target=loop, daemon=True).start()
    return observer


def open_analytics(settings: Settings) -> AnalyticsStore:
    """The project's analytics store (created or migrated, old rows purged), or a clear exit."""
    from kb.analytics.migrations import NewerDatabase

    path = database_path(settings.root)
    try:
        return AnalyticsStore(path, settings.analytics_days)
    except ValueError as exc:  # a retention below one day
        raise SystemExit(f"kb serve: mkdocs.yml, kb-articles: analytics_retention_days: {exc}") from None
    except (NewerDatabase, sqlite3.Error) as exc:
        raise SystemExit(f"kb serve: {settings.display(path)}: {exc}") from None


def serve_site(config_file: Path, settings: Settings, audience: str, host: str, port: int,
               allowed_hosts: tuple[str, ...] = ()) -> None:
    """Build, serve at http://host:port/, and rebuild on every change to the sources."""
    import uvicorn

    from kb.search.index import index_root
    from kb_app.analytics_api import analytics_routes, default_rate, SearchRecorder
    from kb_app.leads_page import leads_routes
    from kb_app.search_api import search_routes
    from kb_app.suggest_api import suggest_routes
    from kb_app.server import create_app

    site = LiveSite(config_file, settings, audience)
    site.root.mkdir(parents=True, exist_ok=True)
    if site.current.exists() and site.version.isdigit():
        site.stale = True  # served at once, with a notice, until the first build is swapped in
        print("kb serve: showing the last build while the site is built again", flush=True)

        def first_build() -> None:
            site.rebuild_safely()
            site.stale = False

        threading.Thread(target=first_build, daemon=True).start()
    else:
        site.rebuild_safely()
        if not site.current.exists():
            raise SystemExit("kb serve: the site could not be built; fix the errors above and run it again")
    _watch(site, [settings.docs_dir, settings.taxonomy.parent, config_file])
    store, rate = open_analytics(settings), default_rate()
    index_of = lambda name: index_root(settings.root) / name  # noqa: E731 - the audience's index folder
    routes = [*search_routes(index_of, (audience,), settings.languages, record=SearchRecorder(store, rate)),
              *suggest_routes(index_of, (audience,), settings.languages),
              *analytics_routes(store, (audience,), settings.languages, rate)]
    if audience == Audience.INTERNAL:  # the leads' page: never on the merchants' server
        routes += leads_routes(store, settings.languages)
    app = create_app(site.current, lambda: "building" if site.stale else site.version, routes, allowed_hosts=allowed_hosts)
    print(f"kb serve: serving the {audience} site at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
