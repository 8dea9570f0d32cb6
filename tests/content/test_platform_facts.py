"""The real facts data and articles pass the facts check (kb.factcheck), and the real rules
catch contradicting facts planted in a page, so that no rule silently stops working.

The check itself is tested on small data in tests/factcheck; here, the project's own
data/platform.yml, data/fact-rules.yml and data/dated-facts.yml.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb.catalog import load_catalog
from kb.datafile import read_data_file
from kb.facts import load_facts
from kb.factcheck import article_text
from kb.factcheck.dated import check_dated, load_dated_facts
from kb.factcheck.platform_facts import PlatformCheck
from kb.factcheck.rules import load_rules
from kb.frontmatter import split
from kb.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings.for_project(ROOT)  # the project's default paths: data/platform.yml, data/fact-rules.yml...
LANGUAGES = SETTINGS.languages
FACTS, FACTS_PROBLEMS = load_facts(SETTINGS.facts, LANGUAGES)
FACTS_FILE, _ = read_data_file(SETTINGS.facts, "data/platform.yml")
RULES_FILE, RULES_READ = read_data_file(SETTINGS.fact_rules, "data/fact-rules.yml")
DATED_FILE, DATED_READ = read_data_file(SETTINGS.dated_facts, "data/dated-facts.yml")
BOOK, RULE_PROBLEMS = load_rules(RULES_FILE, FACTS)
DATED, DATED_PROBLEMS = load_dated_facts(DATED_FILE, LANGUAGES)
CHECK = PlatformCheck(FACTS, BOOK, FACTS_FILE)
ARTICLES = load_catalog(SETTINGS).articles


def test_the_data_files_read_without_problems():
    assert SETTINGS.fact_rules.is_file() and SETTINGS.dated_facts.is_file()
    problems = FACTS_PROBLEMS + RULES_READ + DATED_READ + RULE_PROBLEMS + DATED_PROBLEMS
    assert not problems, "\n".join(map(str, problems))
    assert len(BOOK.rules) >= 40 and len(DATED) >= 8


def test_the_facts_file_agrees_across_languages_and_every_short_leaf_is_watched():
    problems = CHECK.check_facts_file()
    assert not problems, "\n".join(map(str, problems))


def test_every_ended_dated_fact_says_what_replaced_it():
    ended = [fact for fact in DATED if fact.valid_until]
    assert ended and all(fact.replaced_by for fact in ended), [fact.id for fact in ended if not fact.replaced_by]


@pytest.mark.parametrize("article", ARTICLES, ids=[a.display for a in ARTICLES])
def test_the_article_states_no_platform_fact_by_hand_or_with_another_value_and_no_ended_fact(article):
    problems = (CHECK.check_file(article_text(article), article.lang, article.display)
                + check_dated(DATED, article.body, article.body_line, article.lang, article.display, dt.date.today()))
    assert not problems, "\n".join(map(str, problems))


# Pages planted with the real facts and rules: a correct page passes, each contradiction is caught.

PLANTED_OK = {
    "en": """Card payouts arrive {{ platform.payouts.card_days }}; the card fee is {{ platform.fees.card.percent }}
plus IVA (16 %) on the fee.
Webhooks are retried {{ platform.webhooks.retry_schedule }}: {{ platform.webhooks.attempts }} attempts in all.

| Priority | First response | Resolution |
|---|---|---|
| P1 | {{ platform.support.first_response.p1 }} | {{ platform.support.resolution.p1 }} |

SPEI settles in seconds, 24 hours a day. ISO 8583 code 51 means insufficient funds.
A webhook delivered twice comes from a retry after a slow answer: deduplicate by event id.
Visa 11.3 covers late presentment since April 2024 (formerly 12.1); Mastercard 4853 took in the former 4841.
CoDi and DiMo: up to 1,500 UDIS per operation; at the 2019 launch the limit was MXN 8,000.

```text
Idempotency keys involved:
Key prefix and last 4 characters (never the full key):
```
""",
    "es": """Los depósitos al comercio de pagos con tarjeta llegan {{ platform.payouts.card_days }}.
