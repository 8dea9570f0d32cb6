"""What a site may contain: an allow-list, decided here, that the MkDocs adapter applies.

A site built for an audience holds exactly the pages of the articles that audience may
read (for the public: validated, `audience: public`, `status: published`), the pages made
from them (sections, home, tags, the 404 page, stand-ins for missing translations), the
files those pages point at (images, diagrams, attachments: found in the text the audience
is shown, internal blocks removed for the public) and the theme's own assets. Nothing else
under docs/ reaches it, whatever its name. `account` says what every file under docs/ is,
so that `kb check` and the build name each stray file instead of leaving it out silently.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kb.audience import INTERNAL, PUBLIC, strip_internal, visible
from kb.diagrams import diagram_names, diagram_path
from kb.docfiles import is_hidden
from kb.links import PAGE_SUFFIX, find_links
from kb.problems import Problem

if TYPE_CHECKING:
    from kb.articles import Article
    from kb.catalog import Catalog

# What MkDocs reads as a page, besides .md: such a file under docs/ is a page nobody checked.
PAGE_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".md")


def _is_file(path: Path) -> bool:
    """Whether a link's target is a file; a name the system refuses (too long, say) is none."""
    try:
        return path.is_file()
    except OSError:
        return False


def docs_files(docs_dir: Path) -> list[str]:
    """Every file under the docs folder, docs-relative, in a stable order (editors' files left out)."""
    found = []
    for folder, dirs, files in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(files):
            relative = PurePosixPath(Path(folder, name).relative_to(docs_dir).as_posix())
            if not is_hidden(relative):
                found.append(str(relative))
    return found


def _shown_text(article: Article, audience: str) -> str:
    return strip_internal(article.body) if audience == PUBLIC else article.body


def referenced_files(catalog: Catalog, article: Article, audience: str) -> set[str]:
    """The docs files (not pages) the article's text for `audience` points at: images,
    attachments, and the diagrams it draws inline."""
    settings = catalog.settings
    docs = settings.docs_dir
    source = article.path.relative_to(docs).as_posix()
    text = _shown_text(article, audience)
    found = {diagram_path(docs, article.lang, name).relative_to(docs).as_posix() for name in diagram_names(text)}
    for link in find_links(text, source, settings.languages, settings.default_language, pages_only=False):
        found.update(c for c in link.candidates if _is_file(docs / c))
    # A link makes no page and no editor's file publishable: pages are articles or nothing.
    return {path for path in found if not path.lower().endswith(PAGE_SUFFIXES) and not is_hidden(PurePosixPath(path))}


def allowed_files(catalog: Catalog, audience: str) -> set[str]:
    """The docs-relative paths of every file under docs/ the site of `audience` may hold
    (found once per catalog: each language's build and the checks ask again)."""
    found = catalog.derived.setdefault(__name__, {})
    if audience not in found:
        found[audience] = frozenset(_allowed_files(catalog, audience))
    return set(found[audience])


def _allowed_files(catalog: Catalog, audience: str) -> set[str]:
    allowed: set[str] = set(catalog.settings.site_files)
    for path, article in catalog.by_path.items():
        if visible(article, audience):
            allowed.add(path)
            allowed |= referenced_files(catalog, article, audience)
    return allowed


def account(catalog: Catalog) -> list[Problem]:
    """A problem for every file under docs/ that is neither an article nor a file some
    article points at: it would be in no site, and a reader of the folder would think it is."""
    settings = catalog.settings
    if not settings.docs_dir.is_dir():
        return []
    articles = {path for path in catalog.by_path}
    referenced = allowed_files(catalog, INTERNAL)
    problems = []
    for relative in docs_files(settings.docs_dir):
        if relative in articles or relative in referenced:
            continue
        path = settings.docs_dir / relative
        display = settings.display(path)
        lang = relative.split("/")[0]
        in_language = "/" in relative and lang in settings.languages
        if relative.endswith(PAGE_SUFFIX) and in_language:
            continue  # an article that could not be read: its own problem says why
        if relative.lower().endswith(PAGE_SUFFIXES) and in_language:
            problems.append(Problem(display, 0, "", "not an article: articles are .md files under docs/<lang>/",
                                    f"rename it to {path.stem}.md, or move it out of docs/", code="not-an-article"))
        elif relative.lower().endswith(PAGE_SUFFIXES):
            where = ", ".join(f"docs/{lang}/" for lang in settings.languages)
            problems.append(Problem(display, 0, "", f"not an article: articles are .md files under a language folder ({where})",
                                    "move it into a language folder, or out of docs/", code="not-an-article"))
        else:
            problems.append(Problem(display, 0, "", "no article points at this file, so no site publishes it",
                                    "link it from the article that uses it (a Markdown link or image, or a kb:diagram line), or move it out of docs/",
                                    code="unreferenced-file"))
    return problems
