"""Split a Markdown file into its YAML front matter and body, keeping line numbers.

Values are read with YAML's safe loader, except that dates stay text: the article
contract parses them itself, so a bad date is a clear message rather than a traceback.
What no article needs is refused before any value is built (aliases, a block over 32 KB,
deep nesting, numbers too long for Python), so no front matter can blow up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from kb.limits import FRONT_MATTER_MAX_BYTES, FRONT_MATTER_MAX_DEPTH, NUMBER_MAX_DIGITS

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

_LONG_NUMBER = re.compile(rf"[-+]?[0-9][0-9_]{{{NUMBER_MAX_DIGITS},}}(?::[0-5]?[0-9])*")  # int() refuses 4,300 digits
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


Fields = Callable[[str], tuple[dict[str, Any], dict[str, int]]]  # YAML text -> (fields, their file lines)


def split(text: str, fields: Fields | None = None) -> FrontMatter:
    """Parse `text`; raise FrontMatterError with the file line where it goes wrong.
    `fields` reads the YAML between the fences (default `parse_fields`; a catalog passes
    one that keeps what it read between runs, kb.kept_front_matter)."""
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
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > FRONT_MATTER_MAX_BYTES:
        raise FrontMatterError(
            f"the front matter is {size / 1024:,.0f} KB, more than the {FRONT_MATTER_MAX_BYTES // 1024} KB allowed",
            index + 1,
            "keep the front matter to its fields (id, title, summary, ...) and put long text in the body",
        )
    data, key_lines = (fields or parse_fields)(source)
    return FrontMatter(
        data=data,
        lines=key_lines,
        body="\n".join(lines[index + 1 :]),
        body_line=index + 2,
        end_line=index + 1,
    )


def parse_fields(source: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The fields of the YAML `source` (the text between the fences, from the file's line
    2) and the file line of each; FrontMatterError when it is not one article's fields."""
    try:
        node = yaml.compose(source, Loader=_Loader)
        if node is not None:
            _refuse_what_no_article_needs(node)
        data = _Loader("").construct_document(node) if node is not None else {}
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
    except RecursionError:  # the pure-Python parser, where libyaml is missing, on deep nesting
        raise FrontMatterError(f"the front matter nests lists or fields more than {FRONT_MATTER_MAX_DEPTH} deep", 2,
                               "write each field as 'field: value' or a list of values, e.g. 'tags: [spei, returns]'") from None
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
    return {str(k): v for k, v in data.items()}, key_lines


def _refuse_what_no_article_needs(root: yaml.Node) -> None:
    """Walk the composed nodes (cheap: no value is built yet) and refuse aliases (a node
    met twice: one alias can stand for millions of values), deep nesting and numbers too
    long for Python to read."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 2
        if id(node) in seen:
            raise FrontMatterError(
                "the front matter repeats a value with a YAML anchor and alias ('&name', '*name'): anchors and aliases are not allowed",
                line,
                "write each value out in full instead of using anchors ('&name') and aliases ('*name')",
            )
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:int" and _LONG_NUMBER.fullmatch(node.value):
                raise FrontMatterError(
                    f"a number of {len(node.value):,} digits is more than the {NUMBER_MAX_DIGITS} allowed",
                    line,
                    "write a shorter number, or quote the value if it is text",
                )
            continue
        if depth >= FRONT_MATTER_MAX_DEPTH:
            raise FrontMatterError(
                f"the front matter nests lists or fields more than {FRONT_MATTER_MAX_DEPTH} deep",
                line,
                "write each field as 'field: value' or a list of values, e.g. 'tags: [spei, returns]'",
            )
        children = [child for pair in node.value for child in pair] if isinstance(node, yaml.MappingNode) else node.value
        stack.extend((child, depth + 1) for child in reversed(children))


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
