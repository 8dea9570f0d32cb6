"""The production app of `kb web`: the public site at /, the internal site under /internal/
behind a login, each with its search API, on one ASGI stack.

    /                      the public site (site/public), no login
    /api/search            the public index: what merchants may find
    /healthz               200 when both sites and their indexes are there, else 503
    /login, /logout        the built-in login (when a users file is configured)
    /internal/             the internal site (site/internal, built with `kb build --web`)
    /api/suggest           articles for a ticket's text (POST), from the public index
    /internal/api/search   the internal index
    /internal/api/suggest  articles and ready replies for a ticket, from the internal index
    everything under /internal refuses anonymous requests

Other features add routes with `public_routes` and `internal_routes` (mounted under
/internal, behind the same guard)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import BaseRoute, Mount, Route, Router

from kb.vocabulary import Audience
from kb.analytics.store import DATABASE, AnalyticsStore
from kb_app.analytics_api import analytics_routes, default_rate, SearchRecorder
from kb_app.leads_page import leads_routes
from kb_app.search_api import search_routes
from kb_app.suggest_api import suggest_routes
from kb_app.users import Users
from kb_app.web.accesslog import AccessLog
from kb_app.web.auth import Identity, RequireUser
from kb_app.web.config import INTERNAL_PREFIX, WebConfig
from kb_app.web.hosts import HostCheck
from kb_app.web.login import LOGIN, login_routes
from kb_app.web.pages import BuiltSite
from kb_app.web.proxy import Proxies
from kb_app.web.ratelimit import RateLimit
from kb_app.web.security import SecurityHeaders
from kb_app.web.throttle import Throttle

SESSION_COOKIE = "kb_session"


class NoAccessControl(ValueError):
    """The internal site would be served with no way to know its users."""


def _health(config: WebConfig) -> Route:
    def healthz(request: Request) -> JSONResponse:
        parts = {"public site": config.public_site / "index.html", "public index": config.index_root / Audience.PUBLIC}
        if config.internal_site is not None:
            parts.update({"internal site": config.internal_site / "index.html",
                          "internal index": config.index_root / Audience.INTERNAL})
        missing = [name for name, path in parts.items() if not path.exists()]
        return JSONResponse({"status": "missing" if missing else "ok", "missing": missing},
                            status_code=503 if missing else 200, headers={"Cache-Control": "no-store"})

    return Route("/healthz", healthz, methods=["GET", "HEAD"])


def create_app(config: WebConfig, public_routes: Sequence[BaseRoute] = (),
               internal_routes: Sequence[BaseRoute] = ()) -> Starlette:
    """The app for `config`; raises NoAccessControl if the internal site has no login and
    no trusted proxy."""
    users = Users(config.users_file) if config.users_file else None
    if config.internal_site is not None and users is None and not config.trusted_proxies:
        raise NoAccessControl("the internal site needs a users file (--users-file) or a trusted "
                              "authenticating proxy (--trusted-proxy)")
    index_of = lambda audience: config.index_root / audience  # noqa: E731
    # What readers search, open and find helpful (issue 17): one store shared by the workers.
    store, rate = AnalyticsStore(config.state_dir / DATABASE.name), default_rate()
    record = SearchRecorder(store, rate)
    routes: list[BaseRoute] = [_health(config), *search_routes(index_of, (Audience.PUBLIC,), config.languages, record=record),
                               *suggest_routes(index_of, (Audience.PUBLIC,), config.languages),
                               *analytics_routes(store, (Audience.PUBLIC,), config.languages, rate)]
    if users is not None:
        routes += login_routes(users, Throttle(config.state_dir / "web-logins.sqlite"), config.languages,
                               config.default_language)
    routes += public_routes
    if config.internal_site is not None:
        internal = Router([*search_routes(index_of, (Audience.INTERNAL,), config.languages, record=record),
                           *suggest_routes(index_of, (Audience.INTERNAL,), config.languages),
                           *analytics_routes(store, (Audience.INTERNAL,), config.languages, rate),
                           *leads_routes(store, config.languages), *internal_routes,
                           Mount("/", app=BuiltSite(config.internal_site, private=True))])
        routes.append(Route(INTERNAL_PREFIX, lambda request: RedirectResponse(f"{INTERNAL_PREFIX}/"), methods=["GET", "HEAD"]))
        routes.append(Mount(INTERNAL_PREFIX, app=RequireUser(internal, LOGIN if users else None)))
    routes.append(Mount("/", app=BuiltSite(config.public_site)))
    middleware = [
        *([Middleware(AccessLog)] if config.access_log else []),  # first: refused requests are logged too
        Middleware(HostCheck, allowed=config.allowed_hosts),
        Middleware(SecurityHeaders, hsts=config.secure_cookies),
        Middleware(SessionMiddleware, secret_key=config.secret or secrets.token_urlsafe(32), session_cookie=SESSION_COOKIE,
                   max_age=int(config.session_hours * 3600), same_site="lax", https_only=config.secure_cookies),
        Middleware(Identity, proxies=Proxies(config.trusted_proxies), header=config.identity_header, users=users,
                   session_seconds=config.session_hours * 3600),
        Middleware(RateLimit, rate=config.api_rate, burst=config.api_burst),
    ]
    return Starlette(routes=routes, middleware=middleware)


def app_from_environment() -> Starlette:
    """The factory each uvicorn worker calls (`kb web` puts the configuration in its
    environment). A feature with routes of its own (analytics, feedback) passes them here,
    as `public_routes` or `internal_routes`."""
    return create_app(WebConfig.from_environment())

