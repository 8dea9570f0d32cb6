"""Property-based: whatever surrounds a card number, an email or a phone in a query or a
comment, what is stored holds none of them, nor any run of 7 or more digits."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kb.analytics.store import AnalyticsStore, scrub

CARDS = ["4242 4242 4242 4242", "4242424242424242", "5555-5555-5555-4444", "3782 822463 10005"]
EMAILS = ["ana.perez@example.mx", "soporte+caso@banco.com.mx"]
PHONES = ["55 1234 5678", "+52 (81) 8765 4321", "3312345678"]
SEPARATORS = st.sampled_from([" ", "  ", ", ", ": ", " / ", "\n", "-", "."])
WORDS = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóú0123456789 .,:-#", max_size=30)
LONG_RUN = re.compile(r"\d(?:[ .-]?\d){6,}")


@given(before=WORDS, after=WORDS, planted=st.sampled_from(CARDS + EMAILS + PHONES), sep=SEPARATORS)
def test_scrubbed_text_holds_no_planted_value_and_no_long_number(before: str, after: str, planted: str, sep: str):
    kept = scrub(f"{before}{sep}{planted}{sep}{after}")
    assert planted not in kept
    assert not LONG_RUN.search(kept.replace("****", "")), kept
    assert "@" not in kept  # the words drawn hold no "@": an email left would


@given(st.lists(st.sampled_from(CARDS + EMAILS + PHONES), min_size=1, max_size=4), WORDS)
def test_the_database_never_holds_them(tmp_path_factory, planted: list[str], words: str):
    folder: Path = tmp_path_factory.mktemp("db")
    store = AnalyticsStore(folder / "a.sqlite3")
    text = " ".join([words, *planted])
    store.record_search(text, lang="es", audience="internal", results=0)
    store.record_feedback("a/b", lang="es", audience="internal", helpful=False, comment=text)
    store.close()
    stored = (folder / "a.sqlite3").read_bytes()
    for value in planted:
        assert value.encode() not in stored
