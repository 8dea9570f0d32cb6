"""`kb build`: build each audience's site in its own folder, then its search index."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from kb.build_manifest import Manifest, manifest_path, read_manifest, write_manifest
from kb.catalog import Catalog
from kb.memo import cache_root
from kb.settings import Settings
from kb.swap import swap_in
from kb.vocabulary import Audience
from kb_app.commands.index import index_audiences
from kb_app.web.config import INTERNAL_PREFIX
from kb_mkdocs.site import Build, BuildFailed, build_site

STALE_SECONDS = 3600  # a build folder older than this, and not shown, was left by a killed build


def build_one(config_file: Path, audience: str, target: Path, web: bool = False, previous: Manifest | None = None,
              previous_dir: Path | None = None) -> Build:
    """Build the site of `audience` into `target` (strict); a failure is a one-line error.
    `web`: the internal site as `kb web` serves it, under /internal/ with its search API.
    `previous`, `previous_dir`: the last good build, whose unchanged pages are reused."""
    for_web = web and audience == Audience.INTERNAL
    try:
        return build_site(config_file, audience, target, search_api=for_web,
                          base_path=f"{INTERNAL_PREFIX}/" if for_web else None,
                          previous=previous, previous_dir=previous_dir)
    except BuildFailed as exc:
        raise click.ClickException(str(exc)) from None


def last_good_build(target: Path) -> tuple[Manifest | None, Path | None]:
    """The manifest of the build `target` shows, and its folder; (None, None) when there is
    none or the manifest describes another build (a build swapped in by hand, or killed
    between its swap and its manifest)."""
    if not target.is_symlink():
        return None, None
    shown = Path(os.path.realpath(target))
    manifest = read_manifest(manifest_path(target))
    if manifest is None or manifest.build != shown.name or not shown.is_dir():
        return None, None
    return manifest, shown


def build_atomically(config_file: Path, audience: str, target: Path, web: bool = False, clean: bool = False) -> Build:
    """Build the site in a new folder beside `target` and swap it in only when the build
    succeeded: a failed build leaves the previous site exactly as it was, and no partial
    output (a deploy script never uploads half a site). `target` becomes a symlink to the
    hidden folder of the last good build. The build shown before stays on disk for the
    requests still reading it (a server never fails a request during the swap); older ones
    are removed while this build runs (their files are many, and removing them is mostly
    waiting on the disk: it overlaps the build's work). Unless `clean`, the pages whose
    inputs did not change since that build are hard links to its files
    (kb_mkdocs.incremental); the manifest saying what this build was made of is written
    beside `target` once it is shown."""
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    previous, previous_dir = (None, None) if clean else last_good_build(target)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    umask = os.umask(0o022)
    os.umask(umask)
    fresh.chmod(0o777 & ~umask)  # as a plain mkdir makes it: a web server must read it (mkdtemp gives 0700)
    # The build shown now became current a whole build ago: the one before it is read by no
    # request any more, and goes with the older ones.
    shown = Path(os.path.realpath(target)) if target.is_symlink() else None
    remover = threading.Thread(target=remove_old_builds, args=(target, {shown, fresh}), name="kb-remove-old-builds")
    remover.start()
    try:
        result = build_one(config_file, audience, fresh, web, previous, previous_dir)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        remover.join()
    built = fresh.with_name(fresh.name.replace(".build-", ".built-", 1))  # complete: never a build under way
    os.replace(fresh, built)
    previous_shown = swap_in(target, built)
    result.manifest.build = built.name
    write_manifest(manifest_path(target), result.manifest)
    remove_old_builds(target, {built, previous_shown})  # a real folder swapped aside, a build of another run
    if clean:
        result.full_because = "--clean"
    return result


def remove_old_builds(target: Path, keep: set[Path | None]) -> None:
    """Remove the finished builds beside `target` but those in `keep`, and the builds that
    were killed (unfinished, older than STALE_SECONDS)."""
    for old in [*target.parent.glob(f".{target.name}.built-*"), *target.parent.glob(f".{target.name}.replaced-*")]:
        if old not in keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.build-*"):
        try:
            if stale not in keep and time.time() - stale.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
        except FileNotFoundError:  # removed meanwhile by another build
            continue


def how_built(result: Build) -> str:
    """'rebuilt 3 of 812 pages (incremental)', or every page and why."""
    if result.full_because is None:
        return f"rebuilt {result.rendered} of {result.pages} pages (incremental)"
    return f"built all {result.pages} pages: {result.full_because}"


def index_lines(settings: Settings, audiences: list[str], catalog: Catalog | None = None,
                whole: bool = False) -> Iterator[str]:
    """Build the index of each audience (of `catalog`, as the site build read the articles,
    else read now; `whole`: nothing taken from the last index); a line each, saying what was
    indexed."""
    for report in index_audiences(settings, audiences, catalog, whole):
        per_language = ", ".join(f"{lang} {count}" for lang, count in sorted(report.languages.items()))
        kept = "" if report.rewritten is None else f"; {report.rewritten} changed, the others kept from the last index"
        yield (f"indexed {report.documents} {report.audience} pages ({per_language}) for search in "
               f"{settings.display(report.path.parent)}/{report.audience} ({report.seconds:.1f} s{kept})")


def build_audience(config_file: Path, settings: Settings, audience: str, target: Path, web: bool = False,
                   clean: bool = False) -> list[str]:
    """Build one audience's site into `target` (atomically), then its index; a line a step."""
    result = build_atomically(config_file, audience, target, web, clean)
    return [f"built the {audience} site in {settings.display(target.parent)}/{target.name} ({result.seconds:.1f} s; "
            f"{how_built(result)})",
            *index_lines(settings, [audience], result.catalog, whole=clean)]


def start_method() -> multiprocessing.context.BaseContext:
    """How the audiences' processes start: forked where that is safe (POSIX, and this
    process runs one thread, as the `kb` command does), so that each starts with the modules
    already loaded here (about 0.8 s of imports a process: the catalog, checks, index
    builder); spawned otherwise (a fork of a process running threads can deadlock)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def build_sites(config_file: Path, settings: Settings, audiences: list[str], site_dir: Path | None,
                web: bool = False, clean: bool = False) -> Iterator[str]:
    """Build each audience's site (in `site_dir`, or site/<audience>) and its index; a line a
    step. Two audiences are built at once, each in a process of its own (a MkDocs build is
    one busy core, and its audience is read from the environment)."""
    targets = {audience: site_dir or settings.site_dir / audience for audience in audiences}
    if clean:  # nothing kept from earlier runs: every result computed again
        shutil.rmtree(cache_root(settings.root), ignore_errors=True)
    if len(audiences) == 1 or (os.cpu_count() or 1) == 1:
        for audience in audiences:
            yield from build_audience(config_file, settings, audience, targets[audience], web, clean)
        return
    with ProcessPoolExecutor(max_workers=len(audiences), mp_context=start_method()) as pool:
        futures = {audience: pool.submit(build_audience, config_file, settings, audience, targets[audience], web, clean)
                   for audience in audiences}
        failed = []
        for audience, future in futures.items():
            try:
                yield from future.result()
            except click.ClickException as exc:
                failed.append(exc.format_message())
        if failed:
            raise click.ClickException("; ".join(failed))
