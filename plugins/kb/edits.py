"""Which edits leave the site's navigation as it was: a change to the body of an existing
article (its front matter untouched) changes its own pages only, since the navigation,
section lists, related lists and the home page are made from front matter (titles,
summaries, tags, related ids). Anything else (a new, deleted or renamed file, a front
matter edit, the taxonomy, the facts, the configuration, a template) moves the site."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def front_block(text: str) -> str | None:
    """The front matter of an article as written (between its `---` fences), or None if it
    has none or it is not closed."""
    text = text.removeprefix("\ufeff")
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    return text[:end] if end != -1 else None


def _read_front(path: Path) -> str | None:
    try:
        return front_block(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


class Fronts:
    """The front matter of every article of a build, to tell a body edit from the rest."""

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir.resolve()
        self.fronts: dict[Path, str | None] = {path.resolve(): _read_front(path) for path in self.docs_dir.rglob("*.md")}

    def body_edits(self, changed: Iterable[Path]) -> set[Path] | None:
        """The changed articles if every change is to the body of an article the build had;
        None if any change moves the site (build it all)."""
        edited = set()
        for path in (p.resolve() for p in changed):
            if path.suffix != ".md" or not path.is_relative_to(self.docs_dir) or path not in self.fronts:
                return None
            if not path.is_file():
                return None  # deleted or renamed
            front = _read_front(path)
            if front is None or front != self.fronts[path]:
                return None
            edited.add(path)
        return edited
