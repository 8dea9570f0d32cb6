"""Each article's front matter fields kept between runs (kb.memo), so that reading the
articles after one edit parses the YAML of the edited one only: at 4,000 articles, YAML is
about a second of every build and every `kb check`.

An entry is found by the text between the fences, and holds the fields as
`frontmatter.parse_fields` read them, with their lines. Its JSON tells lists, mappings
and text apart (["l", items], ["m", [key, value] pairs]), so a kept value comes back as
the one parsed, with its type. Only plain values are kept (text, numbers, booleans,
null, lists and mappings of them); the fields of a front matter with anything else (a
`!!binary` or `!!set` value) are parsed again on every run, as are those that fail (their
error is reported each time). An entry that is not of this form is parsed again too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb import frontmatter
from kb.memo import Memo, cache_root, digest

CACHE = "front-matter.json"
_SCALARS = (str, int, float, bool, type(None))


class _NotPlain(Exception):
    """A value JSON would not give back as it was."""


def _encoded(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if type(value) is list:
        return ["l", [_encoded(item) for item in value]]
    if type(value) is dict:
        return ["m", [[_encoded(key), _encoded(item)] for key, item in value.items()]]
    raise _NotPlain(type(value).__name__)


def _decoded(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    tag, items = value
    if tag == "l":
        return [_decoded(item) for item in items]
    if tag == "m":
        return {_decoded(key): _decoded(item) for key, item in items}
    raise ValueError(f"unknown tag {tag!r}")


class KeptFrontMatter:
    """The front matter fields of one run, found in or added to the project's cache."""

    def __init__(self, root: Path) -> None:
        self.memo = Memo(cache_root(root) / CACHE, "front matter")

    def fields(self, source: str) -> tuple[dict[str, Any], dict[str, int]]:
        """What `frontmatter.parse_fields(source)` gives (or raises), kept or parsed now."""
        key = digest(source)
        kept = self.memo.get(key)
        if kept is not None:
            try:
                data, lines = _decoded(kept[0]), kept[1]
                if isinstance(data, dict) and isinstance(lines, dict):
                    return data, lines
            except (ValueError, TypeError, KeyError, IndexError, RecursionError):
                pass  # not an entry this module wrote: parsed again, and kept anew
        data, lines = frontmatter.parse_fields(source)
        try:
            self.memo.put(key, [_encoded(data), lines])
        except _NotPlain:
            pass
        return data, lines

    def save(self) -> None:
        self.memo.save()
