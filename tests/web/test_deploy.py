"""The deployment recipes stay runnable: every `kb` command and option the Containerfile,
the nginx example and the CI workflow use exists (so a renamed option fails here, not in a
lead's deployment), the container runs as a non-root user, and the proxy example never
passes a client's identity header on."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import click
import yaml

from kb_app.cli import cli
from kb_app.web.config import IDENTITY_HEADERS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def check_kb_command(argv: list[str]) -> None:
    """`argv` (kb ...) names a real command with real options."""
    assert argv[0] == "kb", argv
    command: click.Command = cli
    words = argv[1:]
    while isinstance(command, click.Group) and words and not words[0].startswith("-"):
        command = command.commands[words.pop(0)]
    known = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for word in words:
        if word.startswith("--"):
            assert word.split("=")[0] in known, f"kb {command.name}: no option {word}"


def env_vars_of_kb() -> set[str]:
    names = set()
    for command in [cli, *cli.commands.values(), *getattr(cli.commands["users"], "commands", {}).values()]:
        names.update(param.envvar for param in command.params if isinstance(getattr(param, "envvar", None), str))
    return names


def test_the_containerfile_builds_both_sites_and_runs_kb_web_as_a_non_root_user() -> None:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    lines = [line for line in re.sub(r"\\\n", " ", text).splitlines() if line and not line.startswith("#")]
    runs = [line[4:] for line in lines if line.startswith("RUN ")]
    kb_runs = [part.strip() for run in runs for part in run.split("&&") if part.strip().startswith("kb ")]
    assert "kb check --strict" in kb_runs and "kb build --web" in kb_runs
    for command in kb_runs:
        check_kb_command(shlex.split(command))
    cmd = json.loads(next(line for line in lines if line.startswith("CMD "))[4:])
    check_kb_command(cmd)
    assert cmd[:2] == ["kb", "web"]
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert lines.index(next(l for l in lines if l.startswith("USER "))) < lines.index(next(l for l in lines if l.startswith("RUN kb ")))
    for name in re.findall(r"\b(KB_[A-Z_]+)=", text):
        if name not in ("KB_SITE_URL",):  # read by mkdocs.yml, not by kb's options
            assert name in env_vars_of_kb() | {"KB_WEB_SECRET"}, name
    port = cmd[cmd.index("--port") + 1]
    assert f"EXPOSE {port}" in text and f"127.0.0.1:{port}/healthz" in text


def test_the_proxy_example_forwards_to_kb_web_and_clears_identity_headers() -> None:
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert "proxy_pass http://127.0.0.1:8080" in text and "root /srv/kb/site/public" in text
    for header in IDENTITY_HEADERS:
        assert re.search(rf'proxy_set_header {header} "";', text, re.IGNORECASE), header
    for line in re.findall(r"^#\s+(kb .+)$", text, re.MULTILINE):
        check_kb_command(shlex.split(line.split("#")[0]))


def test_the_ci_example_checks_strictly_and_builds_both_sites() -> None:
    workflow = yaml.safe_load((DEPLOY / "ci-publish.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [line.strip() for run in steps for line in run.splitlines() if line.strip().startswith("kb ")]
    assert commands == ["kb check --strict", "kb build --web"]
    for command in commands:
        check_kb_command(shlex.split(command))
