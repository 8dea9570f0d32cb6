"""Access control of `kb web`, in process: every internal route refuses anonymous requests,
the built-in login (form token, failures, the growing wait, logout, removed users), and the
identity header of an authenticating proxy, believed only from the configured proxies."""

from __future__ import annotations

import re
import time

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from web_fixture import PASSWORD, web_config

INTERNAL_WORDS = ("Escalation procedure", "Escalate to the risk desk", "Chargeback notes")


def internal_paths(project) -> list[str]:  # noqa: ANN001
    """Every file of the built internal site, as addresses under /internal/, and its folders."""
    site = (project.root / "site" / "internal").resolve()
    paths = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = file.relative_to(site).as_posix()
        paths.append(f"/internal/{relative}")
        if relative.endswith("index.html"):
            paths.append(f"/internal/{relative[:-len('index.html')]}")
    return paths


def login(client: TestClient, user: str = "ana", password: str = PASSWORD, next_: str = "/internal/"):
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"user": user, "password": password, "csrf": csrf, "next": next_},
                       follow_redirects=False)


def test_every_internal_route_refuses_anonymous_requests(client_for, web_project) -> None:
    client = client_for(api_rate=0)  # the login answers each request, not the API's rate limit
    mounts = [r for r in client.app.routes if isinstance(r, Mount) and r.path == "/internal"]
    assert len(mounts) == 1, "the internal site is one mount, behind one guard"
    inner = mounts[0].app.app  # RequireUser -> Router
    paths = ["/internal", "/internal/", "/internal/api/search?q=escalation", "/internal/api/search?q=",
             "/internal/no/such/page/", "/internal/../internal/", "/internal/%2e%2e/internal/"]
    paths += ["/internal" + r.path for r in inner.routes if isinstance(r, Route)]
    paths += internal_paths(web_project)
    assert len(paths) > 30
    for path in paths:
        for method in ("GET", "HEAD", "POST"):
            for accept in ("text/html", "application/json", "*/*"):
                response = client.request(method, path, headers={"accept": accept}, follow_redirects=False)
                assert response.status_code in (303, 307, 401, 405), (method, path, response.status_code)
                if response.status_code == 307:  # /internal -> /internal/, itself refused
                    assert response.headers["location"].endswith("/internal/")
                assert not any(word in response.text for word in INTERNAL_WORDS), (method, path)
    # a page asked for by a browser leads to the login, and back
    response = client.get("/internal/es/procedures/escalation/", headers={"accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/internal/es/procedures/escalation/"


def test_the_public_site_and_search_need_no_login_and_hold_nothing_internal(client_for) -> None:
    client = client_for()
    home = client.get("/")
    assert home.status_code == 200 and "Welcome" in home.text
    assert "SPEI returns" in client.get("/spei/returns/").text
    assert client.get("/es/spei/returns/").status_code == 200
    hits = client.get("/api/search", params={"q": "spei returns"}).json()
    assert hits and all(hit["audience"] == "public" for hit in hits)
    assert client.get("/api/search", params={"q": "escalation risk desk"}).json() == []
    assert client.get("/api/search", params={"q": "escalation", "audience": "internal"}).status_code == 400
    assert client.get("/healthz").json() == {"status": "ok", "missing": []}


def test_login_opens_the_internal_site_and_logout_closes_it(client_for) -> None:
    client = client_for()
    response = login(client, next_="/internal/es/procedures/escalation/")
    assert response.status_code == 303
    assert response.headers["location"] == "/internal/es/procedures/escalation/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/internal/es/procedures/escalation/")
    assert page.status_code == 200 and "Escalation procedure" in page.text
    assert page.headers["cache-control"] == "private, no-cache"
    assert 'href="/logout?lang=es" data-kb-signout>Cerrar sesión<' in page.text  # each internal page can sign out
    assert "data-kb-signout" not in client.get("/es/spei/returns/").text
    assert client.get("/internal/api/search", params={"q": "escalation"}).json()[0]["id"] == "procedures/escalation"
    logout_page = client.get("/logout?lang=es")
    assert "Cerrar sesión" in logout_page.text and "ana" in logout_page.text
    out = client.post("/logout?lang=es", follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login?lang=es&out=1"
    assert client.get("/internal/", follow_redirects=False).status_code == 401


def test_secure_cookies_by_default(client_for) -> None:
    client = client_for(secure_cookies=True)
    client.base_url = "https://127.0.0.1"
    assert "secure" in login(client).headers["set-cookie"].lower()


def test_the_login_page_speaks_both_languages(client_for) -> None:
    client = client_for()
    assert "Sign in" in client.get("/login").text
    assert "Iniciar sesión" in client.get("/login?lang=es").text
    assert "Iniciar sesión" in client.get("/login?next=/internal/es/spei/returns/").text
    assert "Iniciar sesión" in client.get("/login", headers={"accept-language": "es-MX,es;q=0.9"}).text
    page = client.get("/login")
    assert "<script" not in page.text and "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_a_wrong_password_an_unknown_user_and_a_missing_form_token_are_refused(client_for) -> None:
    client = client_for()
    for refused in (login(client, password="wrong password!"), login(client, user="nobody")):
        assert refused.status_code == 200 and "do not match" in refused.text and "set-cookie" not in refused.headers
    no_token = client.post("/login", data={"user": "ana", "password": PASSWORD, "next": "/internal/"}, follow_redirects=False)
    assert no_token.status_code == 400
    assert client.get("/internal/", follow_redirects=False).status_code == 401


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "/internalx/", "/api/search"])
def test_after_login_the_user_lands_only_on_the_internal_site(client_for, target: str) -> None:
    assert login(client_for(), next_=target).headers["location"] == "/internal/"