La comisión por tarjeta es {{ platform.fees.card.percent }} más IVA (16 %); las llaves de idempotencia
duran {{ platform.api.idempotency_ttl_hours }} horas. El límite es de {{ platform.api.rate_limit.live }}.
Un webhook se reintenta {{ platform.webhooks.retry_schedule }}.
Al lanzarse en 2019, el límite de CoDi era de 8,000 pesos; hoy es de 1,500 UDIS.
El antiguo 4841 de Mastercard se integró en el 4853.
""",
}

PLANTED_BAD = [  # (language, text, what the report must name)
    ("en", "Card payouts arrive 5 business days after capture.", "payout days"),
    ("es", "Los depósitos al comercio de pagos con tarjeta llegan\ncinco días hábiles después de la captura.", "payout days"),
    ("en", "The card fee is 3.9 % per payment.", "fee percentages"),
    ("en", "International cards: the fee is 3.6 %.", "fee percentages"),
    ("es", "La comisión por tarjeta es de 3,6% más IVA.", "fees.card.percent"),
    ("en", "Idempotency keys are kept for 48 hours.", "idempotency key retention"),
    ("es", "Las llaves de idempotencia se guardan 2 días.", "idempotency key retention"),
    ("en", "The API accepts 200 requests per second in live mode.", "API rate limits"),
    ("es", "En sandbox se aceptan 100 peticiones por segundo.", "API rate limits"),
    ("en", "We make 5 attempts to deliver each webhook.", "webhook attempts"),
    ("es", "Cada webhook se reintenta hasta diez veces.", "webhook attempts"),
    ("en", "| Priority | First response |\n|---|---|\n| P1 | 30 minutes |", "first response targets"),
    ("es", "La primera respuesta de un ticket P2 es en 2 horas.", "first response targets"),
    ("en", "Send the request with the X-Request-Id header.", "api.request_id_header"),
    ("es", "La comisión por contracargo es de $300.00 MXN.", "fixed fees"),
    ("en", "The chargeback fee is $250 MXN.", "fees.chargeback.fixed"),
    ("en", "Payouts are sent by 10:00.", "payout clock times"),
    ("en", "Use the test card 4242 4242 4242 4242.", "sandbox.cards.visa"),
    ("es", "La comisión es {{ platform.fees.card.percent | upper }}.", "is not replaced"),
    ("en", "Late presentment is Visa reason 12.1.", "dated fact"),
    ("es", "Con CoDi se pueden enviar hasta 8,000 pesos.", "dated fact"),
    ("en", "Cancelled subscriptions come as Mastercard 4841.", "dated fact"),
    ("es", "Fijar un MTU es opcional para el cliente.", "dated fact"),
]

HEAD = "---\nid: demo/page\ntitle: Planted\n---\nSome text first.\n\n"
TODAY = dt.date(2027, 1, 1)  # after every ended fact of the file: the planted quotes are stale whatever the day


def planted(text: str, lang: str) -> list:
    front = split(HEAD + text + "\n")
    return (CHECK.check_file(HEAD + text + "\n", lang, f"docs/{lang}/demo/page.md")
            + check_dated(DATED, front.body, front.body_line, lang, f"docs/{lang}/demo/page.md", TODAY))


@pytest.mark.parametrize("lang", sorted(PLANTED_OK))
def test_planted_correct_page_passes(lang):
    assert planted(PLANTED_OK[lang], lang) == []


@pytest.mark.parametrize("lang, text, expected", PLANTED_BAD, ids=[f"{lang}-{i}" for i, (lang, _, _) in enumerate(PLANTED_BAD)])
def test_planted_contradiction_is_caught_at_its_line(lang, text, expected):
    problems = planted(text, lang)
    assert any(expected in str(p) for p in problems), f"not caught: {text!r}; reported: {problems}"
    assert all(p.file == f"docs/{lang}/demo/page.md" and p.line >= 7 for p in problems), problems
