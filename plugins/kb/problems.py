"""What is wrong with an input, said so that a person can fix it.

Every check in the knowledge base reports `Problem`s instead of raising, so one run lists
all of them (file, line, field, what is wrong, how to fix it), never only the first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum

_TEXT_MAX = 1000  # characters of a message or fix: a safety net, values are quoted briefly where they are named


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding about one file: `line` is 1-based, 0 when it concerns the whole file."""

    file: str
    line: int
    field: str
    message: str
    fix: str
    severity: Severity = Severity.ERROR
    code: str = ""

    def __post_init__(self) -> None:
        for name in ("message", "fix"):
            text = getattr(self, name)
            if len(text) > _TEXT_MAX:
                object.__setattr__(self, name, f"{text[:_TEXT_MAX - 1]}…")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f"{self.field}: " if self.field else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}: {self.severity.value}: {field}{self.message}.{fix}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Problem:
        """The problem `to_dict` wrote (a cache's entry); TypeError, ValueError or
        KeyError when `data` is not one."""
        fields = {name: data[name] for name in ("file", "line", "field", "message", "fix", "code")}
        if not all(isinstance(fields[name], str) for name in ("file", "field", "message", "fix", "code")) or type(fields["line"]) is not int:
            raise TypeError(data)
        return cls(**fields, severity=Severity(data["severity"]))


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems as a reader walks the files: by file, then line."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.field, p.message))
