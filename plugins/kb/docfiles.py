"""Which files under `docs/<lang>/` are articles: regular `*.md` files, not hidden.

Editors leave other files beside articles (Emacs' `.#x.md` lock, a dangling link;
`x.md~`, `#x.md#`, `.x.md.swp` backups), and a folder may be named `x.md`: those are
skipped, as MkDocs skips hidden files, and a link named like an article whose target
is missing is reported, so that nothing under docs/ can stop a check or a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath


@dataclass
class DocFiles:
    articles: list[Path] = field(default_factory=list)
    dangling: list[Path] = field(default_factory=list)  # not hidden, named *.md, pointing at nothing readable


def is_hidden(relative: PurePath) -> bool:
    """A name that is an editor's, or in a hidden folder (MkDocs leaves out `.*` too)."""
    return any(part.startswith((".", "#")) or part.endswith("~") for part in relative.parts)


def scan(docs_dir: Path, languages: list[str] | tuple[str, ...]) -> DocFiles:
    """The articles of each language folder in a stable order, and the dangling links."""
    found = DocFiles()
    for lang in languages:
        folder = docs_dir / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            if is_hidden(path.relative_to(folder)):
                continue
            if path.is_file():
                found.articles.append(path)
            elif path.is_symlink():
                found.dangling.append(path)
            # else a folder named like an article (its files are walked anyway), a pipe...: not an article
    return found
