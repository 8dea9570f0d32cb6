"""The search index of one audience: written from its search documents (documents_cache:
made once per process, an unchanged article's kept from the last run) into a new folder,
then swapped in with one atomic rename, so a search running during a rebuild reads either
the old index or the new one, never half of one.

When the last build holds the same documents (an article's body edited, nothing added,
removed or renamed), the new build starts from a copy of it and rewrites only the changed
documents' rows (store.py); otherwise it is written whole. Both give the same index.

Layout, under the project's `.kb/index/`: `<audience>` is a symlink to the current
build, `<audience>.build-*` the builds. The build before the current one is kept, so
searches that opened it finish; older ones are removed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kb.audience import visible
from kb.catalog import Catalog
from kb.render import page_markdown
from kb.search.documents_cache import document_frequencies, search_documents
from kb.search.files import INFO, REPLIES, VERSION, index_root, read_info
from kb.search.glossary import GLOSSARY_ID, parse_glossary
from kb.search.lexicon import LEXICON, write_lexicon
from kb.search.synonyms import Synonyms
from kb.search.store import STORE, update_store, write_store
from kb.suggest.reply import ReplyBook
from kb.swap import swap_in


@dataclass
class BuildReport:
    audience: str
    path: Path
    documents: int  # language versions of articles
    seconds: float
    languages: dict[str, int]
    rewritten: int | None = None  # documents changed since the last build, when the rest were kept from it


def glossary_groups(catalog: Catalog, audience: str) -> list[dict[str, list[str]]]:
    """Synonym groups from the glossary article of every language (duplicates merged)."""
    seen: set[str] = set()
    groups = []
    for article in catalog.articles:
        if article.is_page or article.id != GLOSSARY_ID or not visible(article, audience):
            continue
        for group in parse_glossary(page_markdown(article, catalog, audience)):
            key = json.dumps(group.to_json(), sort_keys=True, ensure_ascii=False)
            if key not in seen:
                seen.add(key)
                groups.append(group.to_json())
    return groups


def build_index(catalog: Catalog, audience: str, root: Path | None = None, whole: bool = False) -> BuildReport:
    """Build the index of `audience` aside and swap it in; returns what was built.
    `whole`: written whole, nothing taken from the last index (`kb build --clean`)."""
    start = time.perf_counter()
    root = root or index_root(catalog.settings.root)
    root.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix=f"{audience}.build-", dir=root))  # unique: builds may run at once
    try:
        documents = search_documents(catalog, audience)
        rewritten = _write(target / STORE, [doc for doc, _ in documents], None if whole else root / audience)
        languages = list(catalog.settings.languages)
        df = document_frequencies(catalog, audience)
        counts = Counter(doc["lang"] for doc, _ in documents)
        write_lexicon(target / LEXICON, languages, df, Synonyms(glossary_groups(catalog, audience)))
        (target / REPLIES).write_text(json.dumps(ReplyBook.from_catalog(catalog, audience).to_json(), ensure_ascii=False),
                                      encoding="utf-8")
        info = {"version": VERSION, "audience": audience, "documents": dict(counts), "languages": languages,
                "default_language": catalog.settings.default_language, "built": time.time()}
        (target / INFO).write_text(json.dumps(info), encoding="utf-8")  # last: marks the build complete
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    previous = swap_in(root / audience, target)
    _clean(root, audience, keep={target, previous})
    return BuildReport(audience, target, sum(counts.values()), time.perf_counter() - start, dict(counts), rewritten)


def _write(path: Path, documents: list[dict], current: Path | None) -> int | None:
    """Write the index's file: from a copy of the `current` build's when that one is
    complete, of this version, and holds the same documents (returns how many documents
    changed); whole otherwise (None). A damaged last build is written whole."""
    info = read_info(current) if current is not None else None
    if info is not None and info.get("version") == VERSION and (current / STORE).is_file():
        shutil.copyfile(current / STORE, path)
        try:
            rewritten = update_store(path, documents)
        except sqlite3.DatabaseError:
            rewritten = None
        if rewritten is not None:
            return rewritten
        os.unlink(path)
    write_store(path, documents)
    return None


def _clean(root: Path, audience: str, keep: set[Path | None]) -> None:
    """Remove the finished builds no search may still be reading (all but the current and
    the previous one), and builds that died more than an hour ago."""
    for old in root.glob(f"{audience}.build-*"):
        if old in keep:
            continue
        finished = (old / INFO).exists()
        if finished or time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
