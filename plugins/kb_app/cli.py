"""The `kb` command line: parses arguments and prints; the work is in `kb_app.commands`, the
core and the adapters. Imports are lazy, inside each command, so that `kb --help` loads
neither MkDocs nor the modules of the commands.

Over 300 lines on purpose: it is the one list of every command's arguments and help, each
a few lines of click declarations handing over to its module in `kb_app.commands`, but for
`kb search`, whose arguments its own module parses (without click: the `kb` script runs it
without loading this module, see kb_app/__main__.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from kb.settings import Settings, SettingsError, project_root
from kb.vocabulary import ArticleType, Audience, ExportFormat, values
from kb_app.errors import error_line, usage_line

AUDIENCE_CHOICE = click.Choice(values(Audience))
SITE_CHOICE = click.Choice([*values(Audience), "all"])


def _settings(ctx: click.Context) -> Settings:
    from kb_mkdocs.settings import load_settings

    try:
        return load_settings(ctx.obj["config"])
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def _audiences(audience: str) -> list[str]:
    return list(values(Audience)) if audience == "all" else [audience]


class KbGroup(click.Group):
    """The command group, whose user errors are one line on stderr, never a traceback, however
    it is run (the `kb` script, `python -m kb_app.cli`, or click's CliRunner in the tests)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # noqa: ANN001, ANN201, ARG002 - click's signature; always one-line errors
        try:
            code = super().main(args=args, prog_name=prog_name or "kb", complete_var=complete_var,
                                standalone_mode=False, **extra)
            sys.exit(code if isinstance(code, int) else 0)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "kb"
            click.echo(usage_line(where, exc.format_message()), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(error_line(exc.format_message()), err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            click.echo(error_line("interrupted"), err=True)
            sys.exit(130)


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("-f", "--config", "config", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
              show_default=True, help="The site configuration file.")
@click.pass_context
def cli(ctx: click.Context, config: Path) -> None:
    """The payments knowledge base: check, scaffold, build and serve its articles.

    Run it from the project folder (or pass --config).
    """
    ctx.obj = {"config": config}


@cli.command()
@click.option("--strict", is_flag=True, help="Missing translations of published articles are errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON, for machines.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Judge review dates and dated facts as of this day (YYYY-MM-DD).")
@click.pass_context
def check(ctx: click.Context, strict: bool, as_json: bool, as_of: dt.datetime | None) -> None:
    """Validate every article against the contract, without building.

    Reports every problem with its file, line, field and fix; exits 1 when there are errors.
    A platform fact written by hand or with another value than data/platform.yml's is an
    error; articles past their review date, or quoting a fact of data/dated-facts.yml past
    its date, are warnings.
    """
    from kb_app.commands.check import report_json, report_text, run_check

    catalog = run_check(_settings(ctx), strict=strict, today=as_of.date() if as_of else None)
    click.echo(report_json(catalog) if as_json else report_text(catalog))
    ctx.exit(1 if catalog.errors else 0)


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("-t", "--type", "article_type", required=True,
              type=click.Choice(values(ArticleType)),
              help="The article type; its template gives the sections.")
@click.option("--title-en", help="English title (default: from the id).")
@click.option("--title-es", help="Spanish title (default: from the id).")
@click.option("--tags", help="Comma-separated tags from the taxonomy (default: the id's section).")
@click.option("--audience", type=AUDIENCE_CHOICE, default=Audience.INTERNAL.value, show_default=True)
@click.option("--owner", default="support-leads", show_default=True)
@click.pass_context
def new(ctx: click.Context, article_id: str, article_type: str, title_en: str | None, title_es: str | None,
        tags: str | None, audience: str, owner: str) -> None:
    """Scaffold ID (e.g. spei/returns) in English and Spanish, as a draft.

    Never overwrites: if either file exists, nothing is written.
    """
    from kb_app.commands.new import scaffold

    settings = _settings(ctx)
    titles = {"en": title_en or "", "es": title_es or ""}
    for path in scaffold(settings, article_id, article_type, titles, tags, audience, owner):
        click.echo(f"created {settings.display(path)}")


@cli.command()
@click.option("--audience", type=SITE_CHOICE, default="all", show_default=True,
              help="Which site: public (merchants), internal (agents) or both.")
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), help="Output folder (default: site/<audience>).")
@click.option("--web", is_flag=True, help="Build the internal site as 'kb web' serves it: under /internal/, its search "
              "box on the search API (the public site is the same either way, for any static host).")
@click.option("--clean", "--full", "clean", is_flag=True, help="Render every page and compute every check and "
              "search document again, even those whose inputs did not change since the last build (by default only the "
              "changed ones are; .kb/cache/ is emptied).")
@click.pass_context
def build(ctx: click.Context, audience: str, site_dir: Path | None, web: bool, clean: bool) -> None:
    """Build the public and/or internal site, each in its own folder (strict: warnings fail).

    site/<audience> is swapped to the new build in one step, and only when it succeeded: a
    server reading it never sees half a site, and a failed build leaves the previous one.
    """
    from kb_app.commands.build import build_sites

    audiences = _audiences(audience)
    if site_dir and len(audiences) > 1:
        raise click.UsageError("--site-dir needs --audience public or --audience internal")
    for line in build_sites(ctx.obj["config"], _settings(ctx), audiences, site_dir, web, clean):
        click.echo(line)


@cli.command("index")
@click.option("--audience", type=SITE_CHOICE, default="all", show_default=True,
              help="Which index: public (merchants), internal (agents) or both.")
@click.pass_context
def index_command(ctx: click.Context, audience: str) -> None:
    """Build the search index of each audience (kb build does it too).

    The index is built aside and swapped in: searches running meanwhile are not disturbed.
    """
    from kb_app.commands.build import index_lines

    for line in index_lines(_settings(ctx), _audiences(audience)):
        click.echo(line)


@cli.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
             add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def search(ctx: click.Context, args: tuple[str, ...]) -> int:
    """Search the articles the way agents type: "spei no llega", "chargebak", "51".

    Its options are parsed by kb_app.commands.search (see 'kb search --help').
    """
    from kb_app.commands.search import main as search_main

    return search_main(list(args), root=project_root(ctx.obj["config"]))


@cli.command("eval")
@click.argument("queries", type=click.Path(path_type=Path))
@click.option("--site-dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="An internal site already built for the built-in search (default: build one aside).")
@click.option("--no-builtin", is_flag=True, help="Measure only kb search, not the site's own searches.")
@click.option("--no-static", is_flag=True, help="Leave out the site's static search (kb-search/).")
@click.option("--tickets", "tickets", type=click.Path(path_type=Path),
              help="A YAML ticket set for the suggestions (default: eval/tickets.yaml, if there).")
@click.pass_context
def eval_command(ctx: click.Context, queries: Path, site_dir: Path | None, no_builtin: bool, no_static: bool,
                 tickets: Path | None) -> None:
    """Measure search quality on QUERIES (a YAML query set): hit@1, hit@5 and MRR@5 of
    kb search, of the internal site's built-in search and of its static search (both in
    headless Chromium), side by side, with the misses; then hit@1, hit@3 and MRR@5 of kb
    suggest on a ticket set, beside kb search of the tickets' subjects."""
    from kb_app.commands.build import build_one
    from kb_app.commands.eval import run_eval, run_ticket_eval

    def build(target: Path) -> None:
        build_one(ctx.obj["config"], Audience.INTERNAL, target)

    settings = _settings(ctx)
    _, text = run_eval(settings, queries, build, site=site_dir, builtin=not no_builtin,
                       static=not (no_builtin or no_static))
    click.echo(text)
    if tickets is None and (settings.root / "eval" / "tickets.yaml").is_file():
        tickets = settings.root / "eval" / "tickets.yaml"
    if tickets is not None:
        click.echo("")
        click.echo(run_ticket_eval(settings, tickets)[1])


@cli.command()
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--docs-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where the articles and stubs are (default: docs_dir of the configuration).")
@click.option("--min-tickets", type=click.IntRange(min=1), default=5, show_default=True,
              help="Tickets a tag needs, with no article answering it, to get a stub.")
@click.option("--format", "fmt", type=click.Choice(values(ExportFormat)),
              default=ExportFormat.AUTO.value, show_default=True, help="The help desk that wrote the exports.")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN",
              help="The column (or JSON key) holding a ticket field, e.g. tags=Etiquetas; repeatable.")
@click.option("--ignore-tag", "ignore", multiple=True, metavar="TAG",
              help="A tag to leave out, e.g. one the help desk adds to every ticket; repeatable.")
@click.option("--dry-run", is_flag=True, help="Report what would be written, and write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON, for machines.")
@click.pass_context
def stubs(ctx: click.Context, exports: tuple[Path, ...], docs_dir: Path | None, min_tickets: int, fmt: str,
          mapping: tuple[str, ...], ignore: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
    """Draft article stubs from the ticket exports EXPORT... (files, or folders of them).

    Zendesk (API JSON, JSON lines, CSV), Freshdesk (CSV, API JSON) and Jira (CSV, REST JSON) exports,
    with English, Spanish or Portuguese headers, are recognised; any other CSV or JSON
    needs id, subject, description, tags and created_at (or --map).
    Each tag with --min-tickets tickets and no article gets a draft in every language
    under docs/<lang>/drafts/; a draft a person has edited is never changed again.
    """
    from kb_app.commands.stubs import options_of, stubs_report

    options = options_of(mapping, min_tickets=min_tickets, format=fmt, ignore_tags=ignore, dry_run=dry_run)
    click.echo(stubs_report(_settings(ctx), exports, options, docs_dir, as_json))


@cli.group()
def report() -> None:
    """Reports for leads: ticket insights from the exports (tickets); what readers did
    (searches, and "Was this helpful?" votes: feedback).

    Reader events are read from .kb/analytics.sqlite3, which the servers fill (queries
    redacted, no IP address, no user name), kept for analytics_retention_days (mkdocs.yml,
    default 90).
    """


@report.command("tickets")
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(values(ExportFormat)),
              default=ExportFormat.AUTO.value, show_default=True, help="The help desk that wrote the exports.")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", help="As for kb stubs; repeatable.")
@click.option("--ignore-tag", "ignore", multiple=True, metavar="TAG", help="A tag to leave out; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: weeks, spikes, and each tag and topic.")
@click.pass_context
def report_tickets(ctx: click.Context, exports: tuple[Path, ...], fmt: str, mapping: tuple[str, ...],
                   ignore: tuple[str, ...], as_json: bool) -> None:
    """Ticket insights from EXPORT...: per tag and topic the tickets by ISO week, the article
    or stub, spikes, handle times; the uncovered tags that cost most agent time first."""
    from kb_app.commands.report_tickets import tickets_report

    click.echo(tickets_report(_settings(ctx), exports, fmt, mapping, ignore, as_json))


@cli.command()
@click.argument("text_file", required=False, type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--ticket", "ticket_id", metavar="ID", help="A ticket of the export given with --export.")
@click.option("--export", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="The ticket export (Zendesk, Freshdesk, Jira, CSV/JSON) holding --ticket.")
@click.option("--format", "fmt", type=click.Choice(values(ExportFormat)), default=ExportFormat.AUTO.value,
              show_default=True, help="The help desk that wrote --export.")
@click.option("--subject", default="", help="The ticket's subject, when the text is only its description.")
@click.option("--lang", help="The ticket's language, e.g. es (default: detected).")
@click.option("--audience", type=AUDIENCE_CHOICE, default=Audience.INTERNAL.value, show_default=True,
              help="Suggest what this audience's site shows.")
@click.option("-n", "--limit", type=click.IntRange(1, 20), default=3, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {lang, words, suggestions: [{id, title, url, anchor, reply...}]}.")
@click.pass_context
def suggest(ctx: click.Context, text_file: Path | None, ticket_id: str | None, export: Path | None, fmt: str,
            subject: str, lang: str | None, audience: str, limit: int, as_json: bool) -> None:
    """The articles that answer a ticket, with the section and the ready reply to paste.

    The ticket's text comes from TEXT_FILE, from stdin (no file, or -), or from a ticket of
    an export (--ticket ID --export FILE). A first line "Subject: ..." ("Asunto: ...") is
    the subject. Greetings, signatures, quoted replies and personal data are left out.
    """
    from kb_app.commands.suggest import (read_text, run_suggest, split_text, suggestions_json, suggestions_text,
                                         ticket_from_export)

    if (ticket_id is None) != (export is None):
        raise click.UsageError("--ticket and --export go together")
    if ticket_id is not None and text_file is not None:
        raise click.UsageError("give a text file or --ticket/--export, not both")
    settings = _settings(ctx)
    if lang is not None and lang not in settings.languages:
        raise click.BadParameter(f"{lang!r} is not one of the site's languages: {', '.join(settings.languages)}",
                                 param_hint="--lang")
    if ticket_id is not None:
        subject, description = ticket_from_export(export, ticket_id, fmt)
    else:
        found_subject, description = split_text(read_text(text_file))
        subject = subject or found_subject
    found = run_suggest(settings, audience, subject, description, lang, limit)
    click.echo(suggestions_json(found) if as_json else suggestions_text(found))


@cli.command()
@click.option("--audience", type=AUDIENCE_CHOICE, default=Audience.INTERNAL.value, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name to answer to besides 127.0.0.1 and localhost (others are refused); repeatable.")
@click.pass_context
def serve(ctx: click.Context, audience: str, host: str, port: int, allowed_hosts: tuple[str, ...]) -> None:
    """Build the site and serve it, rebuilding and reloading the page when a file changes."""
    from kb_app.commands.serve import serve_site

    serve_site(ctx.obj["config"], _settings(ctx), audience, host, port, allowed_hosts)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on (0.0.0.0: every interface).")
@click.option("-p", "--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=2, show_default=True, envvar="KB_WEB_WORKERS",
              help="Worker processes (about one per CPU).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, envvar="KB_WEB_ALLOWED_HOSTS", metavar="NAME",
              help="A host name the server answers to, besides 127.0.0.1 and localhost; repeatable.")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, envvar="KB_WEB_TRUSTED_PROXIES", metavar="ADDRESS",
              help="An authenticating proxy's address or network (e.g. 10.0.0.5, 10.0.0.0/24) whose identity "
                   "header is believed; repeatable.")
@click.option("--identity-header", default="X-Forwarded-User", show_default=True, envvar="KB_WEB_IDENTITY_HEADER",
              help="The header the trusted proxy names the user in (oauth2-proxy: X-Forwarded-User or X-Auth-Request-Email).")
@click.option("--users-file", type=click.Path(path_type=Path, dir_okay=False), envvar="KB_USERS_FILE",
              help="The built-in login's users (default: .kb/users.json when it exists; 'kb users add').")
@click.option("--secret-file", type=click.Path(path_type=Path, dir_okay=False), envvar="KB_WEB_SECRET_FILE",
              help="The file holding the session-signing secret ($KB_WEB_SECRET also works).")
@click.option("--insecure-cookies", is_flag=True,
              help="Session cookies without 'Secure', for plain http://127.0.0.1 only (tests, a trial on one machine).")
@click.option("--session-hours", type=click.FloatRange(0.1, 24 * 30), default=12.0, show_default=True)
@click.option("--api-rate", type=click.FloatRange(0), default=10.0, show_default=True, envvar="KB_WEB_API_RATE",
              help="Search API requests a second per client (0: no limit).")
@click.option("--api-burst", type=click.IntRange(1), default=40, show_default=True, envvar="KB_WEB_API_BURST")
@click.option("--public-only", is_flag=True, help="Serve the public site only, with no internal site.")
@click.option("--no-access-log", is_flag=True, help="No JSON access log on standard output.")
@click.pass_context
def web(ctx: click.Context, host: str, port: int, workers: int, allowed_hosts: tuple[str, ...],
        trusted_proxies: tuple[str, ...], identity_header: str, users_file: Path | None, secret_file: Path | None,
        insecure_cookies: bool, session_hours: float, api_rate: float, api_burst: int, public_only: bool,
        no_access_log: bool) -> None:
    """Serve the built sites for a team: the public one at /, the internal one under
    /internal/ behind a login, with their search APIs.

    Build them first with 'kb build --web'; a later build is picked up with no restart.
    Access logs are JSON lines on standard output.
    """
    from kb.search.index import index_root
    from kb_app.commands.users import users_file as default_users_file
    from kb_app.commands.web import WebError, check_sites, run_web, session_secret
    from kb_app.web.config import WebConfig
    from kb_app.web.hosts import LOOPBACK

    settings = _settings(ctx)
    if insecure_cookies and host not in LOOPBACK:
        raise click.UsageError("--insecure-cookies is for a server on 127.0.0.1 only: behind HTTPS, cookies stay Secure")
    if users_file is None and (settings.root / ".kb" / "users.json").exists():
        users_file = default_users_file(settings.root, None)
    if not public_only and users_file is None and not trusted_proxies:
        raise click.ClickException("the internal site needs a login: add a user with 'kb users add NAME', or pass "
                                   "--trusted-proxy for a single sign-on proxy (or --public-only)")
    try:
        secret, generated = session_secret(secret_file)
        config = WebConfig(public_site=settings.site_dir / "public",
                           internal_site=None if public_only else settings.site_dir / "internal",
                           index_root=index_root(settings.root), languages=settings.languages,
                           default_language=settings.default_language, allowed_hosts=allowed_hosts,
                           trusted_proxies=trusted_proxies, identity_header=identity_header,
                           users_file=users_file.resolve() if users_file else None, secret=secret,
                           secure_cookies=not insecure_cookies, session_hours=session_hours, api_rate=api_rate,
                           api_burst=api_burst, state_dir=settings.root / ".kb", access_log=not no_access_log)
    except (WebError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if problems := check_sites(config):
        raise click.ClickException("; ".join(problems))
    if generated:
        click.echo("kb web: no session secret given ($KB_WEB_SECRET or --secret-file): sessions end when the "
                   "server restarts", err=True)
    click.echo(f"kb web: serving http://{host}:{port}/ (internal site under /internal/) with {workers} workers", err=True)
    run_web(config, host, port, workers)


@cli.group()
@click.option("--users-file", type=click.Path(path_type=Path, dir_okay=False), envvar="KB_USERS_FILE",
              help="The users file (default: .kb/users.json of the project).")
@click.pass_context
def users(ctx: click.Context, users_file: Path | None) -> None:
    """The users of the built-in login of 'kb web' (names and argon2 password hashes)."""
    from kb_app.commands.users import users_file as resolve

    ctx.obj["users_file"] = resolve(project_root(ctx.obj["config"]), users_file)


@users.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line), not a prompt.")
@click.pass_context
def users_add(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Add user NAME, or give NAME a new password. The password is asked for, never an argument."""
    from kb_app.users import UsersError, add_user, check_name

    path = ctx.obj["users_file"]
    try:
        check_name(name)
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        new = add_user(path, name, password)
    except UsersError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{'added' if new else 'changed the password of'} {name} in {path}")


@users.command("remove")
@click.argument("name")
@click.pass_context
def users_remove(ctx: click.Context, name: str) -> None:
    """Remove user NAME: their sessions end at their next request."""
    from kb_app.users import UsersError, remove_user

    try:
        remove_user(ctx.obj["users_file"], name)
    except UsersError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"removed {name} from {ctx.obj['users_file']}")


@users.command("list")
@click.pass_context
def users_list(ctx: click.Context) -> None:
    """The users and the day each was added (never their hashes)."""
    from kb_app.commands.users import list_text
    from kb_app.users import UsersError

    try:
        click.echo(list_text(ctx.obj["users_file"]))
    except UsersError as exc:
        raise click.ClickException(str(exc)) from None


SINCE_HELP = "From this date (2026-11-01) or the last N days (30d)."


@report.command("searches")
@click.option("--since", default="30d", show_default=True, help=SINCE_HELP)
@click.option("-n", "--limit", type=click.IntRange(1, 500), default=20, show_default=True, help="Queries per list.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, for machines.")
@click.pass_context
def report_searches(ctx: click.Context, since: str, limit: int, as_json: bool) -> None:
    """Per language: the top queries, the queries with no result, and those whose results nobody opened."""
    from kb_app.commands.report import parse_since, report_searches as run

    click.echo(run(_settings(ctx), parse_since(since), limit, as_json))


@report.command("feedback")
@click.option("--since", default="30d", show_default=True, help=SINCE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, for machines.")
@click.pass_context
def report_feedback(ctx: click.Context, since: str, as_json: bool) -> None:
    """The articles by votes (yes, no, share helpful), the most "no" first, with the latest comments."""
    from kb_app.commands.report import parse_since, report_feedback as run

    click.echo(run(_settings(ctx), parse_since(since), as_json))


if __name__ == "__main__":
    from kb_app.__main__ import main

    main()
