"""What an article is: its front matter contract, read from one Markdown file.

`read_article` never raises on bad input: it returns the article it could read (or None)
and every problem found, each naming the file, the line, the field and the fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb import frontmatter
from kb.limits import EARLIEST_REVIEW, REVIEW_EVERY_MAX, quote
from kb.problems import Problem, Severity
from kb.settings import Settings
from kb.taxonomy import Taxonomy
from kb.vocabulary import ArticleType, Audience, Status, values

TYPES = values(ArticleType)
AUDIENCES = values(Audience)
STATUSES = values(Status)
REQUIRED = ("id", "title", "summary", "type", "audience", "status", "tags", "owner", "last_reviewed")
OPTIONAL = ("review_every", "sources", "related", "ticket_tags", "generated")  # generated: the seal of an untouched `kb stubs` draft
# Front matter the theme understands; allowed so that authors can use them.
THEME_FIELDS = ("hide", "icon", "template", "description", "search", "comments", "subtitle")
PAGE_FIELDS = ("title", "summary", "audience")
SUMMARY_MAX = 200
EXAMPLE_FIELD = {
    "id": "id: spei/returns",
    "title": "title: SPEI returns and their causes",
    "summary": "summary: What each SPEI return cause means and what the sender should do.",
    "type": "type: reference",
    "audience": "audience: public",
    "status": "status: draft",
    "tags": "tags: [spei, returns]",
    "owner": "owner: payments-support",
    "last_reviewed": "last_reviewed: 2026-01-31",
}


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str = ""


@dataclass
class Article:
    """One language version of an article (or a navigation page, when `is_page`)."""

    path: Path
    display: str  # the path shown to people, relative to the project
    lang: str
    slug: str  # the path under the language folder, without .md
    id: str
    title: str
    body: str
    body_line: int
    summary: str = ""
    type: str = ""
    audience: str = Audience.PUBLIC
    status: str = Status.PUBLISHED
    tags: list[str] = field(default_factory=list)
    owner: str = ""
    last_reviewed: dt.date | None = None
    review_every: int = 0
    sources: list[Source] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    ticket_tags: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    is_page: bool = False

    @property
    def is_public(self) -> bool:
        """Public articles are the only ones merchants may see."""
        return self.audience == Audience.PUBLIC and self.status == Status.PUBLISHED

    @property
    def review_due(self) -> dt.date | None:
        if self.last_reviewed is None or not self.review_every:
            return None
        try:
            return self.last_reviewed + dt.timedelta(days=self.review_every)
        except OverflowError:  # due after the last day a date can name: never due
            return None

    def is_overdue(self, today: dt.date) -> bool:
        due = self.review_due
        return due is not None and today > due

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)


def _suggest(value: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


class _Reader:
    """Collects the problems of one file while its fields are read."""

    def __init__(self, display: str, lines: dict[str, int]) -> None:
        self.display = display
        self.lines = lines
        self.problems: list[Problem] = []

    def error(self, name: str, message: str, fix: str, severity: Severity = Severity.ERROR, code: str = "") -> None:
        self.problems.append(Problem(self.display, self.lines.get(name, 2), name, message, fix, severity, code))

    def text(self, data: dict[str, Any], name: str) -> str:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.error(name, f"must be text, not {type(value).__name__}", f"write '{name}: some text' on one line")
            return ""
        return str(value).strip()

    def choice(self, data: dict[str, Any], name: str, choices: tuple[str, ...]) -> str:
        value = self.text(data, name)
        if value and value not in choices:
            self.error(name, f"'{quote(value)}' is not one of {', '.join(choices)}", f"{_suggest(value, choices)}use one of: {', '.join(choices)}", code=f"bad-{name}")
        return value

    def strings(self, data: dict[str, Any], name: str) -> list[str]:
        value = data.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            self.error(name, "must be a list of words", f"write '{name}: [first, second]'")
            return []
        return [str(v).strip() for v in value if str(v).strip()]


def _parse_date(reader: _Reader, data: dict[str, Any], name: str, today: dt.date) -> dt.date | None:
    raw = data.get(name)
    if raw is None or raw == "":
        return None
    text = str(raw).strip()
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        reader.error(name, f"'{quote(text)}' is not a date", f"write the date as YYYY-MM-DD, e.g. '{name}: {today.isoformat()}'", code="bad-date")
        return None
    if value > today:
        reader.error(name, f"{value.isoformat()} is in the future", f"write the day the article was last reviewed, at the latest {today.isoformat()}", code="bad-date")
        return None
    if value < EARLIEST_REVIEW:
        reader.error(name, f"{value.isoformat()} is before {EARLIEST_REVIEW.isoformat()}, not a review date of this knowledge base",
                     f"write the day the article was last reviewed, e.g. '{name}: {today.isoformat()}'", code="bad-date")
        return None
    return value


def _parse_sources(reader: _Reader, data: dict[str, Any]) -> list[Source]:
    raw = data.get("sources")
    if raw is None:
        return []
    fix = "write each source as '- {title: ..., url: https://..., publisher: ...}'"
    if not isinstance(raw, list):
        reader.error("sources", "must be a list of sources", fix)
        return []
    sources = []
    for index, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not str(item.get("title") or "").strip():
            reader.error("sources", f"source {index} has no title", fix)
            continue
        url = str(item.get("url") or "").strip()
        if not url.startswith(("https://", "http://")):
            reader.error("sources", f"source {index} ('{quote(str(item['title']))}') has no http(s) url", "add 'url: https://...' pointing at the primary source")
            continue
        sources.append(Source(str(item["title"]).strip(), url, str(item.get("publisher") or "").strip()))
    return sources


def read_article(path: Path, settings: Settings, taxonomy: Taxonomy, today: dt.date | None = None,
                 fields: frontmatter.Fields | None = None) -> tuple[Article | None, list[Problem]]:
    """Read one file under `docs/<lang>/` against the article contract (`fields`: how its
    front matter's YAML is read, see frontmatter.split)."""
    today = today or dt.date.today()
    display = settings.display(path)
    relative = path.relative_to(settings.docs_dir).as_posix()
    lang, _, inner = relative.partition("/")
    slug = inner[:-3] if inner.endswith(".md") else inner
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(display, 0, "", f"the file is not UTF-8 (byte {exc.start})", "save the file as UTF-8")]
    except OSError as exc:
        return None, [Problem(display, 0, "", f"the file cannot be read ({exc.strerror or exc})", "check that it is a file you may read")]
    try:
        fm = frontmatter.split(text, fields)
    except frontmatter.FrontMatterError as exc:
        return None, [Problem(display, exc.line, "front matter", str(exc), exc.fix, code="bad-yaml")]
    data = fm.data
    reader = _Reader(display, fm.lines)
    is_page = Path(inner).name in settings.pages
    known = PAGE_FIELDS if is_page else REQUIRED + OPTIONAL
    for name in data:
        if name not in known and name not in THEME_FIELDS:
            allowed = known + THEME_FIELDS
            reader.error(name, f"'{name}' is not a field of {'a navigation page' if is_page else 'an article'}",
                         f"{_suggest(name, allowed)}remove it or use one of: {', '.join(known)}", Severity.WARNING, "unknown-field")
    required = ("title",) if is_page else REQUIRED
    for name in required:
        if name not in data or data[name] in (None, "", []):
            reader.problems.append(Problem(display, fm.end_line if name not in data else fm.lines.get(name, 2), name,
                                           f"the required field '{name}' is {'missing' if name not in data else 'empty'}",
                                           f"add '{EXAMPLE_FIELD.get(name, name + ': ...')}' to the front matter", code="missing-field"))
    article = Article(path=path, display=display, lang=lang, slug=slug, id=slug, title=reader.text(data, "title"),
                      body=fm.body, body_line=fm.body_line, lines=fm.lines, is_page=is_page,
                      summary=reader.text(data, "summary"))
    article.audience = reader.choice(data, "audience", AUDIENCES) or Audience.PUBLIC
    if len(article.summary) > SUMMARY_MAX:
        reader.error("summary", f"is {len(article.summary)} characters long, more than {SUMMARY_MAX}",
                     f"shorten it to at most {SUMMARY_MAX} characters: it is what search results show")
    if is_page:
        return article, reader.problems
    article.id = reader.text(data, "id")
    if article.id and article.id != slug:
        reader.error("id", f"'{quote(article.id)}' does not match the file's path, which gives '{slug}'",
                     f"set 'id: {slug}', or move the file to docs/{lang}/{quote(article.id)}.md (the id is shared by both languages)", code="id-path")
    article.type = reader.choice(data, "type", TYPES)
    article.status = reader.choice(data, "status", STATUSES) or Status.DRAFT
    article.owner = reader.text(data, "owner")
    article.tags = reader.strings(data, "tags")
    for tag in article.tags:
        if tag not in taxonomy:
            reader.error("tags", f"'{quote(tag)}' is not in the taxonomy",
                         f"{_suggest(tag, list(taxonomy.tags))}use a tag of the taxonomy file, or add '{quote(tag)}' there with an English and a Spanish label", code="unknown-tag")
    article.last_reviewed = _parse_date(reader, data, "last_reviewed", today)
    review = data.get("review_every", settings.review_every)
    if isinstance(review, bool) or not isinstance(review, int):
        reader.error("review_every", f"'{quote(review)}' is not a number of days", f"write a whole number of days, e.g. 'review_every: {settings.review_every}', or remove it for the default")
        review = settings.review_every
    elif not 1 <= review <= REVIEW_EVERY_MAX:
        reader.error("review_every", f"{quote(str(review))} days is not a review interval (1 to {REVIEW_EVERY_MAX} days)",
                     f"write a number of days from 1 to {REVIEW_EVERY_MAX} (ten years), e.g. 'review_every: {settings.review_every}', or remove it for the default")
        review = settings.review_every
    article.review_every = review
    article.sources = _parse_sources(reader, data)
    article.related = reader.strings(data, "related")
    if article.id and article.id in article.related:
        reader.error("related", f"names the article itself ('{quote(article.id)}')", "remove it: list the other articles a reader would go to next")
        article.related = [other for other in article.related if other != article.id]
    article.ticket_tags = reader.strings(data, "ticket_tags")
    return article, reader.problems
