"""Emails (any script in the local part and the domain), IP addresses (checked by
`ipaddress`) and crypto wallet addresses (Bitcoin checked by python-stdnum, or by the
length of a SegWit/Taproot address, which python-stdnum's bech32 check does not cover;
Ethereum by shape)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from stdnum import bitcoin

from kb.redaction import placeholders as P
from kb.redaction.spans import Span

# \w is Unicode: josé.garcía@correo.mx and ana@correo.xn--p1ai are emails too. Scripts
# whose vowels are combining marks (Devanagari: अजय@डाटा.भारत) need any other non-ASCII
# letter-like character too, but not the punctuation that writes around an address.
_SCRIPT = r"\w\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f"
# The local part may hold RFC 5322's atext ("user+mailbox/department=shipping@...").
_LOCAL = rf"[{_SCRIPT}.%+!#$&*/=?^`{{|}}~'-]"
_ADDRESS = rf"{_LOCAL}+@(?:[{_SCRIPT}-]+\.)+[{_SCRIPT}-]{{2,}}"
_EMAIL = re.compile(rf"(?<!{_LOCAL}){_ADDRESS}")  # a local part starts where a word does
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
# Never started inside a dotted run ("1.1.1.1...": one scan, not one per dot).
_IPV6 = re.compile(r"(?<![\w:.])(?=[0-9A-Fa-f:.]*::|(?:[0-9A-Fa-f]{0,4}:){7})[0-9A-Fa-f:.]{3,45}(?:%\w+)?(?![\w:])")
_PREFIX = re.compile(r"/(\d{1,3})(?!\d)")
_VERSION = re.compile(r"(?:\bv|versi[oó]n|version|build|release)\W{0,3}$", re.IGNORECASE)
_BTC = re.compile(r"(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,87})(?![A-Za-z0-9])", re.IGNORECASE)
_ETH = re.compile(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])")


# What may follow an address with nothing between ("ana@x.mx/bob@y.mx"): another one.
_GLUED = re.compile(_ADDRESS)


def emails(work: str) -> Iterator[Span]:
    """Email addresses; addresses glued to one another are one span (a local part is only
    looked for where a word starts, so the second would be missed)."""
    for m in _EMAIL.finditer(work):
        start = m.start() + len(m.group()) - len(m.group().lstrip("."))  # a local part never starts with a dot
        end = m.end()
        while glued := _GLUED.match(work, end):
            end = glued.end()
        if work[start] != "@" and "@" in work[start:end]:
            yield start, end, P.EMAIL


def _is_network(value: str, after: str) -> bool:
    """"10.0.0.0/8": a block of addresses (its host part all zeros) names no one's machine;
    "192.168.1.10/24" is still a host."""
    prefix = _PREFIX.match(after)
    if not prefix:
        return False
    try:
        ipaddress.ip_network(f"{value}/{prefix.group(1)}", strict=True)
    except ValueError:
        return False
    return True


def ip_addresses(work: str) -> Iterator[Span]:
    """IPv4 and IPv6 addresses that `ipaddress` accepts; a dotted version number
    ("versión 2.4.1.0") is not an address."""
    for pattern in (_IPV6, _IPV4):  # IPv6 first: "::ffff:192.0.2.128" holds an IPv4 address
        for m in pattern.finditer(work):
            if _VERSION.search(work[max(0, m.start() - 12):m.start()]):
                continue
            value = m.group().rstrip(".")  # a full stop after the address ends the sentence
            try:
                ipaddress.ip_address(value.split("%")[0])
            except ValueError:
                continue
            if _is_network(value, work[m.start() + len(value):]):
                continue
            yield m.start(), m.start() + len(value), P.IP


def wallets(work: str) -> Iterator[Span]:
    for m in _BTC.finditer(work):
        value = m.group()
        if value[:3].lower() == "bc1" and len(value) in (42, 62) or bitcoin.is_valid(value):
            yield m.start(), m.end(), P.WALLET
    yield from ((m.start(), m.end(), P.WALLET) for m in _ETH.finditer(work))
