"""`peristiwa watch` (follow feeds into a database) and `peristiwa watchlist …` (saved queries and alerts).

Registered in cli/__init__.py like the store commands.
"""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from peristiwa import api
from peristiwa.errors import PeristiwaError
from peristiwa.settings import Settings
from peristiwa.store import watch_state, watchlists
from peristiwa.store.errors import BadFilter
from peristiwa.store.watch_state import utc_now

err = Console(stderr=True)
Db = Annotated[Path, typer.Option("--db", help="The event database file (DuckDB); created if missing.")]
watchlist_app = typer.Typer(help="Watch lists: saved queries that raise alerts on new events.", no_args_is_help=True)


def log(message: str) -> None:
    style = "[red]error:[/red]" if message.startswith("error: ") else ""
    err.print(f"{style}{message.removeprefix('error:') if style else message}", highlight=False, soft_wrap=True)


def _fail(error: PeristiwaError) -> typer.Exit:
    err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(2 if isinstance(error, BadFilter) else 1)


def watch_command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="RSS/Atom feeds, news sitemaps, article URLs, or files listing them (one a line)."),
    ] = None,
    db: Db = api.DEFAULT_DB,
    once: Annotated[bool, typer.Option(help="Poll each source once and exit (for cron).")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between two polls of one source.", min=1)] = 30.0,
    status: Annotated[bool, typer.Option(help="Show each watched source's state and exit.")] = False,
) -> None:
    """Follow news feeds: store each new article (pipeline, then database) as it appears."""
    from peristiwa.watch.sources import expand_sources

    if status:
        _print_status(db)
        return
    urls, problems = expand_sources(sources or [])
    for problem in problems:
        err.print(f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True)
    if not urls and not _known_sources(db):
        err.print("[red]error:[/red] no source to watch; give feed URLs or a file listing them", highlight=False)
        raise typer.Exit(2)
    try:
        _watch(db, urls, once, interval)
    except PeristiwaError as error:
        raise _fail(error) from error


def _watch(db: Path, urls: list[str], once: bool, interval: float) -> None:
    from peristiwa.watch.alerts import Notifier
    from peristiwa.watch.database import FileDatabase
    from peristiwa.watch.watcher import Watcher, WatchOptions

    database = FileDatabase(db)
    notifier = Notifier(database, log)
    watcher = Watcher(database, _pipeline_extract(database), WatchOptions(interval=interval), log, notifier.wake)
    try:
        watcher.add(urls)
        if once:
            report = watcher.poll(urls or watcher.sources())
            notifier.deliver()
            err.print(report.summary(), highlight=False)
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        alerts = threading.Thread(target=notifier.run, args=(stop,), name="peristiwa-alerts", daemon=True)
        alerts.start()
        err.print(f"watching {db} (every {interval:g}s per source); press Ctrl-C to stop", highlight=False)
        try:
            watcher.run(stop)
        except KeyboardInterrupt:
            stop.set()
        notifier.wake()
        alerts.join(timeout=15)  # a thread left inside DuckDB at exit would abort the process
    finally:
        watcher.close()
        database.close()


def _pipeline_extract(database: Any) -> Any:
    """The pipeline, loaded when the first new article arrives (an idle watch needs no models), coding with the
    database's knowledge overlay (`peristiwa kb`): read again for each article, the pipeline is built again only
    when it changed."""
    from peristiwa.model import to_record
    from peristiwa.stages.ingest import RawArticle
    from peristiwa.store import knowledge

    loaded: dict[Settings, Any] = {}

    def extract(raw: RawArticle) -> dict[str, Any]:
        settings = database.read(lambda con: knowledge.with_overlay(con, Settings()))
        if settings not in loaded:
            from peristiwa.pipeline import Pipeline

            loaded.clear()
            loaded[settings] = Pipeline(settings)
        return to_record(loaded[settings].extract(raw))

    return extract


def _known_sources(db: Path) -> int:
    if not db.exists():
        return 0
    return len(_read(db, watch_state.status))


def _read(db: Path, run: Any) -> Any:
    from peristiwa.store.connection import connection

    try:
        with connection(db, read_only=False) as con:
            return run(con)
    except PeristiwaError as error:
        raise _fail(error) from error


def _print_status(db: Path) -> None:
    if not db.exists():
        err.print(f"[red]error:[/red] {db}: no database here; start with `peristiwa watch FEEDS --db {db}`")
        raise typer.Exit(1)
    for row in _read(db, watch_state.status):
        typer.echo(json.dumps(row, ensure_ascii=False, default=str))


@watchlist_app.command("add")
def watchlist_add(
    name: Annotated[str, typer.Argument(help="The watch list's name (replaces one of the same name).")],
    db: Db = api.DEFAULT_DB,
    actor: Annotated[list[str] | None, typer.Option(help="Actor code, as source or target (repeatable).")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor code (a dyad with --target).")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code.")] = None,
    type: Annotated[list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")] = None,
    quad: Annotated[str | None, typer.Option(help="V-coop | M-coop | V-conf | M-conf")] = None,
    place: Annotated[str | None, typer.Option(help="Part of the event's place name.")] = None,
    keyword: Annotated[list[str] | None, typer.Option(help="Words in the event's evidence (repeatable).")] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert as JSON to this URL.")] = None,
) -> None:
    """Save a watch list: a new event matching every given part raises an alert."""
    try:
        query = watchlists.watch_query(actor or [], source, target, type or [], quad, place, keyword or [])
        checked = watchlists.check_name(name)
        hook = watchlists.check_webhook(webhook)
    except PeristiwaError as error:
        raise _fail(error) from error
    _read(db, lambda con: watchlists.save(con, checked, query, hook, utc_now()))
    err.print(f"watch list {checked!r} saved", highlight=False)


@watchlist_app.command("list")
def watchlist_list(db: Db = api.DEFAULT_DB) -> None:
    """The watch lists (JSON Lines), with how many alerts each raised."""
    for row in _read(db, watchlists.listed):
        typer.echo(json.dumps(row, ensure_ascii=False, default=str))


@watchlist_app.command("remove")
def watchlist_remove(
    name: Annotated[str, typer.Argument(help="The watch list's name.")], db: Db = api.DEFAULT_DB
) -> None:
    """Delete a watch list (its past alerts stay)."""
    if not _read(db, lambda con: watchlists.remove(con, name)):
        err.print(f"[red]error:[/red] no watch list named {name!r}; `peristiwa watchlist list` shows them")
        raise typer.Exit(1)
    err.print(f"watch list {name!r} removed", highlight=False)


@watchlist_app.command("alerts")
def watchlist_alerts(db: Db = api.DEFAULT_DB, limit: Annotated[int, typer.Option(min=1)] = 50) -> None:
    """The latest alerts (JSON Lines), newest first, with their webhook delivery state."""
    for row in _read(db, lambda con: watchlists.recent(con, limit)):
        typer.echo(json.dumps(row, ensure_ascii=False, default=str))
