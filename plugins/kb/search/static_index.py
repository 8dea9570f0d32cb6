"""The search of a site hosted as static files: an index the browser fetches piece by
piece, so that a query costs a few small files, not the whole index of both languages.

Computed from the same documents as the Whoosh index (index.py: the same analysis,
accent folding, stems of both languages, zones and codes), written beside the site:

- `manifest.json`: the layout (shard counts, languages, stop words);
- `synonyms.json`: the glossary's synonym groups, keyed as `kb search` looks them up;
- `terms/<n>.json`: by a hash of the folded word, each word the pages hold with its
  document counts per language and its postings: the documents holding the word or one
  of its stems, each with a precomputed BM25 impact and the zones the word is in. The
  client never stems: the stems are already behind the words;
- `words/<length>.json`: the words of each length, commonest first: typo corrections
  are looked for only among words of a length within the allowed typos;
- `docs/<n>.json`: per block of articles, each language version's title, address,
  summary and the table rows its codes lead to.

Document numbers are `article * languages + language`: one article's translations sit in
the same metadata block, and the client tells an article and a language from the number.
"""

from __future__ import annotations

import json
import math
import shutil
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

from kb.catalog import Catalog
from kb.search.analysis import LANGUAGES, STOPWORDS, is_code, stem, stems, words
from kb.search.synonyms import Synonyms, phrase_keys
from kb.search.article_document import ZONES
from kb.search.documents_cache import document_frequencies, search_documents
from kb.search.index import glossary_groups
from kb.search.vocabulary import language_totals
from kb.search.weighted_words import field_terms

FOLDER = "kb-search"
VERSION = 1
TERM_SHARD_BYTES = 12_000  # aimed size of a postings shard (a query fetches one per word)
DOCS_PER_SHARD = 8  # language versions per metadata block
K1, B = 1.2, 0.75  # BM25
IMPACT_LEVELS = 255
ROW_TEXT = 160  # characters of a row shown as a code's answer
# Flags of a posting: the zones the word is in (bits 0-3, in ZONES' order), the word as
# typed (not only a stem) is in the page (bit 4), the word is the code of a table row (5).
ZONE_NAMES = list(ZONES)
EXACT_FLAG, ROW_FLAG, FLAG_BITS = 16, 32, 64
# A word's postings: its documents' numbers in order, with the impact and flags of each.
Postings = tuple[list[int], list[float], list[int]]


@dataclass
class StaticReport:
    folder: Path
    documents: int
    words: int
    files: int
    bytes: int


