"""The controlled vocabulary of article tags, each with an English and a Spanish label."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.problems import Problem


@dataclass(frozen=True)
class Tag:
    slug: str
    labels: dict[str, str]
    ticket_tags: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.slug


@dataclass
class Taxonomy:
    tags: dict[str, Tag] = field(default_factory=dict)

    def __contains__(self, slug: object) -> bool:
        return slug in self.tags

    def label(self, slug: str, lang: str) -> str:
        tag = self.tags.get(slug)
        return tag.label(lang) if tag else slug


def load_taxonomy(path: Path, languages: tuple[str, ...], display: str | None = None) -> tuple[Taxonomy, list[Problem]]:
    """Read the taxonomy file; every tag needs a label in every language."""
    name = display or str(path)
    problems: list[Problem] = []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return Taxonomy(), [Problem(name, 0, "", "the taxonomy file does not exist", "create it with a 'tags:' mapping, or point the 'taxonomy' option at it")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return Taxonomy(), [Problem(name, mark.line + 1 if mark else 0, "", f"not valid YAML ({getattr(exc, 'problem', exc)})", "fix the YAML syntax")]
    raw = data.get("tags") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return Taxonomy(), [Problem(name, 1, "tags", "the file has no 'tags:' mapping", "write 'tags:' followed by 'slug: {en: English label, es: Spanish label}' lines")]
    taxonomy = Taxonomy()
    for slug, entry in raw.items():
        if not isinstance(entry, dict):
            problems.append(Problem(name, 0, f"tags.{slug}", "a tag needs a label per language", f"write '{slug}: {{en: ..., es: ...}}'"))
            continue
        missing = [lang for lang in languages if not str(entry.get(lang) or "").strip()]
        if missing:
            problems.append(Problem(name, 0, f"tags.{slug}", f"no label for {', '.join(missing)}", f"add '{missing[0]}: <label>' to the tag"))
        tickets = entry.get("ticket_tags") or []
        taxonomy.tags[str(slug)] = Tag(
            slug=str(slug),
            labels={lang: str(entry[lang]) for lang in languages if entry.get(lang)},
            ticket_tags=tuple(str(t) for t in tickets),
        )
    return taxonomy, problems
