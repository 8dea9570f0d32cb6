"""How `kb` writes a person's mistake: one line on stderr, never a traceback, the same from
the click group (cli.py) as from the parser of `kb search` (commands/search.py), which runs
without click."""

from __future__ import annotations


def usage_line(where: str, message: str) -> str:
    """A mistake in the command line of `where` (e.g. 'kb search'), pointing at its help (exit 2)."""
    return f"{where}: {message} (see '{where} --help')"


def error_line(message: str) -> str:
    """Anything else that stops a command (exit 1 unless said)."""
    return f"kb: {message}"
