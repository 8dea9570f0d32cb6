"""A small fixture project built once for the session as `kb web` serves it (`kb build
--web`: the internal site under /internal/), with a users file; the app in process
(Starlette's TestClient) and, for the tests that need it, the real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_fixture import PASSWORD, web_config, write_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def web_project(pytestconfig, tmp_path_factory):
    """The built project: site/public, site/internal (for kb web) and both indexes, and a
    users file with the user `ana`."""
    shared = pytestconfig.pluginmanager.get_plugin(str(ROOT / "tests" / "conftest.py"))
    project = shared.Project(tmp_path_factory.mktemp("web") / "kb")
    write_project(project)
    ran = project.kb("build", "--web")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    from kb_app.users import add_user

    add_user(project.root / ".kb" / "users.json", "ana", PASSWORD)
    return project


@pytest.fixture
def client_for(web_project, tmp_path):
    """A TestClient of the app for the project, with the config's values overridden; each
    test gets its own failed-login counts."""
    from starlette.testclient import TestClient

    from kb_app.web.app import create_app

    def make(**overrides) -> TestClient:
        overrides.setdefault("state_dir", tmp_path / "state")
        return TestClient(create_app(web_config(web_project, **overrides)), base_url="http://127.0.0.1")

    return make
