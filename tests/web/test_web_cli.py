"""`kb users` and `kb web`'s start-up checks through click's CliRunner, and `kb build`'s swap
of the published folder."""

from __future__ import annotations

import json
import os
import stat


def test_kb_users_add_list_remove(project) -> None:
    from click.testing import CliRunner

    from kb_app.cli import cli

    users = project.root / "users.json"
    runner = CliRunner()
    base = ["-f", str(project.root / "mkdocs.yml"), "users", "--users-file", str(users)]
    added = runner.invoke(cli, [*base, "add", "ana", "--password-stdin"], input="una frase larga de verdad\n")
    assert added.exit_code == 0 and "added ana" in added.output
    assert stat.S_IMODE(os.stat(users).st_mode) == 0o600
    data = json.loads(users.read_text())
    assert data["users"]["ana"]["hash"].startswith("$argon2id$")
    assert "una frase" not in users.read_text()
    prompted = runner.invoke(cli, [*base, "add", "beto"], input="otra frase bastante larga\notra frase bastante larga\n")
    assert prompted.exit_code == 0, prompted.output
    listed = runner.invoke(cli, [*base, "list"])
    assert listed.output.splitlines()[0].startswith("ana\tadded ") and "beto" in listed.output and "$argon2" not in listed.output
    short = runner.invoke(cli, [*base, "add", "carla", "--password-stdin"], input="corta\n")
    assert short.exit_code == 1 and "too short" in short.output
    bad = runner.invoke(cli, [*base, "add", "../etc", "--password-stdin"], input="una frase larga de verdad\n")
    assert bad.exit_code == 1 and "not a usable user name" in bad.output
    removed = runner.invoke(cli, [*base, "remove", "ana"])
    assert removed.exit_code == 0 and "ana" not in json.loads(users.read_text())["users"]
    missing = runner.invoke(cli, [*base, "remove", "ana"])
    assert missing.exit_code == 1 and "no user 'ana'" in missing.output
    users.write_text("{not json")
    broken = runner.invoke(cli, [*base, "list"])
    assert broken.exit_code == 1 and "not a users file" in broken.output and "Traceback" not in broken.output


def test_kb_users_takes_no_password_argument(project) -> None:
    ran = project.kb("users", "add", "ana", "secret-password-here")
    assert ran.returncode == 2


def test_kb_web_will_not_serve_the_internal_site_without_a_login(web_project) -> None:
    import shutil

    copy = web_project.root.parent / "no-login"
    shutil.copytree(web_project.root, copy, symlinks=True, ignore=shutil.ignore_patterns("users.json"))
    ran = _kb(copy, "web")
    assert ran.exit_code == 1 and "needs a login" in ran.output
    assert _kb(copy, "web", "--host", "0.0.0.0", "--insecure-cookies", "--trusted-proxy", "10.0.0.1").exit_code == 2
    bad_proxy = _kb(copy, "web", "--trusted-proxy", "10.0.0.300")
    assert bad_proxy.exit_code == 1 and "'10.0.0.300' is not an address or network" in bad_proxy.output


def _kb(root, *args):  # noqa: ANN001, ANN202
    import contextlib

    from click.testing import CliRunner

    from kb_app.cli import cli

    with contextlib.chdir(root):
        return CliRunner().invoke(cli, ["-f", str(root / "mkdocs.yml"), *args])


def test_kb_web_says_when_the_internal_site_was_not_built_for_it(project) -> None:
    project.pair("spei/a", "See [b](b.md).\n")
    project.pair("spei/b", "See [a](a.md).\n")
    assert project.kb("build").returncode == 0  # without --web
    from kb_app.users import add_user

    add_user(project.root / ".kb" / "users.json", "ana", "a long enough password")
    ran = _kb(project.root, "web")
    assert ran.exit_code == 1 and "kb build --audience internal --web" in ran.output


def test_kb_build_swaps_the_published_folder_and_keeps_the_build_before(project) -> None:
    project.pair("spei/a", "See [b](b.md).\n")
    project.pair("spei/b", "See [a](a.md).\n")
    site = project.root / "site" / "public"
    site.mkdir(parents=True)
    (site / "stale.html").write_text("from an older kb build")  # a real folder, as older kb builds left it
    builds = []
    for _ in range(3):
        assert project.kb("build", "--audience", "public").returncode == 0
        assert site.is_symlink() and (site / "index.html").is_file()
        builds.append(os.path.realpath(site))
    assert len(set(builds)) == 3
    assert not (site / "stale.html").exists()
    kept = sorted(p.name for p in (project.root / "site").glob(".public.built-*"))
    assert set(kept) == {os.path.basename(b) for b in builds[-2:]}  # the one shown and the one before
