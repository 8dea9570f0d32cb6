"""The `kb` command line: parses arguments and prints; the work is in `kb_app.commands`, the
core and the adapters. Imports are lazy, inside each command, so that `kb --help` and
`kb search` load neither MkDocs nor the modules of other commands."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from kb.settings import Settings, SettingsError, project_root
from kb.vocabulary import ArticleType, Audience, ExportFormat, values

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
            click.echo(f"{where}: {exc.format_message()} (see '{where} --help')", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"kb: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            click.echo("kb: interrupted", err=True)
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
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Judge review dates as of this day (YYYY-MM-DD).")
@click.pass_context
def check(ctx: click.Context, strict: bool, as_json: bool, as_of: dt.datetime | None) -> None:
    """Validate every article against the contract, without building.

    Reports every problem with its file, line, field and fix; exits 1 when there are errors.
    Articles past their review date are warnings.
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
@click.pass_context
def build(ctx: click.Context, audience: str, site_dir: Path | None) -> None:
    """Build the public and/or internal site, each in its own folder (strict: warnings fail)."""
    from kb_app.commands.build import build_sites

    audiences = _audiences(audience)
    if site_dir and len(audiences) > 1:
        raise click.UsageError("--site-dir needs --audience public or --audience internal")
    for line in build_sites(ctx.obj["config"], _settings(ctx), audiences, site_dir):
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


@cli.command()
@click.argument("query")
@click.option("--lang", help="Only articles in this language, e.g. es (default: all, the query's first).")
@click.option("--audience", type=AUDIENCE_CHOICE, default=Audience.INTERNAL.value, show_default=True,
              help="Search what this audience's site shows.")
@click.option("-n", "--limit", type=click.IntRange(1, 50), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (id, lang, title, url, anchor, snippet, score...).")
@click.pass_context
def search(ctx: click.Context, query: str, lang: str | None, audience: str, limit: int, as_json: bool) -> None:
    """Search the articles the way agents type: "spei no llega", "chargebak", "51".

    Accents, capitals and typos do not matter; codes are matched exactly; glossary terms
    find their translation.
    """
    from kb_app.commands.search import index_languages, open_index, results_json, results_text

    root = project_root(ctx.obj["config"])
    index = open_index(root, audience)
    languages = index_languages(root, audience)
    if lang is not None and languages and lang not in languages:
        raise click.BadParameter(f"{lang!r} is not one of the index's languages: {', '.join(languages)}", param_hint="--lang")
    results = index.search(query, lang=lang, limit=limit)
    if as_json:
        click.echo(results_json(results))
        if not results.hits and results.did_you_mean:
            click.echo(f"did you mean: {results.did_you_mean}", err=True)
    else:
        click.echo(results_text(results, query))


@cli.command("eval")
@click.argument("queries", type=click.Path(path_type=Path))
@click.option("--site-dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="An internal site already built for the built-in search (default: build one aside).")
@click.option("--no-builtin", is_flag=True, help="Measure only kb search, not the site's own searches.")
@click.option("--no-static", is_flag=True, help="Leave out the site's static search (kb-search/).")
@click.pass_context
def eval_command(ctx: click.Context, queries: Path, site_dir: Path | None, no_builtin: bool, no_static: bool) -> None:
    """Measure search quality on QUERIES (a YAML query set): hit@1, hit@5 and MRR@5 of
    kb search, of the internal site's built-in search and of its static search (both in
    headless Chromium), side by side, with the misses."""
    from kb_app.commands.build import build_one
    from kb_app.commands.eval import run_eval

    def build(target: Path) -> None:
        build_one(ctx.obj["config"], Audience.INTERNAL, target)

    _, text = run_eval(_settings(ctx), queries, build, site=site_dir, builtin=not no_builtin,
                       static=not (no_builtin or no_static))
    click.echo(text)


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


@cli.command()
@click.option("--audience", type=AUDIENCE_CHOICE, default=Audience.INTERNAL.value, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_context
def serve(ctx: click.Context, audience: str, host: str, port: int) -> None:
    """Build the site and serve it, rebuilding and reloading the page when a file changes."""
    from kb_app.commands.serve import serve_site

    serve_site(ctx.obj["config"], _settings(ctx), audience, host, port)


def main(argv: list[str] | None = None) -> None:
    """Run the command line (exits with the command's code)."""
    cli.main(args=argv, prog_name="kb")


if __name__ == "__main__":
    main()
