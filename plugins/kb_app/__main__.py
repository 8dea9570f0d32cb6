"""The `kb` script (and `python -m kb_app`): `kb search ...` goes straight to its own parser,
without importing click, the group or any other command (a search is what terminals and
help-desk macros run many times a day: kb_app.commands.search); every other command line
goes through the click group of cli.py."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run the command line (exits with the command's code)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["search"]:
        from kb_app.commands.search import main as search

        sys.exit(search(args[1:]))
    from kb_app.cli import cli

    cli.main(args=args, prog_name="kb")


if __name__ == "__main__":
    main()
