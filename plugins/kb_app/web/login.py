"""The built-in login: /login and /logout pages in the reader's language (English or
Spanish: from ?lang=, the address being opened, or the browser's languages), a form token
against cross-site posts, the failed-login wait, and the session it opens or closes."""

from __future__ import annotations

import html
import math
import secrets
import time
from urllib.parse import parse_qs, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from kb.labels import label
from kb_app.users import Users
from kb_app.web.auth import CLIENT, USER
from kb_app.web.config import INTERNAL_PREFIX
from kb_app.web.security import page_policy
from kb_app.web.throttle import Throttle

LOGIN = "/login"
LOGOUT = "/logout"
MAX_FORM = 4096

_STYLE = """body{font:16px/1.5 system-ui,sans-serif;background:#f5f5f5;color:#222;margin:0}
main{max-width:24rem;margin:8vh auto;background:#fff;padding:2rem;border-top:.3rem solid #009485;border-radius:.2rem}
h1{font-size:1.3rem;margin:0 0 .8rem}label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #999;border-radius:.2rem}
button{margin-top:1.2rem;font:inherit;padding:.5rem 1.2rem;background:#009485;color:#fff;border:0;border-radius:.2rem;cursor:pointer}
.error{background:#fdecea;color:#611a15;padding:.5rem .7rem;border-left:.25rem solid #d32f2f}
.note{background:#e8f1fb;color:#0d3c61;padding:.5rem .7rem;border-left:.25rem solid #1976d2}
nav{margin-top:1.5rem;font-size:.9rem;display:flex;gap:1rem;flex-wrap:wrap}"""


def safe_next(value: str | None, lang: str, default_language: str) -> str:
    """Where to go after signing in: an address of the internal site, never another site's."""
    home = f"{INTERNAL_PREFIX}/" if lang == default_language else f"{INTERNAL_PREFIX}/{lang}/"
    if not value or not value.startswith(INTERNAL_PREFIX) or "//" in value or "\\" in value:
        return home
    rest = value[len(INTERNAL_PREFIX):]
    return value if rest == "" or rest.startswith("/") else home


def choose_language(request: Request, languages: tuple[str, ...], default: str, target: str = "") -> str:
    asked = request.query_params.get("lang")
    if asked in languages:
        return asked
    for lang in languages:
        if lang != default and target.startswith(f"{INTERNAL_PREFIX}/{lang}/"):
            return lang
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in languages:
            return code
    return default


def _page(lang: str, languages: tuple[str, ...], title: str, body: str, status: int = 200,
          headers: dict[str, str] | None = None, switch: dict[str, str] | None = None) -> HTMLResponse:
    links = "".join(f'<a href="{html.escape(LOGIN + "?" + urlencode({**(switch or {}), "lang": other}))}" lang="{other}">'
                    f'{html.escape(label(other, f"language.{other}"))}</a>' for other in languages if other != lang)
    links += f'<a href="/">{html.escape(label(lang, "login.public"))}</a>'
    page = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f'<style>{_STYLE}</style></head><body><main><h1>{html.escape(title)}</h1>{body}<nav>{links}</nav></main></body></html>')
    response = HTMLResponse(page, status_code=status, headers=headers)
    response.headers["content-security-policy"] = page_policy(page.encode())
    response.headers["cache-control"] = "no-store"
    return response


def login_routes(users: Users, throttle: Throttle, languages: tuple[str, ...], default_language: str) -> list[Route]:
    """The login and logout pages for the users of `users`."""

    def token(request: Request) -> str:
        if "csrf" not in request.session:
            request.session["csrf"] = secrets.token_urlsafe(24)
        return request.session["csrf"]

    def login_form(request: Request, lang: str, target: str, message: str = "", kind: str = "error",
                   status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
        notice = f'<p class="{kind}" role="alert">{html.escape(message)}</p>' if message else ""
        body = (f'{notice}<p>{html.escape(label(lang, "login.text"))}</p>'
                f'<form method="post" action="{LOGIN}?{html.escape(urlencode({"lang": lang}))}">'
                f'<input type="hidden" name="csrf" value="{html.escape(token(request))}">'
                f'<input type="hidden" name="next" value="{html.escape(target)}">'
                f'<label for="user">{html.escape(label(lang, "login.user"))}</label>'
                f'<input id="user" name="user" autocomplete="username" required autofocus>'
                f'<label for="password">{html.escape(label(lang, "login.password"))}</label>'
                f'<input id="password" name="password" type="password" autocomplete="current-password" required>'
                f'<button type="submit">{html.escape(label(lang, "login.submit"))}</button></form>')
        return _page(lang, languages, label(lang, "login.title"), body, status, headers, {"next": target})

    async def form_of(request: Request) -> dict[str, str]:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM:
                return {}
        return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}

    async def login(request: Request) -> Response:
        target = request.query_params.get("next", "")
        lang = choose_language(request, languages, default_language, target)
        if request.method == "GET":
            if request.scope.get(USER):
                return RedirectResponse(safe_next(target, lang, default_language), status_code=303)
            out = request.query_params.get("out") == "1"
            return login_form(request, lang, target, label(lang, "login.out") if out else "", kind="note")
        form = await form_of(request)
        target = form.get("next", "")
        if not form.get("csrf") or not secrets.compare_digest(form.get("csrf", ""), request.session.get("csrf", "")):
            return login_form(request, lang, target, label(lang, "login.expired"), status=400)
        name = form.get("user", "").strip()
        keys = [f"user:{name.lower()}", f"client:{request.scope.get(CLIENT, '')}"]
        wait = await _in_thread(throttle.retry_after, keys)
        if wait > 0:
            seconds = str(math.ceil(wait))
            return login_form(request, lang, target, label(lang, "login.wait", seconds=seconds), status=429,
                              headers={"Retry-After": seconds})
        if not await _in_thread(users.verify, name, form.get("password", "")):
            await _in_thread(throttle.failed, keys)
            return login_form(request, lang, target, label(lang, "login.failed"))  # 200: the form again, with why
        await _in_thread(throttle.succeeded, keys[0])
        request.session.clear()  # a new session: nothing from before the login carries over
        request.session.update({"user": name, "at": time.time(), "csrf": secrets.token_urlsafe(24)})
        return RedirectResponse(safe_next(target, lang, default_language), status_code=303)

    async def logout(request: Request) -> Response:
        lang = choose_language(request, languages, default_language)
        if request.method == "POST":  # always signs out: a forged sign-out costs a sign-in, and a
            request.session.clear()     # person who asked to sign out is never left signed in
            return RedirectResponse(f"{LOGIN}?{urlencode({'lang': lang, 'out': '1'})}", status_code=303)
        user = request.scope.get(USER)
        if not user:
            return RedirectResponse(f"{LOGIN}?{urlencode({'lang': lang})}", status_code=303)
        body = (f'<p>{html.escape(label(lang, "logout.text", user=user))}</p>'
                f'<form method="post" action="{LOGOUT}?{html.escape(urlencode({"lang": lang}))}">'
                f'<button type="submit">{html.escape(label(lang, "logout.submit"))}</button></form>')
        return _page(lang, languages, label(lang, "logout.title"), body)

    return [Route(LOGIN, login, methods=["GET", "POST"]), Route(LOGOUT, logout, methods=["GET", "POST"])]


async def _in_thread(function, *args):  # noqa: ANN001, ANN202 - any blocking call
    """Password hashing and the SQLite counts block: off the event loop."""
    import anyio

    return await anyio.to_thread.run_sync(function, *args)
