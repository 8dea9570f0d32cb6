"""`kb new`: a new article in every language, with the same id, from its type's template."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

from kb import frontmatter
from kb.articles import AUDIENCES, TYPES
from kb.atomic import create_new
from kb.limits import ID_MAX, NAME_MAX, quote
from kb.taxonomy import Taxonomy
from kb.settings import Settings
from kb.vocabulary import Audience, Status

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


class ScaffoldError(ValueError):
    """The request cannot be carried out; the message says why and what to do."""


def template_body(article_type: str, lang: str) -> str:
    """The body sections of the template for a type in a language (English if none)."""
    folder = resources.files("kb") / "templates"
    for name in (f"{article_type}.{lang}.md", f"{article_type}.en.md"):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    raise ScaffoldError(f"no template for type '{article_type}'")


def default_title(article_id: str) -> str:
    return article_id.rsplit("/", 1)[-1].replace("-", " ").capitalize()


def new_article(settings: Settings, taxonomy: Taxonomy, article_id: str, article_type: str, *,
                titles: dict[str, str] | None = None, tags: list[str] | None = None,
                audience: str = Audience.INTERNAL, owner: str = "support-leads",
                today: dt.date | None = None) -> list[Path]:
    """Write `docs/<lang>/<id>.md` for every language; write nothing if any exists."""
    today = today or dt.date.today()
    if len(article_id) > ID_MAX or any(len(part) > NAME_MAX - 3 for part in article_id.split("/")):
        raise ScaffoldError(f"the id '{quote(article_id, 40)}' is too long: an id has at most {ID_MAX} characters, "
                            f"and at most {NAME_MAX - 3} between two '/'; choose a shorter one, e.g. spei/returns")
    if not ID_PATTERN.match(article_id):
        raise ScaffoldError(f"'{quote(article_id)}' is not a valid id: use lowercase words with dashes, folders with '/', e.g. spei/returns")
    if article_type not in TYPES:
        raise ScaffoldError(f"'{article_type}' is not an article type: use one of {', '.join(TYPES)}")
    if audience not in AUDIENCES:
        raise ScaffoldError(f"'{audience}' is not an audience: use one of {', '.join(AUDIENCES)}")
    section = article_id.split("/")[0]
    tags = list(tags or ([section] if section in taxonomy else []))
    if not tags:
        raise ScaffoldError(f"no tag given and '{section}' is not a tag: pass --tags with tags from {settings.display(settings.taxonomy)}")
    unknown = [tag for tag in tags if tag not in taxonomy]
    if unknown:
        raise ScaffoldError(f"unknown tag(s) {', '.join(unknown)}: use tags from {settings.display(settings.taxonomy)} or add them there")
    paths = [settings.docs_dir / lang / f"{article_id}.md" for lang in settings.languages]
    existing = [settings.display(p) for p in paths if p.exists()]
    if existing:
        raise ScaffoldError(f"{', '.join(existing)} already exist(s): nothing was written (choose another id, or edit the file)")
    titles = titles or {}
    written = []
    for lang, path in zip(settings.languages, paths):
        data = {
            "id": article_id,
            "title": titles.get(lang) or default_title(article_id),
            "summary": {"es": "Resume el artículo en una o dos frases (máximo 200 caracteres)."}.get(
                lang, "Sum up the article in one or two sentences (at most 200 characters)."),
            "type": article_type,
            "audience": Audience(audience).value,
            "status": Status.DRAFT.value,
            "tags": tags,
            "owner": owner,
            "last_reviewed": today,
            "review_every": settings.review_every,
        }
        try:
            created = create_new(path, frontmatter.dump(data, template_body(article_type, lang)))
        except OSError as exc:
            for done in written:  # created a moment ago by this call: all languages or none
                done.unlink(missing_ok=True)
            raise ScaffoldError(f"{settings.display(path)} cannot be written ({exc.strerror or exc}); nothing was written") from None
        if not created:
            raise ScaffoldError(f"{settings.display(path)} appeared while writing: it was left as it is")
        written.append(path)
    return written
