"""The facts check that `kb check` and the build run on every article.

Two kinds of fact can go wrong in an article:

- the platform's own facts (fees, payout days, API limits), which live once in
  data/platform.yml: stated by hand or with a second value (`platform_facts`, with the rules
  of data/fact-rules.yml);
- facts about Mexico's payment system that changed on a date (limits, network rules),
  listed in data/dated-facts.yml: quoted after they stopped holding (`dated`).

Every problem names the file and line, the value written, what the data file holds, and
the fix. An article's problems are kept between runs (`kept`): after one edit, only the
edited article is checked again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kb.datafile import DataFile, read_data_file
from kb.factcheck.dated import check_dated, load_dated_facts
from kb.factcheck.kept import KeptChecks
from kb.factcheck.platform_facts import PlatformCheck
from kb.factcheck.rules import load_rules
from kb.problems import Problem

if TYPE_CHECKING:
    from kb.articles import Article
    from kb.catalog import Catalog


def article_text(article: Article) -> str:
    """What a reader sees of the article, at the lines of its file: the body, and the title
    and summary on their own lines (the rest of the front matter, ids and sources' titles, is
    no statement of a fact)."""
    lines = [""] * (article.body_line - 1)
    for name in ("title", "summary"):
        line = article.line_of(name)
        if getattr(article, name) and 0 < line <= len(lines):
            lines[line - 1] = str(getattr(article, name)).replace("\n", " ")
    return "".join(line + "\n" for line in lines) + article.body


def check_facts(catalog: Catalog, today: dt.date) -> list[Problem]:
    """Every facts problem of the catalog's articles and of the data files the check reads."""
    settings = catalog.settings
    kept = KeptChecks(settings, catalog.facts_data)
    problems: list[Problem] = []
    # The facts file's own syntax errors are reported when it is loaded (kb.facts).
    facts_file = read_data_file(settings.facts, settings.display(settings.facts))[0] or DataFile(settings.display(settings.facts))
    files = {}
    for name in ("fact_rules", "dated_facts"):
        path = getattr(settings, name)
        found, trouble = read_data_file(path, settings.display(path)) if path else (None, [])
        files[name] = found or DataFile("")
        problems += trouble
    book, trouble = load_rules(files["fact_rules"], catalog.facts)
    problems += trouble
    dated, trouble = load_dated_facts(files["dated_facts"], settings.languages)
    problems += trouble
    check = PlatformCheck(catalog.facts, book, facts_file)
    problems += check.check_facts_file()
    ended = [fact.id for fact in dated if fact.ended(today)]
    for article in catalog.articles:
        text = article_text(article)
        key = kept.key(text, article.body_line, article.lang, article.display, ended)
        found = kept.get(key)
        if found is None:
            found = check.check_file(text, article.lang, article.display)
            found += check_dated(dated, article.body, article.body_line, article.lang, article.display, today)
            kept.put(key, found)
        problems += found
    kept.save()
    return problems
