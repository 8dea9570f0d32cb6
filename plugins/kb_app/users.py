"""The users file of the built-in login: names and argon2 password hashes, as JSON, written
atomically and readable by its owner only. `kb users add|remove|list` manage it; `kb web`
reads it again whenever it changes, so a removed user's sessions end at their next request."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kb.atomic import write_atomic

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
# Verified when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY = _HASHER.hash("not a password of anyone")


class UsersError(ValueError):
    """The users file or a command's input is not usable; the message says why and the fix."""


@dataclass(frozen=True)
class User:
    name: str
    hash: str
    added: str


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise UsersError(f"{name!r} is not a usable user name: 1 to 64 letters, digits or . _ @ + -, "
                         "starting with a letter or digit")
    return name


def read_users(path: Path) -> dict[str, User]:
    """The users of the file (none if it does not exist yet)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        data = json.loads(text)
        return {name: User(name, entry["hash"], entry.get("added", "")) for name, entry in data["users"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsersError(f"{path}: not a users file written by 'kb users' ({exc}); restore it from a backup "
                         "or remove it and add the users again") from None


def write_users(path: Path, users: dict[str, User]) -> None:
    data = {"users": {u.name: {"hash": u.hash, "added": u.added} for u in sorted(users.values(), key=lambda u: u.name)}}
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():  # created owner-only; write_atomic keeps the mode of the file it replaces
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    write_atomic(path, json.dumps(data, indent=2) + "\n")


def add_user(path: Path, name: str, password: str) -> bool:
    """Add `name`, or set a new password if it exists; True when the user is new."""
    check_name(name)
    if len(password) < MIN_PASSWORD:
        raise UsersError(f"the password is too short: use at least {MIN_PASSWORD} characters (a passphrase is best)")
    users = read_users(path)
    new = name not in users
    users[name] = User(name, _HASHER.hash(password), dt.date.today().isoformat())
    write_users(path, users)
    return new


def remove_user(path: Path, name: str) -> None:
    users = read_users(path)
    if name not in users:
        raise UsersError(f"no user {name!r} in {path} ('kb users list' shows them)")
    del users[name]
    write_users(path, users)


class Users:
    """The users file as the server sees it: read again when the file changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._users: dict[str, User] = {}
        self._lock = threading.Lock()

    def current(self) -> dict[str, User]:
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_ino)
        except FileNotFoundError:
            stamp = (0, 0)
        with self._lock:
            if stamp != self._stamp:
                self._users = read_users(self.path) if stamp != (0, 0) else {}
                self._stamp = stamp
            return self._users

    def exists(self, name: str) -> bool:
        return name in self.current()

    def verify(self, name: str, password: str) -> bool:
        """Whether `password` is `name`'s; as slow for an unknown name as for a known one."""
        user = self.current().get(name)
        try:
            return _HASHER.verify(user.hash if user else _DUMMY, password) and user is not None
        except (VerificationError, InvalidHashError):
            return False
