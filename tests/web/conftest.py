"""A small fixture project built once for the session as `kb web` serves it (`kb build
--web`: the internal site under /internal/), with a users file; the app in process
(Starlette's TestClient) and, for the tests that need it, the real server."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def write_project(project) -> None:  # noqa: ANN001 - conftest's Project
    project.pair("spei/returns", "SPEI returns happen when the CLABE is wrong. See [chargebacks](../payments/chargebacks.md).\n",
                 title="SPEI returns", tags=["spei", "returns"])
    project.pair("payments/chargebacks", "A chargeback is disputed by the cardholder. See [SPEI returns](../spei/returns.md).\n",
                 title="Chargebacks", tags=["chargebacks"])
    project.pair("procedures/escalation", "Escalate to the risk desk after two calls. See [SPEI returns](../spei/returns.md).\n",
                 title="Escalation procedure",
                 audience="internal", type="procedure", tags=["escalation"])
    project.pair("drafts/chargeback-notes", "Draft notes. See [chargebacks](../payments/chargebacks.md).\n", title="Chargeback notes",
                 audience="internal", status="draft", tags=["chargebacks"])


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


def web_config(project, **overrides):  # noqa: ANN001, ANN201
    from kb.search.index import index_root
    from kb_app.web.config import WebConfig

    values = dict(public_site=project.root / "site" / "public", internal_site=project.root / "site" / "internal",
                  index_root=index_root(project.root), users_file=project.root / ".kb" / "users.json",
                  secret="s" * 40, secure_cookies=False, state_dir=project.root / ".kb", access_log=False)
    values.update(overrides)
    return WebConfig(**values)


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
