"""Typer commands `peristiwa batch` and `peristiwa load`; registered at the bottom of cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from peristiwa.api import DEFAULT_BATCH, DEFAULT_DB
from peristiwa.batch.load import load_partitions
from peristiwa.batch.partitions import ShardSizeMismatch
from peristiwa.batch.runner import BatchReport, run_batch
from peristiwa.batch.shards import DEFAULT_SHARD_SIZE
from peristiwa.cli.kb import Token, write_route
from peristiwa.errors import PeristiwaError
from peristiwa.settings import DEFAULT_MAX_BYTES, Settings

err = Console(stderr=True)
SCHEDULER_HELP = "Existing Dask scheduler, e.g. tcp://HOST:8786 (--out must be a folder every worker can write)."


def batch_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories or globs (.txt .html .jsonl .csv .warc).")],
    out: Annotated[Path, typer.Option("--out", help="Output folder for the Parquet partitions.")],
    scheduler: Annotated[str | None, typer.Option(help=SCHEDULER_HELP)] = None,
    workers: Annotated[
        int,
        typer.Option(
            help="Worker processes of the local cluster (small inputs are split into this many shards).", min=1
        ),
    ] = 2,
    shard_size: Annotated[
        int, typer.Option(help="Articles per shard (JSONL slices, groups of files).", min=1)
    ] = DEFAULT_SHARD_SIZE,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest single-article file.")] = DEFAULT_MAX_BYTES,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="The database `peristiwa load` will store these in: code with its knowledge overlay (`peristiwa "
            "kb`). Without it, the shipped knowledge; `load` then re-codes what the database's overlay changes.",
        ),
    ] = None,
    token: Token = None,
) -> None:
    """Run the pipeline on a Dask cluster into Parquet partitions (resumable; `peristiwa load` stores them)."""
    try:
        settings = Settings(max_bytes=max_bytes)
        if db is not None:
            settings = write_route(db, token).with_overlay(settings)
    except PeristiwaError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from error
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("shards", total=None)
        articles = 0

        def advance(summary: dict[str, Any]) -> None:
            nonlocal articles
            articles += summary["articles"]
            progress.update(task, advance=1, description=f"shards ({articles} articles)")

        try:
            report = run_batch(
                inputs,
                out,
                settings,
                scheduler,
                workers,
                shard_size,
                on_shard=advance,
                on_plan=lambda total: progress.update(task, total=total),
            )
        except PeristiwaError as error:
            err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(2 if isinstance(error, ShardSizeMismatch) else 1) from error
    _print_report(report, out)
    if not report.ok:
        raise typer.Exit(1)


def _print_report(report: BatchReport, out: Path) -> None:
    for line in report.not_read:
        err.print(f"[yellow]skipped:[/yellow] {line}", highlight=False, soft_wrap=True)
    for line in report.errors + report.failures:  # each failed input with its reason, as `extract` prints them
        err.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True)
    for line in report.failed:
        err.print(
            f"[red]shard failed:[/red] {line}; run the same command again to retry it", highlight=False, soft_wrap=True
        )
    if report.quarantined:
        err.print(
            f"[yellow]warning:[/yellow] {out / 'quarantine'} keeps the articles a stage failed on, with "
            "their tracebacks",
            highlight=False,
        )
    err.print(report.summary(), highlight=False, soft_wrap=True)


def load_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by `peristiwa batch --out`.")],
    db: Annotated[Path, typer.Option("--db", help="The event database file (DuckDB).")] = DEFAULT_DB,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = DEFAULT_BATCH,
    token: Token = None,
) -> None:
    """Store batch partitions in the database (stories and merged events are built here); articles the database's
    knowledge overlay would code otherwise than the batch did are re-coded with it."""
    from peristiwa.server.config import resolve_token

    try:
        report = load_partitions(folder, db, batch_size, resolve_token(token))
    except PeristiwaError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from error
    err.print(report.summary(), highlight=False, soft_wrap=True)
