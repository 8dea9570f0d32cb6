"""A static check of the core's boundary: no module of `kb/` imports MkDocs, Material,
mkdocs-static-i18n, the adapters or the application, directly or through another module.

Imports are read from each module's syntax tree (every `import`, at any depth, even inside
a function), so a lazy import counts as much as one at the top. The check follows the core's
own imports from module to module, and a third-party package the core imports must not
depend, through its installed distribution's requirements, on a forbidden one.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

FORBIDDEN = ("mkdocs", "material", "mkdocs_static_i18n", "kb_mkdocs", "kb_app")
FORBIDDEN_DISTRIBUTIONS = {"mkdocs", "mkdocs-material", "mkdocs-static-i18n"}
_NAME = re.compile(r"^[A-Za-z0-9._-]+")


def _module_name(path: Path, plugins: Path) -> str:
    parts = list(path.relative_to(plugins).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, name: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the module `name` at `path`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def _forbidden(module: str) -> bool:
    return module.split(".")[0] in FORBIDDEN


def _distribution_reaches(distribution: str, seen: set[str]) -> str | None:
    """The forbidden distribution `distribution` requires, directly or not, or None."""
    key = distribution.lower().replace("_", "-")
    if key in FORBIDDEN_DISTRIBUTIONS:
        return key
    if key in seen:
        return None
    seen.add(key)
    try:
        requires = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return None
    for requirement in requires:
        if "extra ==" in requirement:
            continue  # optional extras are not installed with the package
        match = _NAME.match(requirement)
        if match and (reached := _distribution_reaches(match.group(0), seen)):
            return reached
    return None


def violations(plugins: Path, core: str = "kb") -> list[str]:
    """Every way a core module reaches a forbidden package, one line each (empty: the
    boundary holds). `plugins` is the folder holding the `kb` package."""
    modules = {_module_name(path, plugins): path for path in sorted((plugins / core).rglob("*.py"))}
    graph = {name: imports_of(path, name) for name, path in modules.items()}
    distributions = metadata.packages_distributions()
    direct: dict[str, list[str]] = {}
    for name, imports in graph.items():
        where = modules[name].relative_to(plugins).as_posix()
        reported: set[int] = set()  # one line per import statement (`from a import b` names a and a.b)
        for line, imported in imports:
            top = imported.split(".")[0]
            if line in reported:
                continue
            if _forbidden(imported):
                reported.add(line)
                direct.setdefault(name, []).append(f"{where}:{line}: {name} imports {imported}")
            elif top != core and top not in sys.stdlib_module_names:
                for distribution in distributions.get(top, []):
                    if reached := _distribution_reaches(distribution, set()):
                        direct.setdefault(name, []).append(
                            f"{where}:{line}: {name} imports {imported} ({distribution}), which requires {reached}")
    found = [line for lines in direct.values() for line in lines]
    for start in modules:  # through other core modules: a breadth-first walk of the imports
        parent: dict[str, str | None] = {start: None}
        queue = [start]
        while queue:
            current = queue.pop(0)
            for _, imported in graph[current]:
                if imported in modules and imported not in parent:
                    parent[imported] = current
                    queue.append(imported)
        for reached in parent:
            if reached != start and reached in direct:
                steps = [reached]
                while parent[steps[-1]] is not None:
                    steps.append(parent[steps[-1]])
                found.append(f"{modules[start].relative_to(plugins).as_posix()}: {' -> '.join(reversed(steps))}, "
                             f"which imports a forbidden package")
    return found
