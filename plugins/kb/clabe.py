"""CLABE, Mexico's 18-digit standardised bank account number, and its check digit.

Structure: bank (3 digits), plaza (3), account (11), check digit (1). The check digit is
Banco de México's algorithm: multiply the first 17 digits by the weights 3, 7, 1, 3, 7, 1,
..., keep each product modulo 10, add them, and take (10 - sum mod 10) mod 10.
"""

from __future__ import annotations

WEIGHTS = (3, 7, 1) * 6


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def check_digit(first17: str) -> int:
    """The check digit for the first 17 digits of a CLABE."""
    digits = _digits(first17)
    if len(digits) != 17:
        raise ValueError(f"a CLABE check digit needs 17 digits, got {len(digits)}")
    total = sum((int(d) * w) % 10 for d, w in zip(digits, WEIGHTS))
    return (10 - total % 10) % 10


def is_valid(clabe: str) -> bool:
    """True when `clabe` is 18 digits (spaces allowed) whose last digit checks."""
    digits = _digits(clabe)
    if len(digits) != 18 or len(digits) != len(clabe.replace(" ", "")):
        return False
    return check_digit(digits[:17]) == int(digits[17])


def parts(clabe: str) -> dict[str, str]:
    """Bank, plaza, account and check digit of an 18-digit CLABE."""
    digits = _digits(clabe)
    return {"bank": digits[:3], "plaza": digits[3:6], "account": digits[6:17], "check": digits[17:]}
