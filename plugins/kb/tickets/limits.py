"""The bounds a ticket export must keep: past them it is refused with its file, line and
fix before anything is written, never a blow-up in memory, time or recursion. Real exports
are far inside them (a Zendesk ticket nests about 6 deep, ids have at most 19 digits)."""

from __future__ import annotations

JSON_DEPTH_MAX = 64  # arrays and objects inside each other
FIELD_MAX = 1 << 20  # characters of one field (CSV) or bytes of one text value (JSON): 1 MiB
NUMBER_MAX_DIGITS = 64  # digits of one JSON number (the parser crashes on more than Python reads)
ID_MAX = 64  # characters of a ticket id (Jira keys, UUIDs and 19-digit Zendesk ids fit)
LINE_MAX = 16 << 20  # characters of one line of a JSON-lines export: 16 MiB
COLUMNS_MAX = 4096  # columns of a CSV header (a Jira export with every custom field has a few hundred)
