"""What the last good build of a site was made from, so that the next `kb build` renders
again only the pages whose inputs changed: a digest of each input every page depends on
(the configuration, templates, data files, the articles' front matter and file list, the
plugins' code...) and, per page, the digest of its source, its title (other pages' menus
show it) and its entries in the built-in search index (the index is written whole).

Kept beside the site's folder (`.<site>.kb-build.json`), not in it: nothing of it is
served or uploaded with the site, and it names the build it describes, so a manifest that
does not match the build shown is never used."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.atomic import write_atomic

VERSION = 1
_FRONT_MATTER = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)


@dataclass
class Manifest:
    """The inputs of one build (name -> digest) and its pages (output path -> what it was made of)."""

    build: str
    inputs: dict[str, str]
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)

    def changed_input(self, inputs: dict[str, str]) -> str | None:
        """The first input that differs from `inputs` (a reason for a full build), or None."""
        for name in sorted(set(self.inputs) | set(inputs)):
            if self.inputs.get(name) != inputs.get(name):
                return name
        return None


def manifest_path(target: Path) -> Path:
    """Where the manifest of the site published at `target` is kept."""
    return target.with_name(f".{target.name}.kb-build.json")


def read_manifest(path: Path) -> Manifest | None:
    """The manifest at `path`, or None if there is none or it cannot be used (damaged,
    another version): the next build is then a full one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        build, inputs, pages = data["build"], data["inputs"], data["pages"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not (isinstance(build, str) and isinstance(inputs, dict) and isinstance(pages, dict)
            and all(isinstance(value, str) for value in inputs.values())
            and all(isinstance(page, dict) and isinstance(page.get("source"), str)
                    and isinstance(page.get("search", []), list) for page in pages.values())):
        return None
    return Manifest(build, inputs, pages)


def write_manifest(path: Path, manifest: Manifest) -> None:
    data = {"version": VERSION, "build": manifest.build, "inputs": manifest.inputs, "pages": manifest.pages}
    # Keys in their order: the search entries are written back into the index as they were.
    write_atomic(path, json.dumps(data, ensure_ascii=False))


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_files(paths: Iterable[Path], root: Path, *, front_matter_only: bool = False) -> str:
    """One digest of the files' paths (relative to `root`) and contents (or only the front
    matter of each: what moves the navigation, the lists and the related blocks)."""
    total = hashlib.sha256()
    for path in sorted(paths):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if front_matter_only:
            match = _FRONT_MATTER.match(data)
            data = match.group(1) if match else b""
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        total.update(name.encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(data).digest())
    return total.hexdigest()


def files_under(folder: Path) -> list[Path]:
    """Every file under `folder` (none if it is not there), hidden folders left out."""
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