def word_hash(word: str) -> int:
    """FNV-1a (32 bits) of the word's UTF-8 bytes: the client computes the same."""
    value = 0x811C9DC5
    for byte in word.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def write_static_index(catalog: Catalog, audience: str, site_dir: Path) -> StaticReport:
    """Write the static search of `audience` into `site_dir/kb-search` (aside, then
    swapped in: a reader never fetches half of one index and half of another)."""
    languages = list(catalog.settings.languages)
    docs = sorted(search_documents(catalog, audience), key=lambda item: (item[0]["id"], item[0]["lang"]))
    articles: dict[str, int] = {}
    numbered = []
    for doc, vocabulary in docs:
        article = articles.setdefault(doc["id"], len(articles))
        number = article * len(languages) + (languages.index(doc["lang"]) if doc["lang"] in languages else 0)
        numbered.append((number, doc, vocabulary))

    # Words of the pages, and per document the weighted counts of its stems.
    stem_counts: dict[int, dict[str, float]] = {}
    lengths: dict[int, float] = {}
    zone_sets: dict[int, dict[str, set[str]]] = {}
    exact_words: dict[int, set[str]] = {}
    df = document_frequencies(catalog, audience)
    all_words: set[str] = set()
    for number, doc, _ in numbered:
        stem_counts[number], _ = field_terms(doc["s"])
        lengths[number] = sum(stem_counts[number].values())  # BM25's length here: the weighted one
        zones = {name: set(terms.split()) for name, terms in doc["doc"]["zones"].items()}
        zone_sets[number] = zones
        exact_words[number] = set().union(*zones.values()) | set(doc["code"].split())
        all_words |= exact_words[number]
    total = max(1, len(numbered))
    average = sum(lengths.values()) / total if lengths else 1.0

    # Per term (word or stem), the documents holding it and the zones it is in there.
    by_term: dict[str, dict[int, int]] = defaultdict(dict)
    for number, zones in zone_sets.items():
        for bit, name in enumerate(ZONE_NAMES):
            for term in zones.get(name, ()):
                holder = by_term[term]
                holder[number] = holder.get(number, 0) | (1 << bit)

    # Per term, its weight in each document's stems; per word, the documents holding it as
    # typed and those whose table rows it is the code of.
    weights_of: dict[str, dict[int, float]] = defaultdict(dict)
    for number, counts in stem_counts.items():
        for term, weight in counts.items():
            weights_of[term][number] = weight
    exact_in: dict[str, set[int]] = defaultdict(set)
    for number, held in exact_words.items():
        for word in held:
            exact_in[word].add(number)
    row_in: dict[str, set[int]] = defaultdict(set)
    for number, doc, _ in numbered:
        for code in doc["code"].split():
            row_in[code].add(number)

    # BM25's length part of each document, computed once (not once per posting).
    norms = {number: K1 * (1 - B + B * length / average) for number, length in lengths.items()}
    postings: dict[str, Postings] = {}
    best = 0.0
    k = K1 + 1
    for word in sorted(all_words):  # in order: the same sources give the same files (sets follow the hash seed)
        forms = sorted({word} if is_code(word) else {word} | stems(word))
        held = [by_term[form] for form in forms if form in by_term]
        if not held:
            continue
        if len(held) == 1:
            flags_of = held[0]
        else:
            flags_of = {}
            for holder in held:
                for number, bits in holder.items():
                    flags_of[number] = flags_of.get(number, 0) | bits
        numbers = sorted(flags_of)
        idf = math.log(1 + (total - len(numbers) + 0.5) / (len(numbers) + 0.5))
        # A word's weight in a page: its forms' weights, added in their order (1 if none).
        # (Each form's weights read with map, and added up with zip: loops in C, over the
        # tens of thousands of postings a common word has.)
        columns = [list(map(weights_of[form].get, numbers, repeat(0.0))) for form in forms if form in weights_of]
        if not columns:
            tfs = [1.0] * len(numbers)
        else:
            added = columns[0] if len(columns) == 1 else map(sum, zip(*columns))
            tfs = [tf or 1.0 for tf in added]
        exact, rows = exact_in.get(word, ()), row_in.get(word, ())
        flags = [flags_of[n] | (EXACT_FLAG if n in exact else 0) | (ROW_FLAG if n in rows else 0) for n in numbers]
        impacts = [idf * tf * k / (tf + norms[n]) for n, tf in zip(numbers, tfs)]
        best = max(best, max(impacts))
        postings[word] = (numbers, impacts, flags)

    shards = _term_shards(postings, df, len(languages), best)
    stage = site_dir / f".{FOLDER}.new"
    shutil.rmtree(stage, ignore_errors=True)
    for sub in ("terms", "words", "docs"):
        (stage / sub).mkdir(parents=True)
    files = written = 0

    def write(path: Path, data: object) -> None:
        nonlocal files, written
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        files += 1
        written += len(text.encode("utf-8"))

    for number, shard in enumerate(shards):
        write(stage / "terms" / f"{number}.json", shard)
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in sorted(df, key=lambda w: (-sum(df[w]), w)):
        if not is_code(word) and len(word) >= 3 and word in postings:
            by_length[len(word)].append(word)
    for length, group in by_length.items():
        write(stage / "words" / f"{length}.json", group)
    blocks: dict[int, dict[str, dict]] = defaultdict(dict)
    for number, doc, _ in numbered:
        blocks[number // DOCS_PER_SHARD][str(number)] = _metadata(doc)
    for block, entries in blocks.items():
        write(stage / "docs" / f"{block}.json", entries)
    manifest = {
        "version": VERSION, "audience": audience, "languages": languages,
        "default_language": catalog.settings.default_language,
        "term_shards": len(shards), "docs_per_shard": DOCS_PER_SHARD,
        "documents": len(numbered), "word_lengths": sorted(by_length),
        "totals": language_totals(df, len(languages)),
        "stopwords": sorted(STOPWORDS), "stem_languages": list(LANGUAGES),
        "zones": ZONE_NAMES,
    }
    write(stage / "synonyms.json", synonym_table(glossary_groups(catalog, audience)))
    write(stage / "manifest.json", manifest)
    target = site_dir / FOLDER
    old = site_dir / f".{FOLDER}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    stage.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return StaticReport(target, len(numbered), len(postings), files, written)


def _term_shards(postings: dict[str, Postings], df: dict[str, list[int]], languages: int,
                 best: float) -> list[dict[str, list]]:
    """Each word's entry ([df per language..., postings]) in the shard of its hash; as
    many shards as keep each near TERM_SHARD_BYTES. Postings are flat: the gap to the
    previous document number, then impact * FLAG_BITS + flags (an impact of at least 1)."""
    entries = {}
    size = 0
    for word, (numbers, impacts, flags) in postings.items():
        levels = [round(IMPACT_LEVELS * impact / best) or 1 for impact in impacts] if best else [1] * len(impacts)
        gaps = [number - previous for number, previous in zip(numbers, [0, *numbers])]
        flat = list(chain.from_iterable(zip(gaps, [level * FLAG_BITS + flag for level, flag in zip(levels, flags)])))
        entry = [*df.get(word, [0] * languages), flat]
        word_stems = [word if is_code(word) else stem(word, lang) for lang in LANGUAGES]
        if any(s != word for s in word_stems):
            entry.append(word_stems)  # for the glossary's synonyms, whose keys are stems too
        entries[word] = entry
        size += len(word) + 8 * len(numbers) + 12
    count = max(1, math.ceil(size / TERM_SHARD_BYTES))
    shards: list[dict[str, list]] = [{} for _ in range(count)]
    for word, entry in entries.items():
        shards[word_hash(word) % count][word] = entry
    return shards


def synonym_table(groups: list[dict[str, list[str]]]) -> dict:
    """The glossary's synonyms as the client looks them up: `index` maps each key (a
    phrase's words, as written or stemmed in each language, joined by spaces) to the
    phrases it is a key of ([group, position]); `groups` holds each group's phrases. A
    phrase reached by one of the typed run's keys is the typed term itself, the group's
    other phrases its synonyms."""
    synonyms = Synonyms(groups)
    index: dict[str, list[list[int]]] = {}
    table = []
    for number, phrases in enumerate(synonyms.phrases):
        table.append([" ".join(phrase) for phrase in phrases])
        for position, phrase in enumerate(phrases):
            for key in sorted({" ".join(key) for key in phrase_keys(phrase)}):
                index.setdefault(key, []).append([number, position])
    return {"index": index, "groups": table, "longest": synonyms.longest}


def _metadata(doc: dict) -> dict:
    """What a result shows of a document: title, address, summary, and the rows its
    codes lead to ({code: [anchor, row text]})."""
    shown = json.loads(doc["page"])
    rows: dict[str, list[str]] = {}
    for key, text, anchor in shown["rows"]:
        for word in words(key):
            if is_code(word) and word not in rows:
                rows[word] = [anchor, text[:ROW_TEXT]]
    return {"id": doc["id"], "lang": doc["lang"], "title": doc["doc"]["title"], "url": doc["doc"]["url"],
            "summary": doc["doc"]["summary"], "type": doc["type"], "rows": rows}
