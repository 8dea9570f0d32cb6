"""Platform facts stated by hand, or with a second value, in an article.

The platform's facts live once, in data/platform.yml; an article writes
`{{ platform.fees.card.percent }}`. Three things break that, each reported at its line:

1. Text that looks like a placeholder but that the site would not replace
   (`{{ platform.x | upper }}`, `{{ plataforma.x }}`).
2. A leaf's text copied by hand ("3.6 %", "$250.00 MXN", "X-Request-Id"), in either
   language. Leaves too short to search for verbatim (a bare number, "17:00", "1 hour") are
   watched by a rule instead; a short leaf that no rule watches is reported in the facts file.
3. A number that contradicts the facts file: a rule of data/fact-rules.yml finds it near
   the words that name a fact ("5 business days" near "card payout") and it is none of the
   values the facts file holds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from kb.datafile import DataFile
from kb.facts import Facts
from kb.factcheck.quantities import Numbers, is_generic
from kb.factcheck.reading import as_written, fold_in_place, may_state_a_number, norm, read, sentences, without_placeholders
from kb.factcheck.rules import Rule, RuleBook
from kb.problems import Problem, Severity

_DIGIT = re.compile(r"\d")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")  # ](../api/idempotency.md#idempotency-key "title")
_LOOKS_LIKE_PLACEHOLDER = re.compile(r"\{\{[^{}\n]*?\b(?:platform|plataforma)\b[^{}\n]*?\}\}|\{\{\s*platform\.[^}\n]*", re.I)


def placeholder(path: str) -> str:
    return f"{{{{ platform.{path} }}}}"


def verbatim_pattern(value: str) -> str:
    """A leaf's text and its obvious respellings, as a regex: '3.6 %' also as '3.6%',
    '3,6 %'; '$250.00 MXN' also as '$250 MXN', '250.00 MXN', '250 pesos'; spaces optional."""
    value = norm(value).strip()
    variants = {value}
    if m := re.fullmatch(r"(\d+)(?:[.,](\d+))? ?%", value):
        variants |= {f"{m[1]}{sep}{m[2]} %" if m[2] else f"{m[1]} %" for sep in ".,"}
    if m := re.fullmatch(r"\$([\d,]+)\.(\d{2}) mxn", value):
        whole, cents = m[1], m[2]
        variants |= {f"${whole} mxn", f"{whole}.{cents} mxn", f"{whole} pesos", f"${whole}.{cents} pesos"}
        if cents != "00":
            variants.add(f"${whole}.{cents}")
    parts = []
    for variant in sorted(variants, key=len, reverse=True):
        first, rest = re.escape(variant[0]), re.escape(variant[1:]).replace(r"\ ", " ").replace(" ", " *")
        # The regex starts with a literal (so that it is searched fast), then looks behind it.
        boundary = rf"(?<![\w.,$]{first})" if variant[0].isalnum() else ""
        suffix = r"(?![\d]|[.,]\d)" if variant[-1].isdigit() else (r"(?!\w)" if variant[-1].isalnum() else "")
        parts.append(first + boundary + rest + suffix)
    return "|".join(parts)


@dataclass(frozen=True)
class Leaf:
    """Leaves searched for verbatim that hold the same texts ('$3.00 MXN' is the fixed fee
    of three kinds of card), and those texts."""

    paths: tuple[str, ...]
    texts: str
    regex: re.Pattern[str]
    needles: tuple[str, ...]  # one of them is in any text the regex can match: a fast test first

    @classmethod
    def of(cls, paths: list[str], values: frozenset[str]) -> Leaf:
        pattern = "|".join(verbatim_pattern(value) for value in sorted(values, key=len, reverse=True))
        return cls(tuple(paths), " / ".join(sorted(values)), re.compile(pattern), tuple({_needle(norm(v)) for v in values}))

    def placeholders(self) -> str:
        return " or ".join(placeholder(path) for path in self.paths)


def _needle(value: str) -> str:
    """What every respelling of `value` contains: its first number ('$3.00 MXN' is also
    '3 pesos', '3.6 %' also '3,6 %'), else its longest word."""
    if number := re.search(r"\d+", value):
        return number[0]
    return max(re.findall(r"[a-z]+", value) or [value], key=len)


@dataclass
class PlatformCheck:
    """Checks articles against the facts file, with the rules of the rules file."""

    facts: Facts
    book: RuleBook
    facts_file: DataFile  # for its name and the lines of its leaves

    @cached_property
    def verbatim(self) -> dict[str, set[str]]:
        """Leaf -> its texts (every language) that must never be written by hand."""
        out = {}
        for path, texts in self.facts.leaves().items():
            wanted = {text for text in texts.values() if text.strip() and not is_generic(norm(text))}
            if wanted and path not in self.book.may_be_written:
                out[path] = wanted
        return out

    @cached_property
    def _leaves(self) -> list[Leaf]:
        """The leaves searched for verbatim, those with the same texts together (one regex
        each: a single alternation of all of them is several times slower in `re`)."""
        by_texts: dict[frozenset[str], list[str]] = {}
        for path, values in sorted(self.verbatim.items()):
            by_texts.setdefault(frozenset(values), []).append(path)
        return [Leaf.of(paths, values) for values, paths in by_texts.items()]

    def check_file(self, text: str, lang: str, file: str) -> list[Problem]:
        """Every problem of one article's text (line 1 is the file's first); link targets
        are addresses, not statements."""
        rest = _LINK_TARGET.sub("]()", without_placeholders(text))
        return self._look_alikes(rest, file) + self._written_by_hand(rest, file) + self._contradictions(rest, lang, file)

    def _look_alikes(self, rest: str, file: str) -> list[Problem]:
        return [Problem(file, rest.count("\n", 0, m.start()) + 1, "platform fact",
                        f"'{m[0]}' is not replaced by the site: only '{{{{ platform.section.key }}}}' is",
                        "write exactly '{{ platform.<key> }}' with a key of the facts file (no filters, no other words)",
                        code="not-a-placeholder")
                for m in _LOOKS_LIKE_PLACEHOLDER.finditer(rest)]

    def _written_by_hand(self, rest: str, file: str) -> list[Problem]:
        text = fold_in_place(rest)
        problems, seen = [], set()
        for leaf in self._leaves:
            if not any(needle in text for needle in leaf.needles):
                continue
            for m in leaf.regex.finditer(text):
                number = text.count("\n", 0, m.start()) + 1
                if (number, leaf.paths) not in seen:
                    seen.add((number, leaf.paths))
                    names = " or ".join(f"'{path}'" for path in leaf.paths)
                    problems.append(Problem(file, number, "platform fact",
                                            f"'{rest[m.start():m.end()]}' is the platform fact {names} ({self.facts_file.display} holds '{leaf.texts}') written by hand",
                                            f"write {leaf.placeholders()} instead, so that it follows the facts file", code="fact-by-hand"))
        return problems

    def _contradictions(self, rest: str, lang: str, file: str) -> list[Problem]:
        problems, seen = [], set()
        for number, original in sentences(rest):
            if not may_state_a_number(original):
                continue
            sentence = read(original, lang)
            if not _DIGIT.search(sentence):  # every rule reads numbers (number words are digits by now)
                continue
            numbers = Numbers(sentence)
            kinds = numbers.kinds
            for rule in self.book.rules:
                if kinds.isdisjoint(rule.reads):
                    continue
                found = rule.extract(numbers)
                if not found or not rule.applies(sentence):
                    continue
                topics = rule.topics(sentence)
                allowed = self.book.allowed(rule, topics)
                for value, written in found:
                    if value not in allowed and (number, rule.name, written) not in seen:
                        seen.add((number, rule.name, written))
                        problems.append(self._contradiction(rule, topics, as_written(original, written), lang, file, number))
        return problems

    def _contradiction(self, rule: Rule, topics: frozenset[str] | None, written: str, lang: str, file: str, line: int) -> Problem:
        paths = [ref.path for ref in rule.facts if topics is None or ref.path in topics]
        holds = "; ".join(f"{path} is '{self.facts.lookup(path, lang)}'" for path in paths)
        return Problem(file, line, "platform fact",
                       f"'{written.strip()}' ({rule.name}) is not what {self.facts_file.display} holds: {holds}",
                       f"write {' or '.join(placeholder(p) for p in paths)} instead of the number", code="fact-contradicted")

    def check_facts_file(self) -> list[Problem]:
        """Texts per language agree on their numbers; every short leaf is watched by a rule."""
        problems = []
        languages = set(self.facts.languages)
        for path, texts in _localized(self.facts.tree, languages).items():
            key = tuple(path.split("."))
            missing = [lang for lang in self.facts.languages if not str(texts.get(lang) or "").strip()]
            extra = sorted(map(str, set(texts) - languages))
            if missing or extra:
                what = (f"no text in {', '.join(missing)}" if missing else "") + (f"{'; ' if missing else ''}unexpected keys {', '.join(extra)}" if extra else "")
                problems.append(self.facts_file.problem(key, what, f"give the fact one text per language ({', '.join(self.facts.languages)})",
                                                        code="fact-languages"))
            else:
                numbers = {lang: Counter(re.findall(r"\d+", str(texts[lang]))) for lang in self.facts.languages}
                if len({tuple(sorted(c.items())) for c in numbers.values()}) > 1:
                    shown = ", ".join(f"{lang} {texts[lang]!r}" for lang in self.facts.languages)
                    problems.append(self.facts_file.problem(key, f"the languages state different numbers ({shown})",
                                                            "state the same numbers in every language", code="fact-languages"))
        if not self.book.rules:
            return problems
        loose = sorted(set(self.facts.leaves()) - set(self.verbatim) - self.book.covered() - set(self.book.may_be_written))
        for path in loose:
            problems.append(self.facts_file.problem(tuple(path.split(".")), f"'{path}' is too short to be searched for verbatim and no fact rule watches it",
                                                    "add a rule naming it to the fact rules file (or list it under may_be_written, saying why)",
                                                    severity=Severity.WARNING, code="fact-unwatched"))
        return problems


def _localized(node: object, languages: set[str], prefix: str = "") -> dict[str, dict]:
    if not isinstance(node, dict):
        return {}
    if set(node) & languages:
        return {prefix: node}
    out: dict[str, dict] = {}
    for key, child in node.items():
        out.update(_localized(child, languages, f"{prefix}.{key}" if prefix else str(key)))
    return out
