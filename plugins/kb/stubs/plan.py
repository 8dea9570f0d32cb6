"""Deciding, for each subject the tickets raise, whether a stub is created, updated, left
as it is, or not written (below the threshold, or edited by a person), and writing it.

Stubs live at `docs/<lang>/drafts/<slug>.md`: one folder the leads review, out of the
published sections' navigation, with a path `kb stubs` can find again on every run
(the slug comes from the tag, or from the taxonomy topic the tag maps to). A lead who
finishes a stub moves it to its section and sets its id; the `ticket_tags` it keeps
then mark its tags as covered.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from kb import frontmatter
from kb.atomic import clean_temporaries, create_new, folder_lock, replace_if_unchanged
from kb.catalog import Catalog
from kb.limits import NAME_MAX, bounded_name
from kb.redaction import redact
from kb.stubs import seal
from kb.stubs.coverage import Coverage, closest
from kb.stubs.phrasing import guess_type, name_words, phrasings, query_words
from kb.stubs.render import Stub, markdown, reviewed_on
from kb.stubs.tally import Subject
from kb.stubs.words import words
from kb.text import fold
from kb.tickets.model import normalize_tag
from kb.vocabulary import StubOutcome as Outcome

FOLDER = "drafts"
TITLE_MAX = 120


@dataclass(frozen=True)
class Write:
    """A stub file to write: created only if absent, or replaced only if it still holds
    `sealed`, the untouched text it was planned from."""

    stub_id: str
    path: Path
    text: str
    replace: bool
    sealed: str = ""


@dataclass
class StubResult:
    id: str
    tickets: int
    outcome: Outcome
    ticket_tags: list[str]
    files: list[str] = field(default_factory=list)  # as shown to people
    written: list[str] = field(default_factory=list)  # the files this run wrote (or would write)


_SUFFIX = 9  # "-" and the 8 hex digits that tell apart two subjects of one slug


def slug_for(subject: Subject) -> str:
    """The stub's file name: the topic's slug, or the tag as a slug (`devolución_pendiente`
    gives `devolucion-pendiente`; two tags that give the same are told apart when planned).
    A tag that slugs to nothing (`---`) or to too long a name gets a readable prefix and a
    hash of its text, the same on every run: file names stay short enough for any disk."""
    if subject.topic:
        return subject.topic
    tag = subject.tag or ""
    return bounded_name(re.sub(r"[^a-z0-9]+", "-", fold(tag)).strip("-"), tag, NAME_MAX - _SUFFIX)


def _title(subject: Subject, catalog: Catalog, lang: str) -> str:
    if subject.topic:
        return catalog.taxonomy.label(subject.topic, lang)
    tag = subject.tag or ""
    text = tag.replace("_", " ").replace("-", " ")
    if not all(ch.isalnum() or ch == " " for ch in text):  # only letters reach a title
        text = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(tag)).split())
    text = " ".join(text.split())
    if not text:  # a tag of punctuation only: its text stays in ticket_tags
        text = {"es": "Etiqueta"}.get(lang, "Tag") + " " + slug_for(subject).removeprefix("tag-")
    if len(text) > TITLE_MAX:
        text = text[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def _taxonomy_tags(subject: Subject, catalog: Catalog, near: list[str], query: Counter[str]) -> list[str]:
    """The taxonomy tags a stub gets (the contract wants at least one): its topic, or
    the tag whose slug and labels share most words with the tickets, or the closest
    article's first tag."""
    taxonomy = catalog.taxonomy
    if subject.topic:
        return [subject.topic]
    scored = []
    for slug, tag in taxonomy.tags.items():
        vocabulary = set(words(" ".join([slug.replace("-", " "), *tag.labels.values()])))
        score = sum(query[w] for w in sorted(vocabulary) if w in query)  # sorted: the same float sum in every process
        if score:
            scored.append((-score, slug))
    if scored:
        return [min(scored)[1]]
    for article_id in near:
        for article in catalog.articles:
            if article.id == article_id and article.tags and article.tags[0] in taxonomy:
                return [article.tags[0]]
    return [next(iter(taxonomy.tags))] if taxonomy.tags else []


_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}")


def _shown_id(ident: str) -> str:
    """A ticket id as a stub shows it: help desks' ids (`48213`, `SUP-12`) as they are,
    anything else (an email used as an id ...) redacted."""
    return ident if _PLAIN_ID.fullmatch(ident) else redact(ident)


def build_stub(subject: Subject, stub_id: str, catalog: Catalog, coverage: Coverage) -> Stub:
    query = query_words(subject)
    near = closest(coverage, query, name_words(subject), exclude={stub_id})
    channels = sorted(((name, count) for name, count in subject.channels.items()), key=lambda item: (-item[1], item[0]))
    return Stub(
        id=stub_id,
        type=guess_type(subject),
        tags=_taxonomy_tags(subject, catalog, near, query),
        ticket_tags=sorted(subject.tags),
        titles={lang: _title(subject, catalog, lang) for lang in catalog.settings.languages},
        tickets=subject.tickets,
        first=subject.first,
        last=subject.last,
        channels=[(redact(name), count) for name, count in channels if name] + [(name, count) for name, count in channels if not name],
        phrasings=[(text, _shown_id(ident)) for text, ident in phrasings(subject)],
        ids=[_shown_id(ident) for ident in subject.recent_ids()],
        closest=near,
    )


