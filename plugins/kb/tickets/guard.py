"""A JSON export's bytes checked against the limits before the parser sees them: nesting
depth (a parser builds a path for every level, so a file nested 100,000 deep takes memory
in the square of its depth), text values longer than a field may be, and numbers with more
digits than Python reads. Strings and what lies between them are told apart with
regular expressions over each chunk, so the check costs a fraction of the parse."""

from __future__ import annotations

import re
from itertools import accumulate

from kb.tickets.limits import FIELD_MAX, JSON_DEPTH_MAX, NUMBER_MAX_DIGITS
from kb.tickets.model import ExportError

_STRING_BODY = rb'"[^"\\]*(?:\\.[^"\\]*)*"'
_SPAN = re.compile(rb'(?:[^"]+|' + _STRING_BODY + rb')*', re.S)  # complete strings and what lies between them
_STRING = re.compile(_STRING_BODY, re.S)
_LONG_NUMBER = re.compile(rb"[0-9]{%d}" % (NUMBER_MAX_DIGITS + 1))
_TRAILING_NUMBER = re.compile(rb"[0-9.eE+\-]+\Z")
_STEP = [0] * 256
_STEP[ord("[")] = _STEP[ord("{")] = 1
_STEP[ord("]")] = _STEP[ord("}")] = -1
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
FIX_DEPTH = "export the tickets again from the help desk: a ticket export is never nested this deep"


class JsonGuard:
    """Fed the bytes of one JSON document in order; raises ExportError at the first limit
    passed, naming the line where it happens."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.depth = 0
        self.line = 1  # the line at which `_carry` starts
        self._carry = b""  # an unfinished string or number, read again with the next chunk

    def feed(self, chunk: bytes) -> None:
        data = self._carry + chunk if self._carry else chunk
        end = _SPAN.match(data).end()  # where an unterminated string starts, or the end
        body, carry = data[:end], data[end:]
        if not carry and (number := _TRAILING_NUMBER.search(body)):
            body, carry = body[:number.start()], body[number.start():]
        if len(carry) > FIELD_MAX:
            raise ExportError(self.display, self.line + body.count(b"\n"),
                              f"a text value here is longer than {FIELD_MAX:,} bytes",
                              "a ticket field that long is not ticket text: export the tickets again from the help desk")
        structure = _STRING.sub(b" ", body) if b'"' in body else body
        brackets = structure.translate(None, _NOT_BRACKETS)
        if self.depth + len(brackets) > JSON_DEPTH_MAX or _LONG_NUMBER.search(structure):
            steps = list(accumulate(map(_STEP.__getitem__, brackets), initial=self.depth))
            if max(steps) > JSON_DEPTH_MAX or _LONG_NUMBER.search(structure):
                self._fail(body)
            self.depth = steps[-1]
        else:
            self.depth += len(brackets) - 2 * brackets.count(b"]") - 2 * brackets.count(b"}")
        self.line += body.count(b"\n")
        self._carry = carry

    def _fail(self, body: bytes) -> None:
        """Raise at the exact place of the problem in `body`, found byte by byte (the
        error path only)."""
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
            line = self.line + body.count(b"\n", 0, offset)
            if digits > NUMBER_MAX_DIGITS:
                raise ExportError(self.display, line, f"a number here has more than {NUMBER_MAX_DIGITS} digits",
                                  "a ticket id or count is never that long: export the tickets again from the help desk")
            if byte == 0x22:
                in_string = True
            depth += _STEP[byte]
            if depth > JSON_DEPTH_MAX:
                raise ExportError(self.display, line, f"the JSON is nested more than {JSON_DEPTH_MAX} levels deep here", FIX_DEPTH)
