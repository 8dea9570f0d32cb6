"""Removing personal and card data from customer text before it is written anywhere.

Each kind of value becomes a visible placeholder that keeps only what is safe and useful:
`[card ****4242]` (a card's last four), `[CLABE 012***]` (the bank code: one of a few
dozen banks, which tells an agent where the money went without identifying anybody),
`[IBAN ES**]` (the country), `[phone +49]` (the country code of an international
number; a Mexican number is `[phone]`), `[account]`, `[CVV]`, `[expiry]`, `[PIN]`,
`[email]`, `[IP]`, `[wallet]`, `[CURP]`, `[RFC]`, `[API key]`, `[token]`, `[secret]`,
`[address]`, `[name]`, `[INE]`, `[NSS]`, `[passport]`, `[SSN]`, `[birth date]`.

One module per kind of value; `driver` runs them in order over a masked copy of the
text, so that no two claim the same characters and only the value itself is replaced:
the words, spaces and brackets around it stay as they were. A placeholder already in
the text is left alone, so redacting twice gives the same text as redacting once.
"""

from kb.redaction.driver import redact

__all__ = ["redact"]