def _links(catalog: Catalog, ids: list[str], lang: str) -> dict[str, tuple[str, str]]:
    links = {}
    for article_id in ids:
        article = catalog.get(article_id, lang)
        if article is not None:
            links[article_id] = (article.title, article.slug + ".md")
    return links


def _paths(catalog: Catalog, stub_id: str) -> dict[str, Path]:
    docs = catalog.settings.docs_dir
    return {lang: docs / lang / f"{stub_id}.md" for lang in catalog.settings.languages}


def _owner_matches(text: str, subject: Subject) -> bool:
    """Whether an untouched stub's `text` is this subject's (and not another tag's
    whose slug came out the same)."""
    listed = frontmatter.split(text).data.get("ticket_tags") or []
    return isinstance(listed, list) and bool({normalize_tag(str(tag)) for tag in listed} & subject.tags)


def _read(paths: dict[str, Path]) -> dict[str, tuple[seal.State, str]]:
    return {lang: seal.read(path) for lang, path in paths.items()}


def plan_subject(subject: Subject, catalog: Catalog, coverage: Coverage, taken: set[str], min_tickets: int,
                 today: dt.date) -> tuple[StubResult, list[Write]]:
    """Whether the stub of one subject is created, updated or left as it is, and the
    files to write for it (written by `apply`, or not at all in a dry run)."""
    slug = slug_for(subject)
    stub_id = f"{FOLDER}/{slug}"
    paths = _paths(catalog, stub_id)
    found = _read(paths)
    ours = all(state is not seal.State.UNTOUCHED or _owner_matches(text, subject) for state, text in found.values())
    if stub_id in taken or not ours:
        stub_id = f"{FOLDER}/{slug}-{zlib.crc32(subject.name.encode('utf-8')):08x}"
        paths = _paths(catalog, stub_id)
        found = _read(paths)
    states = {lang: state for lang, (state, _) in found.items()}
    taken.add(stub_id)
    settings = catalog.settings
    result = StubResult(stub_id, subject.tickets, Outcome.UNCHANGED, sorted(subject.tags),
                        [settings.display(path) for path in paths.values()])
    if any(state is seal.State.EDITED for state in states.values()):
        result.outcome = Outcome.EDITED
        return result, []
    if all(state is seal.State.ABSENT for state in states.values()) and subject.tickets < min_tickets:
        result.outcome = Outcome.BELOW
        result.files = []
        return result, []
    stub = build_stub(subject, stub_id, catalog, coverage)
    writes = []
    for lang, path in paths.items():
        links = _links(catalog, stub.closest, lang)
        if states[lang] is seal.State.ABSENT:
            writes.append(Write(stub_id, path, markdown(stub, lang, links, today), replace=False))
            continue
        existing = found[lang][1]
        if markdown(stub, lang, links, reviewed_on(existing) or today) != existing:  # else not a byte changes, not even the date
            writes.append(Write(stub_id, path, markdown(stub, lang, links, today), replace=True, sealed=existing))
    result.written = [settings.display(write.path) for write in writes]
    if writes and not any(write.replace for write in writes) and len(writes) == len(paths):
        result.outcome = Outcome.CREATED
    elif writes:
        result.outcome = Outcome.UPDATED
    return result, writes


def apply(writes: list[Write], threads: int = 8) -> set[str]:
    """Write the files, several at a time (each write waits on the disk, not on the
    processor); returns the ids of the stubs a person got to first: a file that
    appeared, or a stub edited since it was planned, is left as it is. The check is
    made at the moment of each swap (see kb.atomic.replace_if_unchanged), under a lock
    of the folder that other runs of `kb stubs` (the CLI, `kb serve`) wait for."""

    def write(item: Write) -> str | None:
        if not item.replace:
            return None if create_new(item.path, item.text) else item.stub_id
        return None if replace_if_unchanged(item.path, item.sealed, item.text) else item.stub_id

    if not writes:
        return set()
    with ExitStack() as locks:
        for folder in sorted({write.path.parent for write in writes}):
            folder.mkdir(parents=True, exist_ok=True)
            locks.enter_context(folder_lock(folder))
        with ThreadPoolExecutor(max_workers=min(threads, len(writes))) as pool:
            return {stub_id for stub_id in pool.map(write, writes) if stub_id is not None}


def tidy(folders: list[Path]) -> None:
    """Remove what an interrupted run left in the stub folders (see kb.atomic.clean_temporaries)."""
    for folder in sorted(folders):
        if folder.is_dir():
            with folder_lock(folder):
                clean_temporaries(folder)
