"""`kb build`: build each audience's site in its own folder, then its search index."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from kb.settings import Settings
from kb.swap import swap_in
from kb.vocabulary import Audience
from kb_app.commands.index import index_audiences
from kb_app.web.config import INTERNAL_PREFIX
from kb_mkdocs.site import BuildFailed, build_site

STALE_SECONDS = 3600  # a build folder older than this, and not shown, was left by a killed build


def build_one(config_file: Path, audience: str, target: Path, web: bool = False) -> float:
    """Build the site of `audience` into `target` (strict); a failure is a one-line error.
    `web`: the internal site as `kb web` serves it, under /internal/ with its search API."""
    for_web = web and audience == Audience.INTERNAL
    try:
        return build_site(config_file, audience, target, search_api=for_web,
                          base_path=f"{INTERNAL_PREFIX}/" if for_web else None)
    except BuildFailed as exc:
        raise click.ClickException(str(exc)) from None


def build_atomically(config_file: Path, audience: str, target: Path, web: bool = False) -> float:
    """Build the site in a new folder beside `target` and swap it in only when the build
    succeeded: a failed build leaves the previous site exactly as it was, and no partial
    output (a deploy script never uploads half a site). `target` becomes a symlink to the
    hidden folder of the last good build. The build shown before stays on disk for the
    requests still reading it (a server never fails a request during the swap); older ones
    are removed."""
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    umask = os.umask(0o022)
    os.umask(umask)
    fresh.chmod(0o777 & ~umask)  # as a plain mkdir makes it: a web server must read it (mkdtemp gives 0700)
    try:
        seconds = build_one(config_file, audience, fresh, web)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    built = fresh.with_name(fresh.name.replace(".build-", ".built-", 1))  # complete: never a build under way
    os.replace(fresh, built)
    previous = swap_in(target, built)
    for old in [*target.parent.glob(f".{target.name}.built-*"), *target.parent.glob(f".{target.name}.replaced-*")]:
        if old not in (built, previous):
            shutil.rmtree(old, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.build-*"):  # left by a build that was killed
        if time.time() - stale.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(stale, ignore_errors=True)
    return seconds


def index_lines(settings: Settings, audiences: list[str]) -> Iterator[str]:
    """Build the index of each audience; a line each, saying what was indexed."""
    for report in index_audiences(settings, audiences):
        per_language = ", ".join(f"{lang} {count}" for lang, count in sorted(report.languages.items()))
        yield (f"indexed {report.documents} {report.audience} pages ({per_language}) for search in "
               f"{settings.display(report.path.parent)}/{report.audience} ({report.seconds:.1f} s)")


def build_audience(config_file: Path, settings: Settings, audience: str, target: Path, web: bool = False) -> list[str]:
    """Build one audience's site into `target` (atomically), then its index; a line a step."""
    seconds = build_atomically(config_file, audience, target, web)
    return [f"built the {audience} site in {settings.display(target.parent)}/{target.name} ({seconds:.1f} s)",
            *index_lines(settings, [audience])]


def build_sites(config_file: Path, settings: Settings, audiences: list[str], site_dir: Path | None,
                web: bool = False) -> Iterator[str]:
    """Build each audience's site (in `site_dir`, or site/<audience>) and its index; a line a
    step. Two audiences are built at once, each in a process of its own (a MkDocs build is
    one busy core, and its audience is read from the environment)."""
    targets = {audience: site_dir or settings.site_dir / audience for audience in audiences}
    if len(audiences) == 1 or (os.cpu_count() or 1) == 1:
        for audience in audiences:
            yield from build_audience(config_file, settings, audience, targets[audience], web)
        return
    with ProcessPoolExecutor(max_workers=len(audiences), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {audience: pool.submit(build_audience, config_file, settings, audience, targets[audience], web)
                   for audience in audiences}
        failed = []
        for audience, future in futures.items():
            try:
                yield from future.result()
            except click.ClickException as exc:
                failed.append(exc.format_message())
        if failed:
            raise click.ClickException("; ".join(failed))
