"""`kb serve`: build the site aside, serve it with its search API, and rebuild and swap it in
when a source file changes (the page reloads itself)."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
import traceback
from pathlib import Path

from kb.analytics.store import AnalyticsStore, database_path
from kb.settings import Settings
from kb.swap import swap_in
from kb.vocabulary import Audience
from kb_mkdocs.site import BuildFailed, build_site


class LiveSite:
    """Builds aside and swaps: the server always has a complete build to show."""

    def __init__(self, config_file: Path, settings: Settings, audience: str) -> None:
        self.config_file = config_file
        self.settings = settings
        self.audience = audience
        self.root = settings.site_dir / f".serve-{audience}"
        self.current = self.root / "current"
        self.version = "0"
        self._lock = threading.Lock()

    def rebuild(self) -> None:
        with self._lock:
            number = int(self.version) + 1
            target = self.root / f"build-{number}"
            shutil.rmtree(target, ignore_errors=True)
            try:
                seconds = build_site(self.config_file, self.audience, target, strict=False, live_reload=True, search_api=True)
            except BuildFailed as exc:
                print(f"kb serve: {exc}; still showing the last good build", flush=True)
                return
            swap_in(self.current, target)
            for old in self.root.glob("build-*"):
                if old != target:
                    shutil.rmtree(old, ignore_errors=True)
            self.version = str(number)
            print(f"kb serve: built the {self.audience} site in {seconds:.1f} s", flush=True)
            self._reindex()

    def rebuild_safely(self) -> None:
        """`rebuild`, surviving any error: its cause is printed, the last good build stays
        served, and the next change is built again (the watcher must never stop)."""
        try:
            self.rebuild()
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
            print("kb serve: the search index was not rebuilt (run 'kb check')", flush=True)
            return
        report = build_index(catalog, self.audience)
        print(f"kb serve: indexed {report.documents} pages for search in {report.seconds:.1f} s", flush=True)


def _watch(site: LiveSite, paths: list[Path]):  # noqa: ANN202 - watchdog's Observer, imported here
    """Rebuild when a watched file changes, once the changes have settled; returns the
    observer (running until the process ends, or until stopped)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    reads = ("opened", "closed_no_write")  # every build reads the docs (watchdog 4+ reports it): not a change

    class Handler(FileSystemEventHandler):
        def __init__(self, only: Path | None) -> None:
            self.only = only  # a single watched file in its folder, or None for a whole folder

        def on_any_event(self, event) -> None:  # noqa: ANN001 - watchdog's event type
            source = Path(str(event.src_path))
            if event.event_type in reads or event.is_directory or source.name.startswith("."):
                return
            if self.only is None or source == self.only:
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
            site.rebuild_safely()

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
    from kb.catalog import load_catalog
    from kb_app.analytics_api import analytics_routes, default_rate, search_recorder
    from kb_app.leads_page import leads_routes
    from kb_app.search_api import search_routes
    from kb_app.suggest_api import suggest_routes
    from kb_app.server import create_app

    site = LiveSite(config_file, settings, audience)
    site.root.mkdir(parents=True, exist_ok=True)
    site.rebuild_safely()
    if not site.current.exists():
        raise SystemExit("kb serve: the site could not be built; fix the errors above and run it again")
    _watch(site, [settings.docs_dir, settings.taxonomy.parent, config_file])
    store, rate = open_analytics(settings), default_rate()
    index_of = lambda name: index_root(settings.root) / name  # noqa: E731 - the audience's index folder
    routes = [*search_routes(index_of, (audience,), settings.languages, record=search_recorder(store, rate)),
              *suggest_routes(index_of, (audience,), settings.languages, lambda: load_catalog(settings)),
              *analytics_routes(store, (audience,), settings.languages, rate)]
    if audience == Audience.INTERNAL:  # the leads' page: never on the merchants' server
        routes += leads_routes(store, settings.languages)
    app = create_app(site.current, lambda: site.version, routes, allowed_hosts=allowed_hosts)
    print(f"kb serve: serving the {audience} site at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
