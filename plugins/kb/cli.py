"""The `kb` command line: parses arguments and prints; the work is in the core modules."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from kb.settings import Settings, SettingsError, load_settings

AUDIENCE_CHOICE = click.Choice(["public", "internal"])


def _settings(ctx: click.Context) -> Settings:
    try:
        return load_settings(ctx.obj["config"])
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    from kb.commands.check import report_json, report_text, run_check

    catalog = run_check(_settings(ctx), strict=strict, today=as_of.date() if as_of else None)
    click.echo(report_json(catalog) if as_json else report_text(catalog))
    ctx.exit(1 if catalog.errors else 0)


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("-t", "--type", "article_type", required=True,
              type=click.Choice(["how-to", "reference", "explanation", "troubleshooting", "procedure"]),
              help="The article type; its template gives the sections.")
@click.option("--title-en", help="English title (default: from the id).")
@click.option("--title-es", help="Spanish title (default: from the id).")
@click.option("--tags", help="Comma-separated tags from the taxonomy (default: the id's section).")
@click.option("--audience", type=AUDIENCE_CHOICE, default="internal", show_default=True)
@click.option("--owner", default="support-leads", show_default=True)
@click.pass_context
def new(ctx: click.Context, article_id: str, article_type: str, title_en: str | None, title_es: str | None,
        tags: str | None, audience: str, owner: str) -> None:
    """Scaffold ID (e.g. spei/returns) in English and Spanish, as a draft.

    Never overwrites: if either file exists, nothing is written.
    """
    from kb.scaffold import ScaffoldError, new_article
    from kb.taxonomy import load_taxonomy

    settings = _settings(ctx)
    taxonomy, _ = load_taxonomy(settings.taxonomy, settings.languages)
    try:
        paths = new_article(settings, taxonomy, article_id, article_type,
                            titles={"en": title_en or "", "es": title_es or ""},
                            tags=[t.strip() for t in tags.split(",") if t.strip()] if tags else None,
                            audience=audience, owner=owner)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    for path in paths:
        click.echo(f"created {settings.display(path)}")


@cli.command()
@click.option("--audience", type=click.Choice(["public", "internal", "all"]), default="all", show_default=True,
              help="Which site: public (merchants), internal (agents) or both.")
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), help="Output folder (default: site/<audience>).")
@click.pass_context
def build(ctx: click.Context, audience: str, site_dir: Path | None) -> None:
    """Build the public and/or internal site, each in its own folder (strict: warnings fail)."""
    from kb_mkdocs.site import BuildFailed, build_site

    settings = _settings(ctx)
    audiences = ["public", "internal"] if audience == "all" else [audience]
    if site_dir and len(audiences) > 1:
        raise click.UsageError("--site-dir needs --audience public or --audience internal")
    for name in audiences:
        target = site_dir or settings.site_dir / name
        try:
            seconds = build_site(ctx.obj["config"], name, target)
        except BuildFailed as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"built the {name} site in {settings.display(target)} ({seconds:.1f} s)")
        _index(settings, [name])


def _index(settings: Settings, audiences: list[str]) -> None:
    from kb.commands.search import index_audiences

    for report in index_audiences(settings, audiences):
        per_language = ", ".join(f"{lang} {count}" for lang, count in sorted(report.languages.items()))
        click.echo(f"indexed {report.documents} {report.audience} pages ({per_language}) for search in "
                   f"{settings.display(report.path.parent)}/{report.audience} ({report.seconds:.1f} s)")


@cli.command("index")
@click.option("--audience", type=click.Choice(["public", "internal", "all"]), default="all", show_default=True,
              help="Which index: public (merchants), internal (agents) or both.")
@click.pass_context
def index_command(ctx: click.Context, audience: str) -> None:
    """Build the search index of each audience (kb build does it too).

    The index is built aside and swapped in: searches running meanwhile are not disturbed.
    """
    _index(_settings(ctx), ["public", "internal"] if audience == "all" else [audience])


@cli.command()
@click.argument("query")
@click.option("--lang", type=click.Choice(["en", "es"]), help="Only articles in this language (default: both, the query's first).")
@click.option("--audience", type=AUDIENCE_CHOICE, default="internal", show_default=True,
              help="Search what this audience's site shows.")
@click.option("-n", "--limit", type=click.IntRange(1, 50), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (id, lang, title, url, anchor, snippet, score...).")
@click.pass_context
def search(ctx: click.Context, query: str, lang: str | None, audience: str, limit: int, as_json: bool) -> None:
    """Search the articles the way agents type: "spei no llega", "chargebak", "51".

    Accents, capitals and typos do not matter; codes are matched exactly; glossary terms
    find their translation.
    """
    from kb.commands.search import open_index, results_json, results_text

    results = open_index(_settings(ctx), audience).search(query, lang=lang, limit=limit)
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
@click.option("--no-builtin", is_flag=True, help="Measure only kb search, not the site's built-in search.")
@click.pass_context
def eval_command(ctx: click.Context, queries: Path, site_dir: Path | None, no_builtin: bool) -> None:
    """Measure search quality on QUERIES (a YAML query set): hit@1, hit@5 and MRR@5 of
    kb search and of the internal site's built-in search, side by side, with the misses."""
    from kb.commands.search import run_eval
    from kb_mkdocs.site import BuildFailed, build_site

    def build(target: Path) -> None:
        try:
            build_site(ctx.obj["config"], "internal", target)
        except BuildFailed as exc:
            raise click.ClickException(str(exc)) from None

    _, text = run_eval(_settings(ctx), queries, build, site=site_dir, builtin=not no_builtin)
    click.echo(text)


@cli.command()
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--docs-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where the articles and stubs are (default: docs_dir of the configuration).")
@click.option("--min-tickets", type=click.IntRange(min=1), default=5, show_default=True,
              help="Tickets a tag needs, with no article answering it, to get a stub.")
@click.option("--format", "fmt", type=click.Choice(["auto", "zendesk", "freshdesk", "jira", "generic"]),
              default="auto", show_default=True, help="The help desk that wrote the exports.")
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

    Zendesk (JSON, JSON lines, CSV), Freshdesk and Jira CSV exports are recognised; any
    other CSV or JSON lines needs id, subject, description, tags and created_at (or --map).
    Each tag with --min-tickets tickets and no article gets a draft in every language
    under docs/<lang>/drafts/; a draft a person has edited is never changed again.
    """
    import dataclasses

    from kb.stubs.report import report_json, report_text
    from kb.stubs.run import Options, run_stubs
    from kb.tickets import ExportError
    from kb.tickets.columns import parse_mapping

    try:
        columns = parse_mapping(mapping)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--map") from None
    settings = _settings(ctx)
    if docs_dir:
        settings = dataclasses.replace(settings, docs_dir=docs_dir.resolve())
    options = Options(min_tickets=min_tickets, format=fmt, mapping=columns, ignore_tags=ignore, dry_run=dry_run, progress=True)
    try:
        result = run_stubs(settings, exports, options)
    except ExportError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    click.echo(report_json(result) if as_json else report_text(result))


@cli.command()
@click.option("--audience", type=AUDIENCE_CHOICE, default="internal", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_context
def serve(ctx: click.Context, audience: str, host: str, port: int) -> None:
    """Build the site and serve it, rebuilding and reloading the page when a file changes."""
    from kb_mkdocs.site import serve_site

    serve_site(ctx.obj["config"], _settings(ctx), audience, host, port)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user errors are one line, never a traceback."""
    try:
        code = cli.main(args=argv, prog_name="kb", standalone_mode=False)
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


if __name__ == "__main__":
    main()
