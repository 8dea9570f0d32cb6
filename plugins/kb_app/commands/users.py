"""`kb users add|remove|list`: the users file of the built-in login. Passwords come from a
prompt or standard input, never from the command line (where `ps` and shell history see them)."""

from __future__ import annotations

from pathlib import Path

from kb_app.users import read_users

DEFAULT_FILE = Path(".kb") / "users.json"


def users_file(root: Path, given: Path | None) -> Path:
    """The users file: --users-file / $KB_USERS_FILE, else .kb/users.json of the project."""
    return given if given is not None else root / DEFAULT_FILE


def list_text(path: Path) -> str:
    users = read_users(path)
    if not users:
        return f"no users in {path}: add one with 'kb users add NAME'"
    return "\n".join(f"{user.name}\tadded {user.added}" for user in sorted(users.values(), key=lambda u: u.name))
