"""A JSON export's bytes checked against the limits before the parser sees them: nesting
depth (a parser keeps a path for every level, so a file nested 100,000 deep takes memory
in the square of its depth), text values longer than a field may be, and numbers longer
than any id (ijson's C parser crashes on one of 5,000 digits). Strings are told
from what lies between them by splitting each chunk on its quotes once escaped quotes
are masked, so the check costs a fraction of the parse."""

from __future__ import annotations

from itertools import accumulate

from kb.tickets.limits import FIELD_MAX, JSON_DEPTH_MAX, NUMBER_MAX_DIGITS
from kb.tickets.model import ExportError

_STEP = [0] * 256
_STEP[ord("[")] = _STEP[ord("{")] = 1
_STEP[ord("]")] = _STEP[ord("}")] = -1
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_DIGITS = b"0123456789"
_DIGIT_AS_ZERO = bytes.maketrans(_DIGITS, b"0" * 10)
_TOO_MANY_DIGITS = b"0" * (NUMBER_MAX_DIGITS + 1)
FIX_NUMBER = "a ticket id or count is never that long: export the tickets again from the help desk"


class JsonGuard:
    """Fed the bytes of one JSON document in order; raises ExportError at the first limit
    passed, naming the line where it happens."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.depth = 0
        self.line = 1  # the line at which `_carry` starts
        self._carry = b""  # a string or number not finished in the last chunk, read again with the next

    def feed(self, chunk: bytes) -> None:
        data = self._carry + chunk if self._carry else chunk
        # `\\` then `\"` masked left to right, as a JSON string pairs its backslashes
        parts = data.replace(b"\\\\", b"__").replace(b'\\"', b"__").split(b'"')
        if len(parts) % 2 == 0:  # an odd number of quotes: the last string goes on in the next chunk
            cut = len(data) - len(parts[-1]) - 1
            if len(data) - cut > FIELD_MAX:
                raise ExportError(self.display, self.line + data.count(b"\n", 0, cut),
                                  f"a text value starting here is longer than {FIELD_MAX:,} bytes",
                                  "a ticket field that long is not ticket text: export the tickets again from the help desk")
        else:  # a number at the end may go on in the next chunk
            cut = len(data.rstrip(_DIGITS))
        outside = b" ".join(parts[0::2])
        brackets = outside.translate(None, _NOT_BRACKETS)
        too_long = _TOO_MANY_DIGITS in outside.translate(_DIGIT_AS_ZERO)
        if self.depth + len(brackets) > JSON_DEPTH_MAX or too_long:
            steps = list(accumulate(map(_STEP.__getitem__, brackets), initial=self.depth))
            if max(steps) > JSON_DEPTH_MAX or too_long:
                self._fail(data)
            self.depth = steps[-1]
        else:
            self.depth += len(brackets) - 2 * (brackets.count(b"]") + brackets.count(b"}"))
        self.line += data.count(b"\n", 0, cut)
        self._carry = data[cut:]

    def _fail(self, body: bytes) -> None:
        """Raise at the line where the nesting or a number passes its limit, found byte by
        byte (the error path only)."""
        depth, digits, in_string, escaped = self.depth, 0, False, False
        for offset, byte in enumerate(body):
            if in_string:
                if escaped:
                    escaped = False
                elif byte == 0x5C:  # backslash
                    escaped = True
                elif byte == 0x22:
                    in_string = False
                continue
            digits = digits + 1 if 0x30 <= byte <= 0x39 else 0
            if digits > NUMBER_MAX_DIGITS:
                raise ExportError(self.display, self.line + body.count(b"\n", 0, offset),
                                  f"a number here has more than {NUMBER_MAX_DIGITS} digits", FIX_NUMBER)
            if byte == 0x22:
                in_string = True
            depth += _STEP[byte]
            if depth > JSON_DEPTH_MAX:
                raise ExportError(self.display, self.line + body.count(b"\n", 0, offset),
                                  f"the JSON is nested more than {JSON_DEPTH_MAX} levels deep here",
                                  "export the tickets again from the help desk: a ticket export is never nested this deep")
