"""The CLABE article's worked example must be right, in both languages.

The article `spei/clabe` teaches agents the CLABE check digit (weights 3, 7, 1, products modulo
10, then (10 - sum mod 10) mod 10) with a worked example and a step table. This test reads the
Markdown itself, so it fails if someone edits the example or the table wrongly:

- every 18-digit number written in the article is a valid CLABE (`kb.clabe.is_valid`);
- the step table has the 17 positions in order, with the weights 3, 7, 1 repeating, and each
  product and its last digit are the arithmetic of its row;
- the table's digits are the first 17 digits of the worked example, and its sum and check digit
  rows agree with `kb.clabe.check_digit` and with the example's 18th digit;
- both languages use the same example and the same table.

It also checks `kb.clabe` against CLABEs published in public sources, so the validator the test
relies on is itself right.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from kb import clabe

ARTICLES = {
    "en": ROOT / "docs" / "en" / "spei" / "clabe.md",
    "es": ROOT / "docs" / "es" / "spei" / "clabe.md",
}

WEIGHTS = (3, 7, 1)

# 18 digits not touching other digits (so a 19-digit number or a card number is not taken).
CLABE_RE = re.compile(r"(?<!\d)\d{18}(?!\d)")

# CLABEs published in public sources, each with where it was found.
PUBLISHED_VALID = {
    # Example used by Spanish/English Wikipedia "CLABE" and the `clabe` package docs on PyPI:
    # bank 032, plaza 180, account 00011835971, check digit 9.
    "032180000118359719": "Wikipedia 'CLABE' / the clabe package's documentation",
    # Example attributed to Banco de México's CLABE document in several open-source validators
    # (e.g. github.com/center-key/clabe-validator README): bank 002, plaza 010.
    "002010077777777771": "center-key/clabe-validator README",
    # FedACH International's CLABE check digit calculator (BBVA, plaza 180), published on Scribd.
    "012180026050783858": "FedACH CLABE check digit calculator",
    # Test vector of the cuenca-mx/clabe-python library.
    "002000000000000008": "cuenca-mx/clabe-python tests",
}

# The same numbers with the last digit changed, and malformed input.
PUBLISHED_INVALID = [
    "032180000118359718",
    "002010077777777772",
    "012180026050783857",
    "00201007777777777",  # 17 digits
    "0020100777777777710",  # 19 digits
    "00201007777777777A",
]


def _body(lang: str) -> str:
    path = ARTICLES[lang]
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing")
    text = path.read_text(encoding="utf-8")
    # Drop the front matter: only the article's text is checked.
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4 :] if end != -1 else text
    return text


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row, without emphasis or code marks."""
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")):
        return []
    return [re.sub(r"[*`_]", "", cell).strip() for cell in line[1:-1].split("|")]


def _step_table(body: str) -> list[list[int]]:
    """The rows of the worked-example step table: [position, digit, weight, product, last digit].

    The table is found by its shape: rows whose first cell is a position 1..17, followed by a
    part name (bank/plaza/account) and four numbers.
    """
    rows = []
    for line in body.splitlines():
        cells = _cells(line)
        if len(cells) == 6 and cells[0].isdigit() and all(c.isdigit() for c in cells[2:]):
            rows.append([int(cells[0])] + [int(c) for c in cells[2:]])
    return rows


def _result_rows(body: str) -> list[int]:
    """The numbers of the 'sum / sum mod 10 / check digit' table, in order."""
    values = []
    for line in body.splitlines():
        cells = _cells(line)
        if len(cells) == 2 and re.fullmatch(r"\d+", cells[1]) and re.search(
            r"(?i)\b(sum|suma|check digit|dígito (de control|verificador))\b", cells[0]
        ):
            values.append(int(cells[1]))
    return values


def _example(body: str) -> str:
    """The worked example CLABE: the 18-digit number on the line that introduces the example."""
    for line in body.splitlines():
        if re.search(r"(?i)(worked example|ejemplo)", line) and CLABE_RE.search(line):
            return CLABE_RE.search(line).group(0)
    pytest.fail("no line introduces the worked example CLABE (e.g. 'Worked example CLABE: `...`')")


@pytest.mark.parametrize("number", sorted(PUBLISHED_VALID))
def test_published_clabes_are_valid(number: str) -> None:
    assert clabe.is_valid(number), f"{number} ({PUBLISHED_VALID[number]}) should be valid"
    assert clabe.check_digit(number[:17]) == int(number[17])


@pytest.mark.parametrize("number", PUBLISHED_INVALID)
def test_altered_or_malformed_clabes_are_invalid(number: str) -> None:
    assert not clabe.is_valid(number)


def test_check_digit_needs_17_digits() -> None:
    with pytest.raises(ValueError):
        clabe.check_digit("0020100777777777")


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_every_clabe_in_the_article_is_valid(lang: str) -> None:
    found = CLABE_RE.findall(_body(lang))
    assert found, f"no 18-digit CLABE found in the {lang} article"
    invalid = [number for number in found if not clabe.is_valid(number)]
    assert not invalid, f"{lang} article has invalid CLABEs: {invalid}"


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_step_table_matches_the_algorithm(lang: str) -> None:
    body = _body(lang)
    example = _example(body)
    rows = _step_table(body)
    assert [row[0] for row in rows] == list(range(1, 18)), (
        f"{lang}: the step table must list positions 1 to 17 in order, got {[row[0] for row in rows]}"
    )
    for position, digit, weight, product, last in rows:
        assert weight == WEIGHTS[(position - 1) % 3], f"{lang}: position {position} has weight {weight}"
        assert product == digit * weight, f"{lang}: position {position}: {digit} × {weight} is not {product}"
        assert last == product % 10, f"{lang}: position {position}: last digit of {product} is not {last}"

    digits = "".join(str(row[1]) for row in rows)
    assert digits == example[:17], f"{lang}: the table's digits {digits} are not the example {example}"

    total = sum(row[4] for row in rows)
    expected_check = clabe.check_digit(example[:17])
    assert (10 - total % 10) % 10 == expected_check
    assert int(example[17]) == expected_check, f"{lang}: the example's check digit is wrong"

    results = _result_rows(body)
    assert results == [total, total % 10, expected_check], (
        f"{lang}: the sum / sum mod 10 / check digit rows say {results}, "
        f"the arithmetic gives {[total, total % 10, expected_check]}"
    )


def test_both_languages_use_the_same_example() -> None:
    en, es = _body("en"), _body("es")
    assert _example(en) == _example(es)
    assert _step_table(en) == _step_table(es)
    assert _result_rows(en) == _result_rows(es)
