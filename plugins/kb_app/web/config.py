"""What `kb web` is told at start: plain values, passed to each worker process as JSON in the
environment (uvicorn starts the workers; each builds its app from these)."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

ENVIRONMENT = "KB_WEB_CONFIG"
INTERNAL_PREFIX = "/internal"
# Headers an authenticating proxy (oauth2-proxy, a cloud access proxy) sets to name the user.
# Any of them from an address that is not a trusted proxy is refused, whichever one is used.
IDENTITY_HEADERS = ("x-forwarded-user", "x-forwarded-email", "x-auth-request-user", "x-auth-request-email",
                    "x-forwarded-preferred-username", "remote-user")


@dataclass(frozen=True)
class WebConfig:
    public_site: Path
    internal_site: Path | None
    index_root: Path
    languages: tuple[str, ...] = ("en", "es")
    default_language: str = "en"
    allowed_hosts: tuple[str, ...] = ()
    trusted_proxies: tuple[str, ...] = ()
    identity_header: str = "x-forwarded-user"
    users_file: Path | None = None
    secret: str = ""
    secure_cookies: bool = True
    session_hours: float = 12.0
    api_rate: float = 10.0  # requests a second per client, on the search API
    api_burst: int = 40
    state_dir: Path = field(default_factory=lambda: Path(".kb"))  # failed-login counts, shared by the workers
    access_log: bool = True

    def __post_init__(self) -> None:
        for network in self.trusted_proxies:  # a bad address fails at start, not on a request
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ValueError(f"trusted proxy {network!r} is not an address or network "
                                 "(e.g. 10.0.0.5 or 10.0.0.0/24)") from None

    def to_json(self) -> str:
        values = dataclasses.asdict(self)
        return json.dumps({key: str(value) if isinstance(value, Path) else value for key, value in values.items()})

    @classmethod
    def from_json(cls, text: str) -> WebConfig:
        values = json.loads(text)
        for key in ("public_site", "internal_site", "index_root", "users_file", "state_dir"):
            if values.get(key) is not None:
                values[key] = Path(values[key])
        for key in ("languages", "allowed_hosts", "trusted_proxies"):
            values[key] = tuple(values[key])
        return cls(**values)

    @classmethod
    def from_environment(cls) -> WebConfig:
        text = os.environ.get(ENVIRONMENT)
        if not text:
            raise RuntimeError(f"{ENVIRONMENT} is not set: start the server with 'kb web'")
        return cls.from_json(text)
