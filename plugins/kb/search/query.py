"""Searching an index the way agents type: a few words, either language, no accents,
typos, codes.

- Parsing never fails: control characters, stray quotes and operators, lone `*` and
  very long input are cleaned, not rejected. A balanced "quoted phrase" must appear as is.
- Typos, as the hosted engines do it (Algolia, Meilisearch): a word the index does not
  know is matched with 1 typo from 4 letters and 2 from 8 (a swap of two letters is one
  typo); codes and numbers never are. The last word may be unfinished (search as you type).
- Synonyms from the glossary join the two languages.
- Ranking: BM25 over words weighted by where they stand (a title word counts as 4 words of
  body text, a summary or tag word 2.5, a heading word 1.6); then, among the best
  candidates, the share of the query's words an article holds (all beat most), where they
  are (titles first), words found as typed, and the query's language. One result per
  article, pointing at the table row or heading that answers when there is one.
"""

from __future__ import annotations

import bisect
import html
import json
import math
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh import index as whoosh_index
from whoosh.query import And, AndMaybe, DisjunctionMax, Or, Query, Term

from kb.search.analysis import STOPWORDS, fold, is_code, stems, words
from kb.search.index import INFO, SYNONYMS, VERSION, VOCABULARY
from kb.search.synonyms import Synonyms

MAX_CHARS = 256  # agents type a few words; the rest of a pasted text is noise
MAX_WORDS = 12
CANDIDATES = 30  # hits ranked by the index before the final ranking
CODE_BOOST = 6.0
EXACT_BONUS = 0.3  # words found as typed (not only their stem) rank higher
TYPO_WEIGHT = 0.5
PREFIX_WEIGHT = 0.6
SYNONYM_WEIGHT = 0.7
LANGUAGE_BOOST = 1.3
# Final ranking: how much a query word found in each zone adds (titles first).
ZONE_BONUS = {"title": 1.0, "meta": 0.6, "head": 0.3, "body": 0.0}
SCORE_POWER = 0.5  # of the index's score in the final one: below 1, where words are counts more
# Words are required, rarest first, while the documents they match stay under this share
# of the index; the commoner words only add to the score of those documents. This keeps
# the work of a query bounded on large indexes (the idea of MaxScore/WAND).
REQUIRED_SHARE = 0.1
REQUIRED_MINIMUM = 1000  # documents: below this, any plan is fast
COMMON_SHARE = 0.5  # a word in more than this share of the articles is never required
OPERATORS = {"OR", "AND", "NOT"}
_QUOTED = re.compile(r'"([^"]*)"')
_TOKEN = re.compile(r"[^\W_]+\*?|\*")
_SNIPPET_CHARS = 180


def typo_budget(word: str) -> int:
    """Typos allowed in a word: none under 4 letters or in codes, 1 from 4, 2 from 8."""
    if is_code(word) or len(word) < 4:
        return 0
    return 2 if len(word) >= 8 else 1


@dataclass
class ParsedQuery:
    """What was understood of the query: its words (folded), its quoted phrases, and
    whether the last word may be unfinished."""

    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    prefix: bool = False

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


