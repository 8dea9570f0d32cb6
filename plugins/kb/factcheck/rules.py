"""The rules that find a platform fact stated with another value, read from a data file.

A rule (data/fact-rules.yml) reads each sentence that matches every regex of `near` and no
regex of `unless`; every number its extractors (`read`) find there must be a value of one of
its `facts`, read from data/platform.yml with the same extractors. When the sentence names a
topic of `narrow`, only that topic's facts are allowed: "card fee 4.5 %" is wrong although
4.5 % is the international card fee. `words` names regexes that rules use as `${name}`.
Regexes are written lower case and without accents, as the check reads the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kb.datafile import DataFile
from kb.facts import Facts
from kb.factcheck.quantities import EXTRACTORS, UNIT_TABLE, Found, Numbers, extractor
from kb.factcheck.reading import read
from kb.problems import Problem

_WORD = re.compile(r"\$\{(\w+)\}")
READABLE = sorted(EXTRACTORS) + sorted(UNIT_TABLE)
ALSO = ("doubling", "retries_of")


@dataclass(frozen=True)
class FactRef:
    path: str
    reads: str = "{n}"  # how a bare number of the facts file reads in a sentence, e.g. "{n} days"


@dataclass(frozen=True)
class Rule:
    name: str
    extract: Callable[[Numbers], Found]
    facts: tuple[FactRef, ...]
    near: tuple[re.Pattern[str], ...] = ()
    unless: re.Pattern[str] | None = None
    narrow: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = ()
    also: tuple[tuple[str, Any], ...] = ()
    line: int = 0
    reads: frozenset[str] = frozenset()  # the kinds `extract` reads (percent, day...)

    def applies(self, sentence: str) -> bool:
        return all(p.search(sentence) for p in self.near) and not (self.unless and self.unless.search(sentence))

    def topics(self, sentence: str) -> frozenset[str] | None:
        """The facts this sentence may state: those of the topics it names, else all."""
        paths = frozenset(p for topic, paths in self.narrow if topic.search(sentence) for p in paths)
        return paths or None


@dataclass
class RuleBook:
    """The rules, the leaves articles may write in words, and the values each rule allows."""

    facts: Facts
    rules: tuple[Rule, ...] = ()
    may_be_written: dict[str, str] = field(default_factory=dict)
    _allowed: dict[tuple[str, frozenset[str] | None], set] = field(default_factory=dict)

    def covered(self) -> set[str]:
        return {ref.path for rule in self.rules for ref in rule.facts}

    def allowed(self, rule: Rule, paths: frozenset[str] | None = None) -> set:
        key = (rule.name, paths)
        if key not in self._allowed:
            self._allowed[key] = allowed_values(self.facts, rule, paths)
        return self._allowed[key]


def leaf_texts(facts: Facts, ref: FactRef, lang: str) -> list[str]:
    """The leaf as sentences state it: '3 business days after capture'; a bare number with
    its unit ('7 days'); a list of numbers as one text per number."""
    text = facts.lookup(ref.path, lang)
    if text is None:
        return []
    if re.fullmatch(r"[\d\s,]+", text):
        return [ref.reads.format(n=n) for n in re.findall(r"\d+", text)]
    return [text]


def allowed_values(facts: Facts, rule: Rule, paths: frozenset[str] | None = None) -> set:
    values: set = set()
    for ref in rule.facts:
        if paths is None or ref.path in paths:
            for lang in facts.languages:
                for text in leaf_texts(facts, ref, lang):
                    values |= {value for value, _ in rule.extract(Numbers(read(text, lang)))}
    if paths is None or paths & {ref.path for ref in rule.facts}:
        values |= _derived(facts, dict(rule.also))
    return values


def _derived(facts: Facts, also: dict[str, Any]) -> set:
    def number(path: str) -> int:
        return int(facts.lookup(path, facts.languages[0]) or 0)

    values: set = set()
    if "doubling" in also:  # exponential backoff: 0 (jitter), then the first delay doubled up to the last
        delay, last = number(also["doubling"]["from"]), number(also["doubling"]["to"])
        values.add((0, "time"))
        while 0 < delay <= last:
            values.add((delay, "time"))
            delay *= 2
    if "retries_of" in also:  # N attempts are the first delivery and N - 1 retries
        attempts = number(also["retries_of"])
        values |= {(attempts, "retry"), (attempts - 1, "retry")}
    return values


class _Reader:
    """Turns the data file into rules, collecting every problem on the way."""

    def __init__(self, file: DataFile, facts: Facts) -> None:
        self.file, self.facts = file, facts
        self.problems: list[Problem] = []
        self.words: dict[str, str] = {}

    def fail(self, key: tuple, message: str, fix: str) -> None:
        self.problems.append(self.file.problem(key, message, fix, code="bad-fact-rule"))

    def expand(self, text: str, key: tuple, seen: tuple[str, ...] = ()) -> str | None:
        def word(m: re.Match[str]) -> str:
            name = m[1]
            if name not in self.words or name in seen:
                raise KeyError(name)
            return self.expand(self.words[name], key, (*seen, name)) or ""

        try:
            return _WORD.sub(word, text)
        except KeyError as exc:
            self.fail(key, f"'${{{exc.args[0]}}}' names no entry of 'words' (or one that uses itself)",
                      f"define '{exc.args[0]}:' under 'words:' or fix the name")
            return None

    def regex(self, value: Any, key: tuple) -> re.Pattern[str] | None:
        if not isinstance(value, str) or not value:
            self.fail(key, "is not a regex", "write the regex as a quoted string")
            return None
        text = self.expand(value, key)
        if text is None:
            return None
        try:
            return re.compile(text)
        except re.error as exc:
            self.fail(key, f"is not a valid regex ({exc})", "fix the regex (quote it in single quotes; write ' as '')")
            return None

    def fact(self, value: Any, key: tuple) -> FactRef | None:
        if isinstance(value, dict) and isinstance(value.get("fact"), str):
            ref = FactRef(value["fact"], str(value.get("reads", "{n}")))
        elif isinstance(value, (str, int)):
            ref = FactRef(str(value))
        else:
            self.fail(key, "is not a fact", "write the fact's key (fees.card.percent) or {fact: key, reads: '{n} days'}")
            return None
        if "{n}" not in ref.reads:
            self.fail(key, f"reads '{ref.reads}' has no {{n}}", "write how the number reads, e.g. reads: '{n} days'")
            return None
        missing = [lang for lang in self.facts.languages if self.facts.lookup(ref.path, lang) is None]
        if missing:
            self.fail(key, f"'{ref.path}' is not a fact of the platform facts file with a value in {', '.join(missing)}",
                      "use the key of a leaf of data/platform.yml")
            return None
        return ref

    def rule(self, entry: Any, key: tuple) -> Rule | None:
        if not isinstance(entry, dict) or not entry.get("name"):
            self.fail(key, "a rule needs at least a name, what it reads and its facts", "write '- name: ...', 'read: [...]', 'facts: [...]'")
            return None
        before = len(self.problems)
        reads = entry.get("read")
        reads = [reads] if isinstance(reads, str) else reads
        if not isinstance(reads, list) or not reads or any(r not in READABLE for r in reads):
            self.fail((*key, "read"), f"reads {reads!r}", f"list what the rule reads, among: {', '.join(READABLE)}")
            reads = []
        facts = [self.fact(value, (*key, "facts", i)) for i, value in enumerate(entry.get("facts") or [])]
        if not facts:
            self.fail((*key, "facts"), "the rule names no fact", "list the facts whose values the sentences may state")
        near = [self.regex(value, (*key, "near", i)) for i, value in enumerate(_as_list(entry.get("near")))]
        unless = self.regex(entry["unless"], (*key, "unless")) if entry.get("unless") else None
        names = {ref.path for ref in facts if ref}
        narrow = []
        for i, topic in enumerate(entry.get("narrow") or []):
            where = (*key, "narrow", i)
            if not isinstance(topic, dict):
                self.fail(where, "is not a topic", "write {when: regex, facts: [keys]}")
                continue
            paths = [str(p) for p in topic.get("facts") or []]
            if not paths or any(p not in names for p in paths):
                self.fail(where, f"names {paths!r}, not all among the rule's facts", "list facts the rule names")
            narrow.append((self.regex(topic.get("when"), (*where, "when")), frozenset(paths)))
        also = entry.get("also") or {}
        if not isinstance(also, dict) or set(also) - set(ALSO):
            self.fail((*key, "also"), f"is {also!r}", f"use {ALSO[0]}: {{from: key, to: key}} or {ALSO[1]}: key")
            also = {}
        if len(self.problems) > before:
            return None
        rule = Rule(str(entry["name"]), extractor(tuple(reads)), tuple(facts), tuple(near), unless, tuple(narrow),  # type: ignore[arg-type]
                    tuple(sorted(also.items())), self.file.line(*key), frozenset(reads))
        for i, ref in enumerate(rule.facts):
            if not allowed_values(self.facts, Rule(rule.name, rule.extract, (ref,))):
                self.fail((*key, "facts", i), f"reads no value in '{ref.path}' ({self.facts.lookup(ref.path, self.facts.languages[0])!r})",
                          "read what the fact holds (read: [...]) or say how its number reads (reads: '{n} days')")
        return rule if len(self.problems) == before else None


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def load_rules(file: DataFile, facts: Facts) -> tuple[RuleBook, list[Problem]]:
    """The rules of `file`; a rule with a problem is left out and the problem reported."""
    book = RuleBook(facts)
    data = file.data
    if data is None:
        return book, []
    reader = _Reader(file, facts)
    if not isinstance(data, dict):
        reader.fail((), "the rules file is not a mapping", "write 'words:', 'may_be_written:' and 'rules:' sections")
        return book, reader.problems
    words = data.get("words") or {}
    reader.words = {str(k): str(v) for k, v in words.items()} if isinstance(words, dict) else {}
    may = data.get("may_be_written") or {}
    book.may_be_written = {str(k): str(v) for k, v in may.items()} if isinstance(may, dict) else {}
    for path in book.may_be_written:
        if not any(facts.lookup(path, lang) is not None for lang in facts.languages):
            reader.fail(("may_be_written", path), f"'{path}' is not a fact of the platform facts file", "remove it or fix the key")
    rules = []
    for index, entry in enumerate(data.get("rules") or []):
        rule = reader.rule(entry, ("rules", index))
        if rule:
            rules.append(rule)
    book.rules = tuple(rules)
    return book, reader.problems
