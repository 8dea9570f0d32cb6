"""Fixture projects: a copy of the real mkdocs.yml with a small taxonomy, facts and
articles written by each test, so that every check runs on real files and real builds."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

# Property-based tests: small enough for CI by default; KB_HYPOTHESIS_PROFILE=long runs
# many more examples on demand. No deadline: the tests bound the work themselves.
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("KB_HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date.today()

TAXONOMY = {
    "tags": {
        "spei": {"en": "SPEI", "es": "SPEI"},
        "returns": {"en": "Returns", "es": "Devoluciones"},
        "chargebacks": {"en": "Chargebacks", "es": "Contracargos", "ticket_tags": ["chargeback", "contracargo"]},
        "escalation": {"en": "Escalation", "es": "Escalamiento"},
    }
}
FACTS = {"fees": {"card": {"percent": "3.6 %"}}, "payouts": {"card_days": {"en": "3 business days", "es": "3 días hábiles"}}}


class Project:
    """A throwaway knowledge-base project in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "data").mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        (root / "data" / "taxonomy.yml").write_text(yaml.safe_dump(TAXONOMY, allow_unicode=True), encoding="utf-8")
        (root / "data" / "platform.yml").write_text(yaml.safe_dump(FACTS, allow_unicode=True), encoding="utf-8")
        for lang, title in (("en", "Home"), ("es", "Inicio")):
            self.write(f"docs/{lang}/index.md", f"---\ntitle: {title}\n---\n\nWelcome.\n")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def article(self, slug: str, lang: str = "en", body: str = "Text.\n", **fields: Any) -> Path:
        """Write docs/<lang>/<slug>.md with valid defaults for every field not given;
        a field given as None is left out."""
        data = {
            "id": slug,
            "title": f"{slug} ({lang})",
            "summary": f"Summary of {slug}.",
            "type": "reference",
            "audience": "public",
            "status": "published",
            "tags": ["spei"],
            "owner": "payments-support",
            "last_reviewed": TODAY.isoformat(),
            "sources": [{"title": "Banco de México", "url": "https://www.banxico.org.mx/"}],
        }
        data.update(fields)
        data = {k: v for k, v in data.items() if v is not None}
        front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        return self.write(f"docs/{lang}/{slug}.md", f"---\n{front}---\n\n{textwrap.dedent(body)}")

    def pair(self, slug: str, body: str = "Text.\n", **fields: Any) -> None:
        """The article in both languages."""
        for lang in ("en", "es"):
            self.article(slug, lang, body, **fields)

    def kb(self, *args: str, env: dict[str, str] | None = None) -> Ran:
        """Run `kb -f <project>/mkdocs.yml ARGS` from the project folder, in process, through
        click's CliRunner."""
        from click.testing import CliRunner

        from kb_app.cli import cli

        with contextlib.chdir(self.root):
            result = CliRunner(env=env).invoke(cli, ["-f", str(self.root / "mkdocs.yml"), *args], prog_name="kb")
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Ran(result.exit_code, result.stdout, result.stderr)

    def settings(self):
        from kb_mkdocs.settings import load_settings

        return load_settings(self.root / "mkdocs.yml")

    def catalog(self, strict: bool = False):
        from kb.catalog import load_catalog

        return load_catalog(self.settings(), strict=strict)

    def build(self, audience: str) -> Path:
        from kb_mkdocs.site import build_site

        out = self.root / "site" / audience
        build_site(self.root / "mkdocs.yml", audience, out)
        return out


@dataclass(frozen=True)
class Ran:
    """What a `kb` command did: as subprocess.CompletedProcess names it."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "kb")
