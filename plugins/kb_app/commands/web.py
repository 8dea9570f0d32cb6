"""`kb web`: the production server of already-built sites. uvicorn runs the app factory in
N worker processes; each reads its configuration from the environment `kb web` sets."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kb_app.web.config import ENVIRONMENT, WebConfig

APP = "kb_app.web.app:app_from_environment"
# Idle keep-alive connections stay open longer than a load balancer's usual 60 s, so that it
# never sends a request on a connection the server is closing (uvicorn's default is 5 s).
KEEP_ALIVE = 65


class WebError(ValueError):
    """`kb web` cannot start as asked; the message says why and what to do."""


def session_secret(secret_file: Path | None) -> tuple[str, bool]:
    """The session-signing secret: $KB_WEB_SECRET, else the file's text, else a new random
    one (then True: sessions will not survive a restart)."""
    if os.environ.get("KB_WEB_SECRET"):
        secret = os.environ["KB_WEB_SECRET"]
    elif secret_file is not None:
        try:
            secret = secret_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise WebError(f"{secret_file}: cannot read the session secret ({exc.strerror})") from None
    else:
        return secrets.token_urlsafe(32), True
    if len(secret) < 32:
        raise WebError("the session secret is too short: use at least 32 characters, e.g. "
                       "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'")
    return secret, False


def check_sites(config: WebConfig) -> list[str]:
    """What is missing to serve `config` (empty when all is there)."""
    problems = []
    for name, folder in (("public", config.public_site), ("internal", config.internal_site)):
        if folder is not None and not (folder / "index.html").is_file():
            problems.append(f"no built {name} site at {folder}: run 'kb build --web'")
    if config.internal_site is not None and (config.internal_site / "index.html").is_file():
        sitemap = config.internal_site / "sitemap.xml"
        if sitemap.is_file() and "/internal/" not in sitemap.read_text(encoding="utf-8", errors="replace")[:4000]:
            problems.append(f"the internal site at {config.internal_site} was built for the root path; "
                            "kb web serves it under /internal/: run 'kb build --audience internal --web'")
    return problems


def run_web(config: WebConfig, host: str, port: int, workers: int) -> None:
    """Serve `config` at http://host:port/ with `workers` processes, until interrupted."""
    import uvicorn

    os.environ[ENVIRONMENT] = config.to_json()
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, proxy_headers=False,
                server_header=False, access_log=False, log_level="warning", timeout_graceful_shutdown=10,
                timeout_keep_alive=KEEP_ALIVE)
