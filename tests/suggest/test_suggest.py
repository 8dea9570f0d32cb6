"""Articles for a ticket: long and noisy text finds what a short query finds, in the
ticket's language, with the row that answers and the reply to paste."""

from kb.suggest import ReplyBook, suggest

NOISY_ES = """Hola buenas tardes, espero que esten muy bien.

Les escribo porque mi cliente intento pagar su pedido y en el panel aparece rechazado con codigo 51,
el dice que si tiene saldo. Que le decimos??

Saludos cordiales
Mariana Lopez | mariana@example.com | 55 1234 5678

El lun, 3 nov 2025 a las 11:02, Soporte escribió:
> Hola, sus depositos llegan cada dia habil segun el calendario de depositos.
"""


def test_a_noisy_spanish_ticket_gets_the_decline_row_and_the_spanish_reply(shop):
    found = suggest(shop.index(), "Pago rechazado", NOISY_ES, ReplyBook.from_catalog(shop.catalog(), "internal"),
                    ("en", "es"))
    assert found.lang == "es"
    best = found.suggestions[0]
    assert best.id == "payments/declines" and best.lang == "es"
    assert best.row == "51" and best.anchor
    assert best.reply == "Hola, su depósito llega en 3 días hábiles."
    assert "payouts/schedule" not in [s.id for s in found.suggestions[:1]]  # the quoted reply's words do not count
    assert not {"mariana", "example", "5678"} & set(found.words)


def test_an_english_ticket_gets_english(shop):
    found = suggest(shop.index(), "", "Hi team, when does the payout of my card sales reach my bank account? Thanks, Bob",
                    ReplyBook.from_catalog(shop.catalog(), "internal"), ("en", "es"))
    assert found.lang == "en"
    assert found.suggestions[0].id == "payouts/schedule" and found.suggestions[0].lang == "en"


def test_the_language_given_wins(shop):
    found = suggest(shop.index(), "codigo 51", "", ReplyBook.from_catalog(shop.catalog(), "internal"), ("en", "es"),
                    lang="en")
    assert found.lang == "en" and found.suggestions[0].lang == "en"
    assert found.suggestions[0].reply.startswith("Hi,")


def test_the_public_index_never_suggests_internal_articles(shop):
    found = suggest(shop.index("public"), "fraud desk declined 51", "", ReplyBook.from_catalog(shop.catalog(), "public"),
                    ("en", "es"))
    assert "procedures/fraud-desk" not in [s.id for s in found.suggestions]
    assert found.suggestions  # the public decline article is still found


def test_a_ticket_of_noise_only_suggests_nothing_and_never_fails(shop):
    book = ReplyBook.from_catalog(shop.catalog(), "internal")
    assert suggest(shop.index(), "", "Hola\nSaludos\nAna", book, ("en", "es")).suggestions == []
    huge = "palabra " * 200_000
    assert isinstance(suggest(shop.index(), "x" * 5000, huge, book, ("en", "es")).suggestions, list)