def test_repeated_failures_make_the_next_try_wait_longer(client_for, monkeypatch) -> None:
    client = client_for()
    for _ in range(3):
        assert "do not match" in login(client, password="wrong password!").text
    refused = login(client)  # the right password, too soon
    assert refused.status_code == 429
    first = int(refused.headers["retry-after"])
    assert first >= 1 and "Wait" in refused.text
    from kb_app.web import throttle

    later = time.time() + first + 0.5
    monkeypatch.setattr(throttle.time, "time", lambda: later)
    assert "do not match" in login(client, password="wrong password!").text  # the wait is over: one more failure
    again = login(client)
    assert again.status_code == 429 and int(again.headers["retry-after"]) > first


def test_a_removed_users_session_ends_at_once(client_for, web_project, tmp_path) -> None:
    import shutil

    from kb_app.users import add_user, remove_user

    users = tmp_path / "users.json"
    shutil.copy(web_project.root / ".kb" / "users.json", users)
    add_user(users, "beto", "another long password")
    client = client_for(users_file=users)
    assert login(client, "beto", "another long password").status_code == 303
    assert client.get("/internal/").status_code == 200
    remove_user(users, "beto")
    assert client.get("/internal/", follow_redirects=False).status_code == 401


def test_a_session_expires(client_for, monkeypatch) -> None:
    client = client_for(session_hours=1)
    login(client)
    assert client.get("/internal/").status_code == 200
    from kb_app.web import auth

    later = time.time() + 3601
    monkeypatch.setattr(auth.time, "time", lambda: later)
    assert client.get("/internal/", follow_redirects=False).status_code == 401


def test_a_forged_cookie_is_no_session(client_for) -> None:
    client = client_for()
    client.cookies.set("kb_session", "eyJ1c2VyIjogImFuYSIsICJhdCI6IDE3OTYxMTk5MTkuOX0=.aw6dbw.forged")
    assert client.get("/internal/", follow_redirects=False).status_code == 401


def test_an_identity_header_is_believed_from_a_trusted_proxy_only(web_project, tmp_path) -> None:
    from kb_app.web.app import create_app

    app = create_app(web_config(web_project, users_file=None, trusted_proxies=("10.0.0.0/24",),
                                identity_header="X-Auth-Request-Email", state_dir=tmp_path))
    proxy = TestClient(app, base_url="http://127.0.0.1", client=("10.0.0.7", 4000))
    stranger = TestClient(app, base_url="http://127.0.0.1", client=("192.168.1.9", 4000))
    page = proxy.get("/internal/procedures/escalation/", headers={"X-Auth-Request-Email": "ana@example.mx"})
    assert page.status_code == 200 and "Escalation procedure" in page.text
    assert proxy.get("/internal/", follow_redirects=False).status_code == 401  # the proxy sent no user
    for header in ("X-Auth-Request-Email", "X-Forwarded-User", "X-Forwarded-Email", "Remote-User"):
        for path in ("/internal/", "/internal/api/search?q=escalation", "/", "/api/search?q=spei"):
            refused = stranger.get(path, headers={header: "ana@example.mx"}, follow_redirects=False)
            assert refused.status_code == 403, (header, path)
            assert "Escalation" not in refused.text
    assert stranger.get("/").status_code == 200  # without the header, the public site as usual
    assert proxy.get("/login").status_code == 404  # no users file: no built-in login


def test_an_internal_site_without_any_login_is_refused_at_start(web_project) -> None:
    from kb_app.web.app import NoAccessControl, create_app

    with pytest.raises(NoAccessControl):
        create_app(web_config(web_project, users_file=None, trusted_proxies=()))
    create_app(web_config(web_project, users_file=None, internal_site=None))  # public only: nothing to protect


def test_suggestions_for_a_ticket_answer_from_each_sites_own_index(client_for) -> None:
    """kb web suggests articles for a ticket from the built index alone (no articles beside
    it): merchants' public ones to anyone, internal ones only after the login."""
    client = client_for()
    ticket = {"subject": "Escalation", "description": "The risk desk escalation for SPEI returns, please"}
    public = client.post("/api/suggest", json=ticket)
    assert public.status_code == 200
    assert all(not item["id"].startswith("procedures/") for item in public.json()["suggestions"])
    assert client.post("/internal/api/suggest", json=ticket).status_code == 401
    login(client)
    internal = client.post("/internal/api/suggest", json=ticket).json()["suggestions"]
    assert "procedures/escalation" in {item["id"] for item in internal}
    assert client.post("/internal/api/suggest", content=b"[1]").status_code == 400
