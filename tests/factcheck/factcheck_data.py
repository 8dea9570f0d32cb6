"""Small data files for the facts check: a facts tree, rules and dated facts that the tests
write into fixture projects (beside the small data/platform.yml of tests/conftest.py)."""

from __future__ import annotations

import textwrap

FACTS = {
    "name": {"en": "the platform", "es": "la plataforma"},
    "fees": {"card": {"percent": "3.6 %", "fixed": "$3.00 MXN"}, "cash": {"percent": "3.9 %"}},
    "payouts": {"card_days": {"en": "3 business days after capture", "es": "3 días hábiles después de la captura"},
                "cutoff": "17:00"},
    "webhooks": {"attempts": 8},
    "api": {"request_id_header": "X-Request-Id"},
}

RULES = textwrap.dedent(r"""
    may_be_written:
      name: "articles say 'the platform'"
    words:
      fee: '\bfees?\b|\bcomision(?:es)?\b'
      card: '\bcards?\b|\btarjetas?\b'
    rules:
      - name: fee percentages
        read: [percent]
        facts: [fees.card.percent, fees.cash.percent]
        near: ['${fee}']
        narrow:
          - {when: '${card}', facts: [fees.card.percent]}
          - {when: '\bcash\b|efectivo', facts: [fees.cash.percent]}
      - name: payout days
        read: [day, bday]
        facts: [payouts.card_days]
        near: ['\bpayouts?\b|depositos? al comercio']
      - name: payout cut-off
        read: [clock]
        facts: [payouts.cutoff]
        near: ['cut-?off|\bcorte\b']
      - name: webhook attempts
        read: [retries]
        facts: [{fact: webhooks.attempts, reads: '{n} attempts'}]
        near: ['\bwebhooks?\b']
        also: {retries_of: webhooks.attempts}
""")

DATED = textwrap.dedent("""
    history:
      en: [formerly, launch]
      es: [antes, lanzamiento]
    facts:
      - id: codi-launch-cap
        says: {en: "CoDi is capped at MXN 8,000", es: "CoDi tiene un tope de 8,000 pesos"}
        valid_from: 2019-09-30
        valid_until: 2025-10
        replaced_by: codi-udis-cap
        source: {title: "Circular 12/2019", publisher: Banco de México, url: "https://www.banxico.org.mx/codi"}
        look_for:
          en: {topic: [CoDi, DiMo], values: ["8,000", eight thousand]}
          es: {topic: [CoDi, DiMo], values: ["8,000", ocho mil]}
      - id: codi-udis-cap
        says: {en: "CoDi is capped at 1,500 UDIS", es: "CoDi tiene un tope de 1,500 UDIS"}
        valid_from: 2025-10
        source: {title: "Disposiciones", publisher: CNBV, url: "https://www.gob.mx/cnbv"}
        look_for:
          en: {topic: [CoDi], values: ["1,500 UDIS"]}
          es: {topic: [CoDi], values: ["1,500 UDIS"]}
""")
