"""Facts about Mexico's payment system that hold only between two dates.

Limits and network rules change: CoDi's MXN 8,000 launch cap became 1,500 UDIS, Visa folded
12.1 into 11.3. data/dated-facts.yml lists such facts with the day each took effect
(`valid_from`), the day it stopped holding (`valid_until`), its source, and the words and
values that quote it in each language. An article quoting a fact on or after its
`valid_until` gets a warning, unless the sentence dates the mention as history
("formerly 12.1", "at the 2019 launch the limit was MXN 8,000"): the `history` words.
Every language's words are looked for in every article, since ready replies carry both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kb.datafile import DataFile
from kb.factcheck.reading import as_written, norm, sentences
from kb.problems import Problem, Severity

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def phrase(text: str) -> str:
    """A literal word or value as a regex on normalized text: whole words, spaces optional."""
    text = norm(str(text)).strip()
    first, rest = re.escape(text[:1]), re.escape(text[1:]).replace(r"\ ", " ").replace(" ", r"\s*")
    # It starts with a literal, so that it is searched fast, then looks behind it.
    boundary = rf"(?<![\w.,]{first})" if text[:1].isalnum() else ""
    return first + boundary + rest + (r"(?![\w]|[.,]\d)" if text[-1:].isalnum() else "")


def _any(words: list[str]) -> re.Pattern[str] | None:
    words = [w for w in words if str(w).strip()]
    return re.compile("|".join(phrase(w) for w in words)) if words else None


@dataclass(frozen=True)
class DatedFact:
    id: str
    says: dict[str, str]  # the fact, per language
    valid_from: dt.date | None
    valid_until: dt.date | None
    source: str  # its URL
    topic: re.Pattern[str] | None  # the sentence names what the fact is about...
    values: re.Pattern[str]  # ...and states one of its values
    history: re.Pattern[str] | None  # ...and does not date the mention as past
    replaced_by: str = ""
    until: str = ""  # valid_until as the file writes it ('2024-04' when only the month is known)
    line: int = 0

    def ended(self, today: dt.date) -> bool:
        return self.valid_until is not None and today >= self.valid_until

    def quoted_in(self, sentence: str) -> str | None:
        """The value the (normalized) sentence quotes, or None."""
        found = self.values.search(sentence)
        if not found or (self.topic and not self.topic.search(sentence)) or (self.history and self.history.search(sentence)):
            return None
        return found[0]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (m := _MONTH.fullmatch(value.strip())) and 1 <= int(m[2]) <= 12:
        return dt.date(int(m[1]), int(m[2]), 1)  # a month: the change took effect during it, counted from its first day
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())  # a quoted day; raises ValueError when it is none
    raise ValueError(value)


def load_dated_facts(file: DataFile, languages: tuple[str, ...]) -> tuple[list[DatedFact], list[Problem]]:
    """The facts of `file`; an entry with a problem is left out and the problem reported."""
    data = file.data
    if data is None:
        return [], []
    problems: list[Problem] = []

    def fail(key: tuple, message: str, fix: str) -> None:
        problems.append(file.problem(key, message, fix, code="bad-dated-fact"))

    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        fail((), "the dated facts file has no 'facts:' list", "write 'facts:' followed by '- id: ...' entries")
        return [], problems
    common = data.get("history") if isinstance(data.get("history"), dict) else {}
    facts: list[DatedFact] = []
    ids = {str(entry.get("id")) for entry in data["facts"] if isinstance(entry, dict)}
    for index, entry in enumerate(data["facts"]):
        key = ("facts", index)
        before = len(problems)
        if not isinstance(entry, dict) or not entry.get("id"):
            fail(key, "an entry needs an id", "start the entry with '- id: a-short-name'")
            continue
        says = entry.get("says") if isinstance(entry.get("says"), dict) else {}
        missing = [lang for lang in languages if not str(says.get(lang) or "").strip()]
        if missing:
            fail((*key, "says"), f"the fact is not stated in {', '.join(missing)}", "write says: {en: ..., es: ...}")
        dates = {}
        for name in ("valid_from", "valid_until"):
            try:
                dates[name] = _date(entry[name]) if entry.get(name) is not None else None
            except ValueError:
                fail((*key, name), f"'{entry[name]}' is not a date", f"write {name}: YYYY-MM-DD (or YYYY-MM when only the month is known)")
        if dates.get("valid_from") and dates.get("valid_until") and dates["valid_from"] >= dates["valid_until"]:
            fail((*key, "valid_until"), "the fact ends before it begins", "check valid_from and valid_until")
        source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
        if not str(source.get("url") or "").startswith(("http://", "https://")) or not source.get("title"):
            fail((*key, "source"), "the fact has no source with a title and a URL", "add source: {title: ..., publisher: ..., url: https://...}")
        replaced_by = str(entry.get("replaced_by") or "")
        if replaced_by and replaced_by not in ids:
            fail((*key, "replaced_by"), f"'{replaced_by}' is not the id of an entry", "name the id of the fact in force")
        look_for = entry.get("look_for") if isinstance(entry.get("look_for"), dict) else {}
        topics, values, history = [], [], [*(w for lang in languages for w in _strings(common.get(lang)))]
        for lang in languages:
            words = look_for.get(lang) if isinstance(look_for.get(lang), dict) else {}
            if not _strings(words.get("values")):
                fail((*key, "look_for", lang), f"no values to look for in {lang}", f"write look_for: {{{lang}: {{topic: [...], values: [...]}}}}")
            topics += _strings(words.get("topic"))
            values += _strings(words.get("values"))
            history += _strings(words.get("history"))
        if len(problems) > before:
            continue
        facts.append(DatedFact(
            id=str(entry["id"]), says={lang: str(says[lang]) for lang in languages},
            valid_from=dates.get("valid_from"), valid_until=dates.get("valid_until"),
            source=str(source["url"]), until=str(entry.get("valid_until") or ""),
            topic=_any(topics), values=_any(values), history=_any(history),  # type: ignore[arg-type]
            replaced_by=replaced_by, line=file.line(*key)))
    return facts, problems


def _strings(value: Any) -> list[str]:
    if isinstance(value, (str, int, float)):
        return [str(value)]
    return [str(v) for v in value if isinstance(v, (str, int, float))] if isinstance(value, list) else []


def check_dated(facts: list[DatedFact], body: str, first_line: int, lang: str, file: str, today: dt.date) -> list[Problem]:
    """Warnings for each sentence of `body` quoting a fact that no longer holds on `today`."""
    ended = [fact for fact in facts if fact.ended(today)]
    text = norm(body)
    if not any(fact.values.search(text) for fact in ended):  # most articles quote none: one search each
        return []
    by_id = {fact.id: fact for fact in facts}
    problems, seen = [], set()
    for number, sentence in sentences(body):
        text = norm(sentence)
        for fact in ended:
            written = fact.quoted_in(text)
            if written is None or (number, fact.id) in seen:
                continue
            seen.add((number, fact.id))
            current = by_id.get(fact.replaced_by)
            now = f"state the fact in force, '{current.says.get(lang, '')}' ({current.source})" if current else "state the fact in force"
            problems.append(Problem(file, first_line + number - 1, "dated fact",
                                    f"'{as_written(sentence, written)}' quotes '{fact.says.get(lang, '')}', which no longer holds "
                                    f"since {fact.until} ({fact.source})",
                                    f"{now}; or say the old one is history ('formerly', 'until {fact.until[:4]}')",
                                    Severity.WARNING, "dated-fact-ended"))
    return problems
