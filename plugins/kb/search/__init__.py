"""The agents' search (a Whoosh index per audience) and the static site's search index.

Whoosh's compatibility module imports `urllib.request` (and with it `http.client` and
`email`: about 60 ms, a quarter of a `kb search` process) for one name, `urlretrieve`,
which Whoosh never calls. Here, before any Whoosh import, it is imported with a stand-in
for that one module; the real `urllib.request` is imported as usual by whatever needs it,
and the stand-in's `urlretrieve` calls the real one."""

from __future__ import annotations

import sys
import types
from typing import Any


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _import_whoosh_without_urllib() -> None:
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules:
        return
    stand_in = types.ModuleType("urllib.request")
    stand_in.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


_import_whoosh_without_urllib()
