"""Typer commands for `peristiwa ingest`, `peristiwa query …` and `peristiwa export`.

Register in cli.py with:
    app.command("ingest")(ingest_command)
    app.command("export")(export_command)
    app.add_typer(query_app, name="query")
Each command parses, calls one library function, prints: JSON Lines to stdout, messages to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from peristiwa import api
from peristiwa.errors import InputError, PeristiwaError
from peristiwa.settings import DEFAULT_MAX_BYTES, Settings
from peristiwa.store.errors import BadFilter

err = Console(stderr=True)
Db = Annotated[Path, typer.Option("--db", help="The event database file (DuckDB).")]
Limit = Annotated[int, typer.Option(help="Most rows to return.")]
query_app = typer.Typer(help="Query the event database (JSON Lines on stdout).", no_args_is_help=True)


def _fail(error: PeristiwaError) -> typer.Exit:
    err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(2 if isinstance(error, BadFilter) else 1)  # a filter value that cannot be used: usage


def _print_rows(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False, default=str))


def _query(db: Path, what: str, **options: Any) -> None:
    try:
        _print_rows(api.query(db, what, **options))
    except PeristiwaError as error:
        raise _fail(error) from error


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    db: Db = api.DEFAULT_DB,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = api.DEFAULT_BATCH,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest single-article file.")] = DEFAULT_MAX_BYTES,
    token: Annotated[
        str | None, typer.Option(help="Write token of a server that owns --db (default: env PERISTIWA_TOKEN).")
    ] = None,
) -> None:
    """Extract articles and store them, their mentions, stories and merged events in the database.

    When `peristiwa serve` owns the database, the records go to it (its write endpoint); else into the file."""
    from peristiwa.server.config import resolve_token

    def warn(error: InputError) -> None:
        err.print(f"[red]error:[/red] {error.where}: {error.reason}", highlight=False, soft_wrap=True)

    def skipped(where: str, why: str) -> None:
        err.print(f"[yellow]skipped:[/yellow] {where}: {why}", highlight=False, soft_wrap=True)

    try:
        report = api.ingest(
            inputs,
            db,
            batch_size,
            Settings(max_bytes=max_bytes),
            on_error=warn,
            on_skip=skipped,
            token=resolve_token(token),
        )
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(report.summary())
    if report.failed:
        raise typer.Exit(1)


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="plover-jsonl | gdelt-tsv | csv | parquet | geojson")],
    output: Annotated[str, typer.Option("-o", "--output", help="Output file; standard output by default.")] = "-",
    db: Db = api.DEFAULT_DB,
    force: Annotated[bool, typer.Option(help="Overwrite the output file.")] = False,
) -> None:
    """Export the merged events (to standard output unless -o names a file)."""
    try:
        count = api.export(db, fmt, output, force)
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(f"{count} event(s) exported as {fmt} to {'standard output' if output == '-' else output}")


@query_app.command("events")
def query_events(
    db: Db = api.DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Actor code as source or target.")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor code.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    quad: Annotated[str | None, typer.Option(help="V-coop | M-coop | V-conf | M-conf")] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date: YYYY-MM-DD, 'kemarin', '7 hari terakhir', 'yesterday' …")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (same forms).")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the evidence text.")] = None,
    place: Annotated[str | None, typer.Option(help="Place name of the event (any case), e.g. Jakarta.")] = None,
    limit: Limit = 100,
) -> None:
    """Merged events by actor, dyad, type, quad, date range, text and place."""
    _query(
        db,
        "events",
        actor=actor,
        source=source,
        target=target,
        type=type,
        quad=quad,
        since=since,
        until=until,
        text=text,
        place=place,
        limit=limit,
    )


@query_app.command("actor")
def query_actor(code: Annotated[str, typer.Argument(help="Actor code, e.g. RUS.")], db: Db = api.DEFAULT_DB) -> None:
    """An actor's profile: events as source and target, by type, partners, people and roles."""
    _query(db, "actor", id=code)


@query_app.command("dyad")
def query_dyad(
    source: Annotated[str, typer.Argument(help="Source actor code.")],
    target: Annotated[str, typer.Argument(help="Target actor code.")],
    db: Db = api.DEFAULT_DB,
    both: Annotated[bool, typer.Option(help="Count both directions.")] = False,
) -> None:
    """Events between two actors per month and quad."""
    _query(db, "dyad", source=source, target=target, both=both)


@query_app.command("quotes")
def query_quotes(
    speaker: Annotated[str, typer.Argument(help="Part of the speaker's name.")],
    db: Db = api.DEFAULT_DB,
    limit: Limit = 100,
) -> None:
    """Quotations by speaker."""
    _query(db, "quotes", speaker=speaker, limit=limit)


@query_app.command("story")
def query_story(story_id: Annotated[str, typer.Argument(help="Story id.")], db: Db = api.DEFAULT_DB) -> None:
    """A story with its articles and merged events."""
    _query(db, "story", id=story_id)


@query_app.command("stories")
def query_stories(db: Db = api.DEFAULT_DB, limit: Limit = 100) -> None:
    """Stories with the most independent reports."""
    _query(db, "stories", limit=limit)
