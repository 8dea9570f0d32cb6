"""The fixture project of the `kb web` tests and the server configuration for it (a module
of its own: test modules import it; conftest modules all share one name)."""

from __future__ import annotations

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


def web_config(project, **overrides):  # noqa: ANN001, ANN201
    from kb.search.index import index_root
    from kb_app.web.config import WebConfig

    values = dict(public_site=project.root / "site" / "public", internal_site=project.root / "site" / "internal",
                  index_root=index_root(project.root), users_file=project.root / ".kb" / "users.json",
                  secret="s" * 40, secure_cookies=False, state_dir=project.root / ".kb", access_log=False)
    values.update(overrides)
    return WebConfig(**values)