def clean(text: str) -> str:
    """The query without control or format characters, cut to MAX_CHARS at a word."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in str(text))
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    return text


def parse(text: str) -> ParsedQuery:
    """Parse what an agent typed; never raises."""
    text = clean(text)
    parsed = ParsedQuery()
    for match in _QUOTED.finditer(text):
        phrase = words(match.group(1))
        if len(phrase) > 1:
            parsed.phrases.append(phrase)
    rest = _QUOTED.sub(lambda m: " " + m.group(1) + " ", text).replace('"', " ")
    tokens = [t for t in _TOKEN.findall(rest) if t != "*" and t not in OPERATORS]
    raw = [fold(t.rstrip("*")) for t in tokens]
    kept = [w for w in raw if w not in STOPWORDS] or raw  # a query of stop words only keeps them
    parsed.words = list(dict.fromkeys(kept))[:MAX_WORDS]
    ends_open = bool(tokens) and (tokens[-1].endswith("*") or not text.endswith((" ", '"')))
    parsed.prefix = ends_open and bool(parsed.words) and fold(tokens[-1].rstrip("*")) == parsed.words[-1]
    return parsed


@dataclass
class Hit:
    id: str
    lang: str
    title: str
    url: str
    anchor: str
    snippet: str
    score: float
    type: str = ""
    audience: str = ""
    row: str = ""

    @property
    def link(self) -> str:
        return self.url + (f"#{self.anchor}" if self.anchor else "")

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Results:
    hits: list[Hit]
    query: ParsedQuery
    language: str | None = None  # the language the query seems to be in
    did_you_mean: str | None = None
    corrected: dict[str, list[str]] = field(default_factory=dict)  # word -> typo candidates used


@dataclass
class _Word:
    """One query word and every form that counts as matching it."""

    text: str
    forms: set[str]  # index terms (exact words and stems) that match the word
    alternatives: list[tuple[str, float]]  # (word, weight) besides itself: typos, completions
    phrases: list[tuple[str, ...]] = field(default_factory=list)  # synonyms of several words


class Vocabulary:
    """The index's words with their document counts per language: for typos, completions,
    "did you mean" and guessing the query's language."""

    def __init__(self, data: dict) -> None:
        self.languages: list[str] = data["languages"]
        self.df: dict[str, list[int]] = data["words"]
        self.sorted = sorted(self.df)
        self.by_length: dict[int, list[str]] = {}
        for word in self.sorted:
            if not is_code(word):
                self.by_length.setdefault(len(word), []).append(word)
        self.totals = [max(1, sum(counts[i] for counts in self.df.values())) for i in range(len(self.languages))]

    def __contains__(self, word: str) -> bool:
        return word in self.df

    def count(self, word: str) -> int:
        return sum(self.df.get(word, ()))

    def near(self, word: str, distance: int, limit: int = 3) -> list[str]:
        """Known words within `distance` typos of `word`, closest and commonest first."""
        if distance <= 0:
            return []
        found = []
        for length in range(len(word) - distance, len(word) + distance + 1):
            bucket = self.by_length.get(length)
            if bucket:
                found += process.extract(word, bucket, scorer=OSA.distance, score_cutoff=distance, limit=None)
        found.sort(key=lambda item: (item[1], -self.count(item[0])))
        return [w for w, _, _ in found if w != word][:limit]

    def completions(self, prefix: str, limit: int = 5) -> list[str]:
        """Known words starting with `prefix`, commonest first."""
        start = bisect.bisect_left(self.sorted, prefix)
        found = []
        for word in self.sorted[start:start + 2000]:
            if not word.startswith(prefix):
                break
            if word != prefix:
                found.append(word)
        return sorted(found, key=lambda w: -self.count(w))[:limit]

    def language(self, query_words: list[str]) -> str | None:
        """The language whose articles use the query's words more, if one clearly does."""
        votes = [0.0] * len(self.languages)
        for word in query_words:
            counts = self.df.get(word)
            if not counts or is_code(word):
                continue
            rates = [(counts[i] + 0.5) / self.totals[i] for i in range(len(self.languages))]
            best = max(range(len(rates)), key=rates.__getitem__)
            ratio = rates[best] / max(min(rates), 1e-9)
            if ratio >= 2:
                votes[best] += math.log(ratio)
        if not any(votes):
            return None
        ranked = sorted(range(len(votes)), key=votes.__getitem__, reverse=True)
        if len(ranked) > 1 and votes[ranked[0]] == votes[ranked[1]]:
            return None
        return self.languages[ranked[0]]


def _terms(word: str, weight: float, field: str, known: Callable[[str, str], bool]) -> list[Query]:
    """The index terms of one word in `field`: its stems the index holds (a code is its own
    stem, and is also looked for among the codes of table rows)."""
    forms = [word] if is_code(word) else sorted(stems(word))
    found = [Term(field, form, boost=weight) for form in forms]
    if is_code(word):
        found.append(Term("code", word, boost=CODE_BOOST * weight))
    return [term for term in found if known(term.fieldname, term.text)] or found[:1]


def _forms(word: str) -> set[str]:
    return {word} if is_code(word) else {word} | stems(word)


_WORDS = re.compile(r"[^\W_]+")
_ACCENTED = {"a": "aáàâä", "e": "eéèêë", "i": "iíìîï", "o": "oóòôö", "u": "uúùûü", "n": "nñ", "c": "cç"}


