"""Keys, tokens, passwords and PINs: the value after a label (the label stays), or a
string shaped like a key (a known prefix, a JWT, a long hex or base64 run)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.redaction import placeholders as P
from kb.redaction.spans import Span

_I = re.IGNORECASE

# Payment providers' and clouds' key prefixes (Stripe, Conekta, Mercado Pago, AWS, GitHub, Google, Slack).
_API_KEY = re.compile(r"\b(?:(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}|key_[A-Za-z0-9]{16,}|APP_USR-[0-9a-f-]{20,}|"
                      r"TEST-\d{6,}-[0-9a-zA-Z-]{10,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{30,}|"
                      r"AIza[0-9A-Za-z_-]{35}|xox[abprs]-[0-9A-Za-z-]{10,})")
_WEBHOOK_SECRET = re.compile(r"\bwhsec_[A-Za-z0-9+/=]{6,}")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
# The value is group "value"; the label before it is kept. Each pattern is tried only when
# one of its words is in the text (a substring test costs far less than the pattern).
_LABELLED = [
    (re.compile(r"\b(?:Bearer|Basic|Token)\s+(?P<value>(?=[A-Za-z0-9\-._~+/]*\d)[A-Za-z0-9\-._~+/]{8,}=*)", _I), P.TOKEN,
     ("bearer", "basic", "token")),
    (re.compile(r"\b(?:password|passwd|pwd|contrase(?:ñ|n)a|clave de acceso)(?:\s*[:=]\s*|\s+(?:es|is|was|era)\s*:?\s*)"
                r"(?P<value>\"[^\"\n]*\"|'[^'\n]*'|[^\s\ue000]+)", _I), P.SECRET,
     ("pass", "pwd", "contrase", "clave de acceso")),
    (re.compile(r"\b(?:secret|client[_ -]?secret|api[_ -]?key|apikey|access[_ -]?token|refresh[_ -]?token|token|"
                r"llave(?: privada| secreta)?)(?:\s*[:=]\s*|\s+(?:es|is|was|era)\s*:?\s*)"
                r"(?P<value>(?=[^\s\ue000]*\d)[^\s\ue000]{8,})", _I),
     P.SECRET, ("secret", "key", "token", "llave")),
    (re.compile(r"\b(?:nip|pin)(?:\s*(?:[:=]|es|is)?\s*)(?P<value>\d{4,6})\b", _I), P.PIN, ("nip", "pin")),
    # One-time codes sent by SMS or email: whoever reads one can approve a payment.
    (re.compile(r"\b(?:otp|c[oó]digo de (?:verificaci[oó]n|acceso|confirmaci[oó]n)|c[oó]digo sms|clave din[aá]mica|token sms|"
                r"verification code|one[- ]time (?:code|password)|2fa code)(?:\s*(?:[:=]|es|is)?\s*)(?P<value>\d{4,8})\b", _I),
     P.SECRET, ("otp", "digo", "clave din", "sms", "verification", "one", "2fa")),
]
_HEX = re.compile(r"(?<![A-Za-z0-9])[0-9a-fA-F]{32,}(?![A-Za-z0-9])")
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/_=-])(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])"
                     r"[A-Za-z0-9+/_-]{32,}={0,2}")


_KEY_HINTS = ("_live_", "_test_", "key_", "app_usr-", "test-", "akia", "gh", "github_pat_", "aiza", "xox")


def keys(work: str) -> Iterator[Span]:
    """Keys by their prefixes, and labelled secrets (the value only)."""
    low = work.lower()
    for pattern, placeholder, hints in ((_API_KEY, P.API_KEY, _KEY_HINTS), (_WEBHOOK_SECRET, P.SECRET, ("whsec_",)),
                                        (_JWT, P.TOKEN, ("eyj",))):
        if any(hint in low for hint in hints):
            yield from ((m.start(), m.end(), placeholder) for m in pattern.finditer(work))
    for pattern, placeholder, hints in _LABELLED:
        if any(hint in low for hint in hints):
            yield from ((m.start("value"), m.end("value"), placeholder) for m in pattern.finditer(work))


def opaque(work: str) -> Iterator[Span]:
    """Long hex or mixed-case base64 strings: keys or hashes nobody needs to read."""
    for pattern in (_HEX, _BASE64):
        yield from ((m.start(), m.end(), P.SECRET) for m in pattern.finditer(work))
