"""Synonyms from the glossary's tables: the two first columns, named by language."""

from kb.search.analysis import fold
from kb.search.glossary import parse_glossary
from kb.search.lexicon import Lexicon, write_lexicon
from kb.search.synonyms import Synonyms

GLOSSARY = """
Intro text with a table that is not a glossary:

| Code | Meaning |
|---|---|
| 01 | Something |

## Cards

| Inglés | Español | Definición |
|---|---|---|
| chargeback | contracargo | ... |
| refund / reimbursement | reembolso | ... |
| installments | meses sin intereses (MSI) | ... |
| return (SPEI) | devolución | ... |
| **tracking key** | *clave de rastreo* | ... |
"""


def test_pairs_from_tables_with_language_headers():
    groups = [g.to_json() for g in parse_glossary(GLOSSARY)]
    assert {"en": ["chargeback"], "es": ["contracargo"]} in groups
    assert {"en": ["refund", "reimbursement"], "es": ["reembolso"]} in groups
    assert {"en": ["installments"], "es": ["meses sin intereses", "MSI"]} in groups
    assert {"en": ["return"], "es": ["devolución"]} in groups  # "(SPEI)" qualifies, it is no synonym
    assert {"en": ["tracking key"], "es": ["clave de rastreo"]} in groups
    assert len(groups) == 5  # the table of codes is not a glossary


def test_english_first_or_spanish_first():
    spanish_first = "| Español | English |\n|---|---|\n| contracargo | chargeback |\n"
    assert [g.to_json() for g in parse_glossary(spanish_first)] == [{"es": ["contracargo"], "en": ["chargeback"]}]


def test_expansion_finds_phrases_and_plurals():
    synonyms = Synonyms([g.to_json() for g in parse_glossary(GLOSSARY)])
    found = synonyms.expand(["contracargos"])
    assert found and found[0].phrases == (("chargeback",),)
    phrase = synonyms.expand([fold(w) for w in "clave rastreo spei".split()])
    assert phrase[0].start == 0 and phrase[0].end == 2 and ("tracking", "key") in phrase[0].phrases
    assert synonyms.expand(["zorblax"]) == []


def test_synonyms_stored_ready_expand_as_the_glossary_does(tmp_path):
    made = Synonyms([g.to_json() for g in parse_glossary(GLOSSARY)])
    write_lexicon(tmp_path / "lexicon.sqlite", ["en", "es"], {}, made)  # as the index holds them
    stored = Lexicon(tmp_path / "lexicon.sqlite").synonyms
    for words in (["contracargos"], [fold(w) for w in "clave rastreo spei".split()], ["chargebacks"], ["zorblax"]):
        assert stored.expand(words) == made.expand(words)
    assert len(stored) == len(made) > 0 and stored.longest == made.longest
