"""Finding a ticket's fields among an export's columns (or JSON keys), by the names each
help desk uses, or by the names a person maps with `--map field=Column`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kb.stubs.words import fold
from kb.tickets.model import FIELDS, ExportError


def _key(name: str) -> str:
    """A column name as compared: case, accents and spacing aside (`Descripción` and
    `descripcion` are one column, as spreadsheets and exports re-encode them)."""
    return " ".join(fold(name.replace("\ufeff", "")).split())


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """`["tags=Etiquetas"]` as `{"tags": "Etiquetas"}`; ValueError says what is wrong."""
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise ValueError(f"'{pair}' is not field=Column (e.g. tags=Etiquetas)")
        if field not in FIELDS:
            raise ValueError(f"'{field}' is not a ticket field: use one of {', '.join(FIELDS)}")
        mapping[field] = column.strip()
    return mapping


class Columns:
    """The header of a CSV export, looked up without regard to case or spacing."""

    def __init__(self, header: Sequence[str], display: str, mapping: Mapping[str, str] | None = None) -> None:
        self.header = [name.strip() for name in header]
        self.display = display
        self.mapping = dict(mapping or {})
        self._index: dict[str, list[int]] = {}
        for position, name in enumerate(self.header):
            self._index.setdefault(_key(name), []).append(position)

    def all(self, field: str, names: Sequence[str]) -> list[int]:
        """Every column that holds `field` (Jira repeats `Labels` once per label)."""
        if field in self.mapping:
            return self._index.get(_key(self.mapping[field]), [])
        for name in names:
            if _key(name) in self._index:
                return self._index[_key(name)]
        return []

    def find(self, field: str, names: Sequence[str]) -> int | None:
        found = self.all(field, names)
        return found[0] if found else None

    def require(self, field: str, names: Sequence[str], fmt: str) -> int:
        """The column of a field the format cannot do without; a clear error if absent."""
        position = self.find(field, names)
        if position is None:
            wanted = self.mapping.get(field) or names[0]
            shown = ", ".join(self.header[:12]) + (" ..." if len(self.header) > 12 else "")
            raise ExportError(self.display, 1, f"no '{wanted}' column for the ticket {field} in this {fmt} export (its columns: {shown})",
                              f"pass --map {field}=<the column that holds it>, or --format if this is not a {fmt} export")
        return position

    def present(self, names: Sequence[str]) -> bool:
        return any(_key(name) in self._index for name in names)

    def prefixed(self, prefixes: Sequence[str]) -> bool:
        """Whether some column starts with one of `prefixes` (Jira's `Custom field (...)`)."""
        folded = [_key(prefix) for prefix in prefixes]
        return any(key.startswith(prefix) for key in self._index for prefix in folded)
