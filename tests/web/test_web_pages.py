"""The built site's files as `kb web` serves them: from memory after the first request, never
stale (a file changed in place, a new build swapped in), with Starlette's answers kept
(HEAD, 304, ranges, redirects, 404 page, paths outside the folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from kb.swap import swap_in
from kb_app.web import pages
from kb_app.web.pages import BuiltSite

PAGE = "<html><body><script>var a = {n};</script>page {n}</body></html>"


def build(root: Path, name: str, n: int) -> Path:
    folder = root / name
    (folder / "guide").mkdir(parents=True)
    (folder / "guide" / "index.html").write_text(PAGE.format(n=n))
    (folder / "index.html").write_text(PAGE.format(n=f"home {n}"))
    (folder / "404.html").write_text(PAGE.format(n=f"missing {n}"))
    (folder / "app.js").write_text("console.log(%d)" % n)
    return folder


@pytest.fixture
def site(tmp_path):
    current = tmp_path / "public"
    swap_in(current, build(tmp_path, ".public.built-1", 1))
    (tmp_path / "secret.txt").write_text("outside the site")
    reads: list[str] = []
    real = Path.read_bytes

    def counted(path: Path) -> bytes:
        reads.append(path.name)
        return real(path)

    app = Starlette(routes=[Mount("/", app=BuiltSite(current, memory=10_000))])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_bytes", counted)
        yield TestClient(app, base_url="http://127.0.0.1"), tmp_path, reads


def test_a_page_is_read_once_then_served_from_memory_with_the_same_headers(site):
    client, _, reads = site
    first, second = client.get("/guide/"), client.get("/guide/")
    assert first.text == second.text == PAGE.format(n=1)
    assert reads == ["index.html"]
    for name in ("etag", "last-modified", "content-type", "content-length", "content-security-policy", "cache-control"):
        assert first.headers[name] == second.headers[name], name
    assert "sha256-" in second.headers["content-security-policy"] and second.headers["cache-control"] == "no-cache"


def test_head_conditional_range_and_redirect_answer_as_starlette_does(site):
    client, _, _ = site
    page = client.get("/app.js")
    head = client.head("/app.js")
    assert head.status_code == 200 and head.content == b"" and head.headers["content-length"] == str(len(page.content))
    assert client.get("/app.js", headers={"if-none-match": page.headers["etag"]}).status_code == 304
    part = client.get("/app.js", headers={"range": "bytes=0-6"})
    assert part.status_code == 206 and part.content == b"console"
    redirect = client.get("/guide", follow_redirects=False)
    assert redirect.status_code in (307, 301) and redirect.headers["location"].endswith("/guide/")


def test_a_file_changed_in_place_or_removed_is_never_served_stale(site):
    client, root, _ = site
    assert client.get("/app.js").text == "console.log(1)"
    (root / ".public.built-1" / "app.js").write_text("console.log(22)")
    assert client.get("/app.js").text == "console.log(22)"
    (root / ".public.built-1" / "app.js").unlink()
    assert client.get("/app.js").status_code == 404


def test_a_new_build_swapped_in_is_served_at_the_next_request(site):
    client, root, reads = site
    assert "page 1" in client.get("/guide/").text
    swap_in(root / "public", build(root, ".public.built-2", 2))
    assert "page 2" in client.get("/guide/").text
    assert "missing 2" in client.get("/no/such/").text


def test_the_missing_page_is_the_sites_404_with_its_policy_and_paths_outside_are_refused(site):
    client, _, reads = site
    answers = [client.get(f"/nothing-{n}/") for n in range(3)]
    assert all(a.status_code == 404 and "missing 1" in a.text and "sha256-" in a.headers["content-security-policy"]
               for a in answers)
    assert reads.count("404.html") == 1
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/guide/../../secret.txt"):
        answer = client.get(path)
        assert "outside the site" not in answer.text, path


def test_memory_holds_at_most_its_budget_and_keeps_the_latest(site, monkeypatch):
    client, root, reads = site
    folder = root / ".public.built-1"
    for n in range(30):
        (folder / f"f{n}.txt").write_text("x" * 900)
    for n in range(30):
        client.get(f"/f{n}.txt")
    memory = client.app.routes[0].app._memory
    assert memory.used <= 10_000 and len(memory._files) < 30
    reads.clear()
    client.get("/f29.txt")
    client.get("/f0.txt")
    assert reads == ["f0.txt"]  # the latest is kept, the first was let go


def test_a_file_over_the_largest_size_is_streamed_but_a_page_is_kept_with_its_policy(site, monkeypatch):
    client, _, reads = site
    monkeypatch.setattr(pages, "LARGEST", 10)
    memory = client.app.routes[0].app._memory
    script = [client.get("/app.js") for _ in range(2)]
    assert script[0].text == script[1].text == "console.log(1)" and memory.used == 0  # streamed, never kept
    first, second = client.get("/guide/"), client.get("/guide/")
    assert first.text == second.text and "sha256-" in second.headers["content-security-policy"]
    assert reads.count("index.html") == 1  # read once for its policy, then kept
