"""The facts check of each article kept between runs (kb.memo), so that a build or a
`kb check` after one edit checks that article only.

An article's problems depend on its text (at the lines of its file), its language, its
name in messages, the data files (data/platform.yml, the fact rules, the dated facts) and
which dated facts have ended. The data files, with their names and the languages, are the
cache's context: an edit of any of them uses no entry. The rest is each entry's key; the
ended facts stand for the day, so a run on another day reuses every entry unless a fact
ended in between. Problems are kept as JSON and come back as equal `Problem`s. The cache
holds the last run's work only (kb.memo): a `kb check --as-of` another day, with other
facts ended, leaves the next build to check every article again.
"""

from __future__ import annotations

from kb.memo import Memo, cache_root, digest
from kb.problems import Problem
from kb.settings import Settings

CACHE = "facts.json"


def data_digest(settings: Settings) -> str:
    """What every result depends on beside the article: each data file's name and bytes
    (a missing one is not an empty one), and the languages."""
    parts: list[str | bytes] = [",".join(settings.languages), settings.default_language]
    for path in (settings.facts, settings.fact_rules, settings.dated_facts):
        if path is None:
            parts += ["", "none"]
            continue
        try:
            parts += [settings.display(path), b"file:" + path.read_bytes()]
        except OSError:
            parts += [settings.display(path), "unreadable"]
    return digest(*parts)


class KeptChecks:
    """The per-article results of one run, found in or added to the project's cache.
    `data`: the `data_digest` taken before the data files were read ("": now)."""

    def __init__(self, settings: Settings, data: str = "") -> None:
        self.settings = settings
        self.data = data or data_digest(settings)
        self.memo = Memo(cache_root(settings.root) / CACHE, self.data)

    def key(self, text: str, first_line: int, lang: str, display: str, ended: list[str]) -> str:
        """An article's key: `text` at the lines of its file, its body from `first_line`;
        `ended`, the ids of the dated facts that no longer hold."""
        return digest(text, str(first_line), lang, display, ",".join(sorted(ended)))

    def get(self, key: str) -> list[Problem] | None:
        """The problems kept for `key`, or None (never kept, or an entry of another shape)."""
        kept = self.memo.get(key)
        if not isinstance(kept, list):
            return None
        try:
            return [Problem.from_dict(item) for item in kept]
        except (TypeError, ValueError, KeyError):
            return None

    def put(self, key: str, problems: list[Problem]) -> None:
        self.memo.put(key, [problem.to_dict() for problem in problems])

    def save(self) -> None:
        """Keep this run's results, unless a data file changed since `data` was taken
        (they could mix the old file and the new one)."""
        if data_digest(self.settings) == self.data:
            self.memo.save()

