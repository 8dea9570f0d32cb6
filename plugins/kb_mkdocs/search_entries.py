"""mkdocs-static-i18n's removal of duplicate search entries, in linear time.

After the last language is built, mkdocs-static-i18n 1.3.1 (`reconfigure_search_duplicates`)
removes from Material's built-in search entries, for each entry of the default language
(at the site's root), the entries of other languages (under `<lang>/`) with the same title
and text whose location ends with its location: a page shown in the default language in
place of a missing translation is indexed once. It compares every pair: 6 million calls at
500 articles a language, 16 times that at 2,000.

`dedupe` gives exactly the list the library gives, on any input, quirks included: the
library removes entries from the lists it is iterating over, so that the entry after each
removed one is never looked at (a default entry after a removed entry that came before it,
another language's entry right after a removed one), and `list.remove` removes the first
entry equal to the one found, not always that one. `dedupe` replays that walk over linked
lists, visiting only the entries a default entry can remove: those with its title and text
(by value), and among them, those whose location ends with its location (one range of the
locations sorted backwards). Each entry removed costs a few steps, each default entry a
binary search: O(n log n) in all. Entries of another shape (a title, text or location that
is not a string, values other than JSON-like data) are left to the library's own code.

`install` puts it in place of the library's method on the plugin instance, only for the
version it was checked against (VERSION): after an upgrade the library's own code runs
until this module is checked against the new one.
"""

from __future__ import annotations

import bisect
import logging
import types
from collections import defaultdict, deque
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.kb.search_entries")
VERSION = "1.3.1"
FIELDS = ("location", "title", "text")
_PLAIN = (str, int, float, bool, type(None))


def _frozen(value: Any) -> Any:
    """A hashable value equal to another's exactly when the two values are equal (==);
    TypeError for what is not JSON-like data."""
    if type(value) is float and value != value:  # NaN equals itself only as the same object
        raise TypeError(value)
    if type(value) in _PLAIN:
        return value
    if type(value) is list:
        return ("list", tuple(_frozen(item) for item in value))
    if type(value) is dict:
        return ("dict", frozenset((_frozen(key), _frozen(item)) for key, item in value.items()))
    raise TypeError(value)


class _Links:
    """What is left of a list, in its order: a doubly linked list over its positions."""

    def __init__(self, positions: list[int], size: int) -> None:
        self.next: list[int | None] = [None] * size
        self.previous: list[int | None] = [None] * size
        for before, after in zip(positions, positions[1:]):
            self.next[before], self.previous[after] = after, before
        self.first = positions[0] if positions else None

    def after(self, position: int) -> int | None:
        """The position after `position` (one still in the list), None at the end."""
        return self.next[position]

    def remove(self, position: int) -> None:
        before, after = self.previous[position], self.next[position]
        if before is None:
            self.first = after
        else:
            self.next[before] = after
        if after is not None:
            self.previous[after] = before


class _Group:
    """Entries of other languages with one title and text, sorted by their location read
    backwards (the locations ending with a given one are a range); removed ones are
    skipped in one step (`_alive`, path halving)."""

    def __init__(self, members: list[tuple[str, int]]) -> None:
        self.members = sorted(members)  # (reversed location, position)
        self._keys = [key for key, _ in self.members]
        self._jump = list(range(len(self.members) + 1))  # to the next entry left, or itself
        self._index = {position: i for i, (_, position) in enumerate(self.members)}

    def _alive(self, i: int) -> int:
        jump = self._jump
        while jump[i] != i:
            jump[i] = jump[jump[i]]
            i = jump[i]
        return i

    def remove(self, position: int) -> None:
        i = self._index[position]
        self._jump[i] = i + 1

    def ending_with(self, location: str) -> list[int]:
        """The positions of the entries left whose location ends with `location`, in order."""
        suffix = location[::-1]
        end = bisect.bisect_right(self._keys, suffix, key=lambda key: key[:len(suffix)])
        i, found = self._alive(bisect.bisect_left(self._keys, suffix, key=lambda key: key[:len(suffix)])), []
        while i < end:
            found.append(self.members[i][1])
            i = self._alive(i + 1)
        return sorted(found)


