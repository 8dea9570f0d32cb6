"""Read a YAML data file of the project, keeping the line of every key and item.

The data files under data/ are written by people; a problem in one is reported at its
line ("data/fact-rules.yml:42"), never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.problems import Problem

try:  # libyaml's parser when it is there
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Key = tuple[str | int, ...]


@dataclass
class DataFile:
    """A data file's values, and where each of them is written."""

    display: str
    data: Any = None
    lines: dict[Key, int] = field(default_factory=dict)

    def line(self, *key: str | int) -> int:
        """The 1-based line of `key` (a path of keys and list indices), or of its nearest
        parent that is written in the file; 0 when nothing of it is."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 0

    def problem(self, key: Key, message: str, fix: str, **kwargs: Any) -> Problem:
        return Problem(self.display, self.line(*key), ".".join(map(str, key)), message, fix, **kwargs)


class AliasError(ValueError):
    """An anchor used again: a few bytes of aliases can expand to gigabytes."""


def _walk(node: yaml.Node, key: Key, lines: dict[Key, int], seen: set[int], line: int) -> None:
    """Record the line of `node` and its children; `line` is where it is used (an alias is
    used elsewhere than its anchor)."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:
            raise AliasError(line)
        seen.add(id(node))
    lines.setdefault(key, line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            child = (*key, str(key_node.value))
            lines[child] = key_node.start_mark.line + 1
            _walk(value, child, lines, seen, lines[child])
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*key, index), lines, seen, item.start_mark.line + 1 if id(item) not in seen else line)


def read_data_file(path: Path, display: str) -> tuple[DataFile | None, list[Problem]]:
    """The file read, or None with the problem when it is not valid YAML. A missing file
    is an empty DataFile: the caller decides whether that is a problem."""
    found = DataFile(display)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return found, []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(display, 0, "", f"cannot be read ({exc})", "save it as UTF-8 text")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), found.lines, set(), node.start_mark.line + 1)  # before constructing: it refuses aliases
            found.data = loader.construct_document(node)
    except AliasError as exc:
        return None, [Problem(display, exc.args[0], "", "repeats a block through a YAML alias (*name)",
                              "write the values out in full: aliases are not read in data files")]
    except RecursionError:
        return None, [Problem(display, 0, "", "is nested too deeply to be read", "keep the file's structure a few levels deep")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(display, mark.line + 1 if mark else 0, "", f"not valid YAML ({getattr(exc, 'problem', exc)})",
                              "fix the YAML syntax (quote values holding ':' or '#', keep the indentation)")]
    finally:
        loader.dispose()
    return found, []