class _Marker:
    """Finds and marks, in the text of a result, the words that match the query."""

    def __init__(self, forms: set[str]) -> None:
        self.forms = forms
        # Words starting with a form less its last two letters (stemmers may rewrite a
        # word's end: "transferencia" -> "transferent", "policy" -> "polici"), accents and
        # capitals allowed, are found by one regular expression; only they are checked.
        prefixes = sorted({form[: max(3, len(form) - 2)] for form in forms}, key=len, reverse=True)
        pattern = "|".join("".join(f"[{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in prefix)
                           for prefix in prefixes)
        self.quick = re.compile(rf"\b(?:{pattern})[^\W_]*" if pattern else r"(?!)", re.IGNORECASE)

    def hit(self, word: str) -> bool:
        """Whether a folded word matches: as typed, or through one of its stems."""
        return word in self.forms or not self.forms.isdisjoint(stems(word))  # stems() is cached

    def matches(self, text: str) -> set[str]:
        """The distinct (folded) words of `text` that match."""
        return {word for word in {fold(found) for found in self.quick.findall(text)} if self.hit(word)}

    def mark(self, text: str) -> str:
        """`text` HTML-escaped, with the matching words in <mark>."""
        out, last = [], 0
        for match in _WORDS.finditer(text):
            if self.hit(fold(match.group(0))):
                out.append(html.escape(text[last:match.start()], quote=False))
                out.append(f"<mark>{html.escape(match.group(0), quote=False)}</mark>")
                last = match.end()
        out.append(html.escape(text[last:], quote=False))
        return "".join(out)

    def window(self, text: str) -> str:
        """About _SNIPPET_CHARS characters of `text` around its first matching word."""
        if len(text) <= _SNIPPET_CHARS:
            return text
        first = next((m.start() for m in _WORDS.finditer(text) if self.hit(fold(m.group(0)))), None)
        start = 0 if first is None or first < _SNIPPET_CHARS // 3 else text.rfind(" ", 0, first - _SNIPPET_CHARS // 3) + 1
        end = text.rfind(" ", start, start + _SNIPPET_CHARS)
        end = end if end > start else start + _SNIPPET_CHARS
        return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def _holds_phrases(doc: dict, page: bytes, phrases: list[list[str]]) -> bool:
    """Whether an article shows each quoted phrase, its words in that order."""
    text = " ".join(words(" ".join([doc["title"], doc["summary"], json.loads(page)["text"]])))
    return all(f" {' '.join(phrase)} " in f" {text} " for phrase in phrases)


class IndexUnavailable(Exception):
    """There is no usable index (not built yet, or built by another version): build it."""


class SearchIndex:
    """A searchable index of one audience. It follows the index's symlink: the search after
    a rebuild reads the new build. Searches take turns (a Whoosh searcher is not shared
    between threads); each takes milliseconds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._target: str | None = None
        self._open()

    def _open(self) -> None:
        target = os.path.realpath(self.path)
        folder = Path(target)
        if not folder.is_dir() or not (folder / INFO).exists() or not whoosh_index.exists_in(target):
            raise IndexUnavailable(f"no search index at {self.path}")
        info = json.loads((folder / INFO).read_text(encoding="utf-8"))
        if info.get("version") != VERSION:
            raise IndexUnavailable(f"the search index at {self.path} was built by another version of kb")
        self.searcher = whoosh_index.open_dir(target).searcher()
        self.pages = self.searcher.reader().column_reader("page")  # opened once: it reads an offset table
        self.vocabulary = Vocabulary(json.loads((folder / VOCABULARY).read_text(encoding="utf-8")))
        self.synonyms = Synonyms(json.loads((folder / SYNONYMS).read_text(encoding="utf-8")))
        self.info = info
        self._frequencies: dict[tuple[str, str], int] = {}
        self._target = target

    def _fresh(self) -> None:
        """Follow the symlink to a newer build (called under the lock: no search is using
        the old one, which is closed)."""
        if os.path.realpath(self.path) != self._target:
            old = self.searcher
            self._open()
            old.close()

    def _words(self, parsed: ParsedQuery, corrected: dict[str, list[str]]) -> list[_Word]:
        result = []
        for position, word in enumerate(parsed.words):
            alternatives: list[tuple[str, float]] = []
            if word not in self.vocabulary and not is_code(word):
                if parsed.prefix and position == len(parsed.words) - 1 and len(word) >= 3:
                    alternatives += [(w, PREFIX_WEIGHT) for w in self.vocabulary.completions(word)]
                typos = self.vocabulary.near(word, typo_budget(word))
                if typos:
                    corrected[word] = typos
                alternatives += [(w, TYPO_WEIGHT) for w in typos if w not in dict(alternatives)]
            forms = _forms(word)
            for alternative, _ in alternatives:
                forms |= _forms(alternative)
            result.append(_Word(word, forms, alternatives))
        for expansion in self.synonyms.expand([w.text for w in result]):
            if expansion.end - expansion.start == 1:
                target = result[expansion.start]
                for phrase in expansion.phrases:
                    if len(phrase) == 1:
                        target.alternatives.append((phrase[0], SYNONYM_WEIGHT))
                        target.forms |= _forms(phrase[0])
                    else:
                        target.phrases.append(phrase)
            else:
                for position in range(expansion.start, expansion.end):
                    result[position].phrases += list(expansion.phrases)
        return result

    def _clause(self, word: _Word, field: str = "s") -> tuple[Query, int]:
        """The query of one word (all its forms) in `field`, and how many documents it may
        match."""
        # Each form (the word, a typo's correction, a completion, a synonym) is one choice:
        # an article scores for its best choice (plus a little for the others), so holding a
        # word and its synonym does not count twice. A synonym of several words counts as
        # much as the word it stands for.
        known = self._known
        seen: set[tuple[str, str]] = set()
        choices: list[Query] = []
        size = 0
        for choice, weight in [(word.text, 1.0), *word.alternatives]:
            # A term already asked for by a better choice adds nothing (typo corrections
            # often share stems: "comercio", "comercios"), nor does a word the index lacks.
            terms = [t for t in _terms(choice, weight, field, known)
                     if (t.fieldname, t.text) not in seen and known(t.fieldname, t.text)]
            seen.update((t.fieldname, t.text) for t in terms)
            if terms:
                choices.append(Or(terms))
                # Documents it may match: the choice's commonest form (a word's stems in the
                # two languages match nearly the same documents), added up.
                size += max(self._frequency(t.fieldname, t.text) for t in terms)
        for phrase in word.phrases:
            choices.append(And([Or(_terms(w, SYNONYM_WEIGHT / len(phrase), field, known)) for w in phrase]))
            size += min(self._frequency(field, f) for w in phrase for f in _forms(w))
        if not choices:  # nothing known: a query that matches nothing
            return Or(_terms(word.text, 1.0, field, known)), 0
        return (choices[0] if len(choices) == 1 else DisjunctionMax(choices, tiebreak=0.1)), size

    def _frequency(self, field: str, text: str) -> int:
        """Documents holding a term (remembered: a query asks for the same terms again)."""
        key = (field, text)
        if key not in self._frequencies:
            self._frequencies[key] = self.searcher.doc_frequency(field, text)
        return self._frequencies[key]

    def _known(self, field: str, text: str) -> bool:
        return self._frequency(field, text) > 0

    def _plans(self, query_words: list[_Word], phrases: list[list[str]]) -> list[Query]:
        """Queries to run in turn until one finds enough results.

        The rare words are required and the common ones only add to the score, which
        bounds the work (the idea of MaxScore/WAND). When every word is common, articles
        holding the query's telling words in their title, summary, tags or headings come
        first (a short field: little to read), then the rarest word's articles, ranked by
        all the words. A word in most articles tells nothing: it is never required (as
        Lucene's common terms query does)."""
        count = self.searcher.doc_count()
        # A word the index does not have (and no correction of it) matches nothing: it only
        # lowers the share of the query's words that the results hold.
        clauses = sorted((c for c in (self._clause(word) for word in query_words) if c[1]), key=lambda c: c[1])
        if not clauses:
            return []
        budget = max(REQUIRED_MINIMUM, REQUIRED_SHARE * count)
        required, total = [], 0
        for clause, size in clauses:
            if required and total + size > budget:
                break
            required.append(clause)
            total += size
        optional = [clause for clause, _ in clauses[len(required):]]
        plans: list[Query] = []
        if total > budget:  # even the rarest word is common
            heads = sorted((c for c in (self._clause(word, "h") for word in query_words) if c[1]), key=lambda c: c[1])
            common = COMMON_SHARE * count
            telling = [clause for clause, size in heads if size <= common]
            rest = [clause for clause, size in heads if size > common]
            if not telling:
                telling, rest = rest[:1], rest[1:]
            if telling:  # (none when no word is above the body)
                plans.append(AndMaybe(And(telling), Or(rest)) if rest else And(telling))
        plans.append(AndMaybe(Or(required), Or(optional)) if optional else Or(required))
        if phrases:  # their words are required here; their order is checked on the results
            need = [Or(_terms(word, 0.0, "s", self._known)) for phrase in phrases for word in phrase]
            plans = [And([*need, plan]) for plan in plans]
        return plans

    def search(self, text: str, lang: str | None = None, limit: int = 10) -> Results:
        """The best articles for `text` (only in `lang` when given), best first."""
        parsed = parse(text)
        if parsed.empty:
            return Results([], parsed)
        limit = max(1, min(int(limit), 50))
        with self._lock:
            self._fresh()
            return self._search(parsed, lang, limit)

    def _search(self, parsed: ParsedQuery, lang: str | None, limit: int) -> Results:
        corrected: dict[str, list[str]] = {}
        query_words = self._words(parsed, corrected)
        language = self.vocabulary.language([w.alternatives[0][0] if w.alternatives and w.text not in self.vocabulary
                                             else w.text for w in query_words])
        lang_filter = Term("lang", lang) if lang else None
        hits: list = []
        plans = self._plans(query_words, parsed.phrases)
        for number, plan in enumerate(plans):
            hits = self.searcher.search(plan, limit=CANDIDATES, filter=lang_filter)
            if hits.scored_length() >= limit or number == len(plans) - 1:
                break
        best: dict[str, Hit] = {}
        docs: dict[str, dict] = {}
        numbers: dict[str, int] = {}
        pages = self.pages
        for hit in hits:
            doc = hit["doc"]
            if parsed.phrases and not _holds_phrases(doc, pages[hit.docnum], parsed.phrases):
                continue
            score = hit.score ** SCORE_POWER * self._fit(query_words, doc["zones"])
            if language and hit["lang"] == language:
                score *= LANGUAGE_BOOST
            if hit["id"] not in best or score > best[hit["id"]].score:
                best[hit["id"]] = Hit(hit["id"], hit["lang"], doc["title"], doc["url"], "", "", score,
                                      hit["type"], hit["audience"])
                docs[hit["id"]] = doc
                numbers[hit["id"]] = hit.docnum
        ranked = sorted(best.values(), key=lambda h: -h.score)[:limit]
        forms = set().union(*(w.forms for w in query_words)) if query_words else set()
        for phrase_words in [p for w in query_words for p in w.phrases] + parsed.phrases:
            forms |= set(phrase_words)
        codes = {w.text for w in query_words if is_code(w.text)}
        marker = _Marker(forms)
        for hit in ranked:
            page = json.loads(pages[numbers[hit.id]])
            self._target_of(hit, docs[hit.id] | page, marker, codes, len(query_words))
            hit.score = round(hit.score, 3)
        results = Results(ranked, parsed, language, corrected=corrected)
        if not ranked:
            results.did_you_mean = self.did_you_mean(parsed)
        return results

    @staticmethod
    def _fit(query_words: list[_Word], zones: dict[str, str]) -> float:
        """How well an article fits the query beyond its index score: the share of the
        query's words it holds (squared: all words beat most words), and where they are."""
        if not query_words:
            return 1.0
        covered, bonus, exact = 0, 0.0, 0
        for word in query_words:
            found = [zone for zone, terms in zones.items()
                     if any(f" {form} " in terms for form in word.forms)
                     or any(all(f" {w} " in terms for w in p) for p in word.phrases)]
            if found:
                covered += 1
                bonus += max(ZONE_BONUS.get(zone, 0.0) for zone in found)
                exact += any(f" {word.text} " in zones[zone] for zone in found)
        share = covered / len(query_words)
        return share * share * (1 + bonus / len(query_words)) * (1 + EXACT_BONUS * exact / len(query_words))

    @staticmethod
    def _target_of(hit: Hit, doc: dict, marker: _Marker, codes: set[str], size: int) -> None:
        """Where in the page the answer is: the row of a code, a row or heading matching
        the query; and the snippet to show."""
        for key, text, anchor in doc["rows"]:
            if codes and codes & set(words(key)):
                hit.anchor, hit.row, hit.snippet = anchor, key, marker.mark(text)
                return
        if size >= 2:
            best_row, best_count = None, 1
            for row in doc["rows"]:
                count = len(marker.matches(row[1]))
                if count > best_count:
                    best_row, best_count = row, count
            if best_row and best_count >= min(size, 3):
                hit.row, hit.anchor, hit.snippet = best_row[0], best_row[2], marker.mark(best_row[1])
                return
        title_words = marker.matches(doc["title"])
        best_heading, best_count = "", 0
        for text, anchor in doc["headings"]:
            found = marker.matches(text)
            if found - title_words and len(found) > best_count:
                best_heading, best_count = anchor, len(found)
        hit.anchor = best_heading
        # The paragraph with the most of the query's words (the summary if none has more).
        best, best_count = doc["summary"], len(marker.matches(doc["summary"]))
        for paragraph in doc["text"].split("\n"):
            count = len(marker.matches(paragraph))
            if count > best_count:
                best, best_count = paragraph, count
        hit.snippet = marker.mark(marker.window(best))

    def did_you_mean(self, parsed: ParsedQuery) -> str | None:
        """The query with each unknown word replaced by the closest known one, if any."""
        changed, out = False, []
        for word in parsed.words:
            if word in self.vocabulary or is_code(word):
                out.append(word)
                continue
            near = self.vocabulary.near(word, max(1, typo_budget(word) + 1))
            out.append(near[0] if near else word)
            changed = changed or bool(near)
        return " ".join(out) if changed else None