def _plain(entries: list[Any]) -> bool:
    """Whether every entry is a dict with a string title, text and location."""
    return all(type(entry) is dict and all(type(entry.get(name)) is str for name in FIELDS) for entry in entries)


def _value(entry: dict) -> Any:
    """`_frozen(entry)`, at once for the usual entry (strings only)."""
    if all(type(value) is str for value in entry.values()):
        return ("dict", frozenset(entry.items()))
    return _frozen(entry)


def dedupe(entries: list[dict], languages: list[str]) -> bool:
    """Remove from `entries`, in place, what mkdocs-static-i18n's
    `reconfigure_search_duplicates` removes (`languages`: its build languages); False, and
    `entries` untouched, when they are not all plain entries: dicts with a string title,
    text and location, and JSON-like data (see `_frozen`)."""
    if not _plain(entries):
        return False
    prefixes = tuple(f"{lang}/" for lang in languages)
    others = [i for i, entry in enumerate(entries) if entry["location"].startswith(prefixes)]
    try:
        values = [_value(entry) for entry in entries]  # list.remove compares the entries whole
    except TypeError:
        return False
    everything, listed = _Links(list(range(len(entries))), len(entries)), _Links(others, len(entries))  # the library's two lists
    equal: dict[Any, deque[int]] = defaultdict(deque)  # entries equal by value, in order
    members: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for i in others:
        equal[values[i]].append(i)
        members[(entries[i]["title"], entries[i]["text"])].append((entries[i]["location"][::-1], i))
    groups = {key: _Group(found) for key, found in members.items()}
    other = set(others)
    removed: list[int] = []
    unread: int | None = everything.first  # the walk over the default entries: the next entry it reads

    def remove(found: int) -> None:
        """`list.remove` of the entry at `found` from both lists: the first equal one goes."""
        nonlocal unread
        first = equal[values[found]].popleft()
        if unread is None or first < unread:  # read already: the walk skips the entry it would read next
            everything.remove(first)
            if unread is not None:
                unread = everything.after(unread)
        else:
            if first == unread:
                unread = everything.after(first)
            everything.remove(first)
        listed.remove(first)
        groups[(entries[first]["title"], entries[first]["text"])].remove(first)
        removed.append(first)

    while unread is not None:
        current, unread = unread, everything.after(unread)
        if current in other:
            continue
        entry = entries[current]
        group = groups.get((entry["title"], entry["text"]))
        if group is None:
            continue
        skipped = None  # the entry after the last one removed: the inner walk never reads it
        for found in group.ending_with(entry["location"]):
            if found == skipped:
                continue
            skipped = listed.after(found)
            remove(found)
    gone = set(removed)
    entries[:] = [entry for i, entry in enumerate(entries) if i not in gone]
    log.debug(f"removed {len(gone)} duplicate search entries")
    return True


def install(config: MkDocsConfig) -> bool:
    """Make the i18n plugin of `config` use `dedupe`, if it is the version `dedupe` was
    checked against; True when installed."""
    plugin = config.plugins.get("i18n")
    if plugin is None or not hasattr(plugin, "reconfigure_search_duplicates"):
        return False
    try:
        found = version("mkdocs-static-i18n")
    except PackageNotFoundError:
        found = None
    if found != VERSION:
        log.info(f"mkdocs-static-i18n {found} is not {VERSION}, the version kb_mkdocs.search_entries was checked against: "
                 "its own (slower) removal of duplicate search entries is used")
        return False
    library = type(plugin).reconfigure_search_duplicates

    def reconfigure_search_duplicates(self: Any, search_index_entries: list) -> None:
        if not dedupe(search_index_entries, self.build_languages):
            library(self, search_index_entries)

    plugin.reconfigure_search_duplicates = types.MethodType(reconfigure_search_duplicates, plugin)
    return True
