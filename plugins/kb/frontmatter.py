"""Split a Markdown file into its YAML front matter and body, keeping line numbers.

Values are read with YAML's safe loader, except that dates stay text: the article
contract parses them itself, so a bad date is a clear message rather than a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml's parser and emitter when it is there; the pure-Python ones otherwise
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that leaves timestamps as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; `line` is 1-based in the file."""

    def __init__(self, message: str, line: int, fix: str) -> None:
        super().__init__(message)
        self.line = line
        self.fix = fix


@dataclass
class FrontMatter:
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based line in the file
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    end_line: int = 1  # line of the closing fence


def split(text: str) -> FrontMatter:
    """Parse `text`; raise FrontMatterError with the file line where it goes wrong."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        raise FrontMatterError(
            "the file does not start with a front matter block",
            1,
            "start the file with a line '---', the YAML fields (id, title, ...), and a closing '---'",
        )
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index]):
            break
    else:
        raise FrontMatterError(
            "the front matter block is never closed",
            1,
            "add a line '---' after the last front matter field",
        )
    source = "\n".join(lines[1:index])
    try:
        node = yaml.compose(source, Loader=_Loader)
        data = yaml.load(source, Loader=_Loader) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 2
        problem = exc.problem or "invalid YAML"
        raise FrontMatterError(
            f"the front matter is not valid YAML ({problem})",
            line,
            "check the indentation and quote values that contain ':' , '#', '[' or start with '*' or '&'",
        ) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"the front matter is not valid YAML ({exc})", 2, "fix the YAML syntax") from None
    if not isinstance(data, dict):
        raise FrontMatterError(
            "the front matter is not a set of 'field: value' lines",
            2,
            "write one 'field: value' per line, e.g. 'title: SPEI returns'",
        )
    _refuse_duplicate_keys(node)
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    return FrontMatter(
        data={str(k): v for k, v in data.items()},
        lines=key_lines,
        body="\n".join(lines[index + 1 :]),
        body_line=index + 2,
        end_line=index + 1,
    )


def dump(data: dict[str, Any], body: str) -> str:
    """A Markdown file with `data` as its front matter, fields in the given order."""
    meta = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
    return f"---\n{meta}---\n\n{body.lstrip()}"


def _refuse_duplicate_keys(node: yaml.Node | None) -> None:
    """YAML keeps the last of two equal keys, silently: `audience: internal` and, lower down,
    `audience: public` would make a page public. Any mapping, at any depth, with a key twice
    is refused, naming the line of each."""
    pending = [node] if node is not None else []
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                name, line = str(key.value), key.start_mark.line + 2
                if name in seen:
                    raise FrontMatterError(
                        f"the field '{name}' is given twice, at lines {seen[name]} and {line}",
                        line,
                        f"keep one '{name}:' line with the value you mean, and delete the other",
                    )
                seen[name] = line
                pending.append(value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
