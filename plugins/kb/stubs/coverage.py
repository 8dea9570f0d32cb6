"""What the knowledge base already answers, by ticket tag, and which articles are
closest to a subject that none answers.

A ticket tag is covered when an article lists it in `ticket_tags`, or when the
taxonomy maps it (its `ticket_tags`) to a topic that some article is tagged with. Stubs
that `kb stubs` generated and nobody touched cover nothing: they are its own drafts,
which it may update. A stub a person edited is that person's article and covers its
tags like any other.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kb.articles import Article
from kb.catalog import Catalog
from kb.redaction import redact
from kb.stubs import seal
from kb.stubs.tally import Route
from kb.stubs.words import words
from kb.tickets.model import normalize_tag


@dataclass
class Coverage:
    by_tag: dict[str, list[str]] = field(default_factory=dict)  # ticket tag -> ids of the articles listing it
    topic_of: dict[str, str] = field(default_factory=dict)  # ticket tag -> taxonomy tag
    by_topic: dict[str, list[str]] = field(default_factory=dict)  # taxonomy tag -> ids of articles tagged with it
    ignored: frozenset[str] = frozenset()
    own_stubs: dict[str, set[str]] = field(default_factory=dict)  # untouched stub id -> its ticket tags
    words: dict[str, set[str]] = field(default_factory=dict)  # article id -> the words of its titles, summaries, tags
    tag_words: dict[str, set[str]] = field(default_factory=dict)  # article id -> the words of its tags alone

    def route(self, raw: str) -> Route | None:
        """Where the tickets of a help-desk tag go; None for a tag to leave out."""
        tag = normalize_tag(raw)
        if not tag or tag in self.ignored:
            return None
        if redact(tag) != tag:  # e.g. a tag made of a customer's phone number
            return Route(tag, None, private=True)
        if tag in self.by_tag:
            return Route(tag, None)
        topic = self.topic_of.get(tag)
        if topic is not None:
            return Route(tag, None if topic in self.by_topic else ("topic", topic))
        return Route(tag, ("tag", tag))

    def covering(self, tag: str) -> list[str]:
        """The ids of the articles that answer a (normalized) ticket tag."""
        if tag in self.by_tag:
            return self.by_tag[tag]
        return self.by_topic.get(self.topic_of.get(tag, ""), [])

    def key(self) -> tuple:
        """Everything routing depends on, to know when cached counts still hold."""
        return (tuple(sorted((k, tuple(v)) for k, v in self.by_tag.items())), tuple(sorted(self.topic_of.items())),
                tuple(sorted(self.by_topic)), tuple(sorted(self.ignored)))


def _add(index: dict[str, list[str]], key: str, article_id: str) -> None:
    ids = index.setdefault(key, [])
    if article_id not in ids:
        ids.append(article_id)


def articles(catalog: Catalog) -> list[Article]:
    return [a for a in catalog.articles if not a.is_page and a.id]


def build_coverage(catalog: Catalog, ignore: Iterable[str] = ()) -> Coverage:
    coverage = Coverage(ignored=frozenset(normalize_tag(t) for t in ignore))
    for tag in catalog.taxonomy.tags.values():  # the first topic listing a ticket tag wins
        for ticket_tag in tag.ticket_tags:
            coverage.topic_of.setdefault(normalize_tag(ticket_tag), tag.slug)
    for article in articles(catalog):
        if seal.state(article.path) is seal.State.UNTOUCHED:
            coverage.own_stubs.setdefault(article.id, set()).update(normalize_tag(t) for t in article.ticket_tags)
    for article in articles(catalog):
        if article.id in coverage.own_stubs:
            continue
        for ticket_tag in article.ticket_tags:
            _add(coverage.by_tag, normalize_tag(ticket_tag), article.id)
        for topic in article.tags:
            _add(coverage.by_topic, topic, article.id)
        labels = " ".join(catalog.taxonomy.label(tag, article.lang) for tag in article.tags)
        tagged = " ".join([labels, *article.tags, *article.ticket_tags]).replace("_", " ").replace("-", " ")
        coverage.words.setdefault(article.id, set()).update(words(f"{article.title} {article.summary} {tagged}"))
        coverage.tag_words.setdefault(article.id, set()).update(words(tagged))
    return coverage


def closest(coverage: Coverage, query: Counter[str], names: set[str], exclude: set[str], count: int = 3) -> list[str]:
    """The ids of the articles closest to a subject: first those tagged with the words
    that name it (`names`: the words of its ticket tags or topic), then by the telling
    words their titles, summaries and tags (in every language) share with `query`
    (weighted by how often the tickets use them and how rare they are among articles)."""
    documents = {article_id: found for article_id, found in coverage.words.items() if article_id not in exclude}
    if not documents or not query:
        return []
    frequency = Counter(word for document in documents.values() for word in document if word in query)
    total = len(documents)
    scored = []
    for article_id, document in documents.items():
        shared = [w for w in sorted(query) if w in document]  # sorted: the same sum, to the last bit, in every process
        if not shared:
            continue
        named = len(names & coverage.tag_words.get(article_id, set()))
        score = sum(query[w] * math.log(1 + total / frequency[w]) for w in shared) / math.sqrt(len(document))
        scored.append((-named, -score, article_id))
    return [article_id for *_, article_id in sorted(scored)[:count]]
