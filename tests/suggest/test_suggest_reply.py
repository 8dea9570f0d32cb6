"""Ready replies as the site shows them: in each tab's language, facts resolved in it,
internal articles' replies only for the internal audience."""

import textwrap

from kb.suggest import ReplyBook
from kb.suggest.reply import ready_replies


def test_each_language_tab_gives_its_text():
    markdown = textwrap.dedent('''
        Intro.

        !!! reply "Respuesta lista"

            === "Español"

                ```text
                Hola,
                  sangría interna.
                ```

            === "English"

                ```text
                Hi.
                ```

        ## After
        ''')
    assert ready_replies(markdown) == {"es": "Hola,\n  sangría interna.", "en": "Hi."}


def test_a_page_without_a_reply_has_none():
    assert ready_replies("!!! note\n\n    Not a reply.\n") == {}


def test_facts_resolve_in_the_tab_language(shop):
    book = ReplyBook.from_catalog(shop.catalog(), "internal")
    assert book.get("payments/declines", "es") == "Hola, su depósito llega en 3 días hábiles."
    assert book.get("payments/declines", "en") == "Hi, your payout arrives in 3 business days."
    assert book.get("payouts/schedule", "en") == ""


def test_internal_replies_stay_internal(shop):
    assert "caso interno" in ReplyBook.from_catalog(shop.catalog(), "internal").get("procedures/fraud-desk", "es")
    assert ReplyBook.from_catalog(shop.catalog(), "public").get("procedures/fraud-desk", "es") == ""
