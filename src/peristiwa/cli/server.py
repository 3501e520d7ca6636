"""`peristiwa serve`: the REST API and the web UI on one port. Registered at the bottom of cli.py."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from peristiwa.errors import PeristiwaError
from peristiwa.server.config import (
    DEFAULT_HOST,
    DEFAULT_MAX_BODY,
    DEFAULT_PORT,
    TOKEN_ENV,
    ServerOptions,
    resolve_token,
)
from peristiwa.store.connection import DEFAULT_DB

err = Console(stderr=True)
Db = Annotated[Path, typer.Option("--db", help="The event database file (DuckDB); created if missing.")]
Host = Annotated[str, typer.Option(help="Address to listen on; beyond loopback a token is required.")]
Port = Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)]
Token = Annotated[str | None, typer.Option(help=f"Write token (default: env {TOKEN_ENV}).")]
MaxBody = Annotated[int, typer.Option("--max-body", help="Largest request body, in bytes.", min=1)]
AllowHost = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-host", help="Another name this server is reached by (Host header) that may write without a token."
    ),
]

Watch = Annotated[
    list[str] | None,
    typer.Option(
        "--watch", help="Follow this feed, sitemap or file listing them while serving (repeatable; see `watch`)."
    ),
]
WatchInterval = Annotated[
    float, typer.Option("--watch-interval", help="Seconds between two polls of one watched source.", min=1)
]


def serve_command(
    db: Db = DEFAULT_DB,
    host: Host = DEFAULT_HOST,
    port: Port = DEFAULT_PORT,
    token: Token = None,
    max_body: MaxBody = DEFAULT_MAX_BODY,
    allow_host: AllowHost = None,
    watch: Watch = None,
    watch_interval: WatchInterval = 30.0,
) -> None:
    """Serve the REST API (/v1, docs at /docs) and the web UI for one database."""
    import uvicorn  # imported here so that other commands start fast

    from peristiwa.server.app import create_app

    try:
        address = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
        options = ServerOptions(
            host=host,
            max_body=max_body,
            allowed_hosts=tuple(allow_host or ()),
            watch=tuple(watch or ()),
            watch_interval=watch_interval,
            url=address.rstrip("/"),
        )
        app = create_app(db, token=resolve_token(token), options=options)
        _check_port(host, port)
        summary = _summary(db)
    except PeristiwaError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from error
    err.print(f"{db}: {summary}", highlight=False)
    err.print(
        f"Peristiwa is running at [bold]{address}[/bold] (API under /v1, docs at {address}docs); press Ctrl-C to stop.",
        highlight=False,
    )
    if watch:
        err.print(f"following {len(watch)} source(s), every {watch_interval:g}s each", highlight=False)
    _log_watch_to_stderr()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _log_watch_to_stderr() -> None:
    """The watcher's lines (new articles, a broken feed) go to standard error, as `peristiwa watch` prints them."""
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("watch: %(levelname)s: %(message)s"))
    watch_log = logging.getLogger("peristiwa.watch")
    watch_log.addHandler(handler)
    watch_log.setLevel(logging.INFO)


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message before loading anything if the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PeristiwaError(
                f"cannot listen on {host}:{port} ({error.strerror}); is another server running "
                "there? pass --port with a free port"
            ) from error


def _summary(db: Path) -> str:
    """What the database holds; creating or migrating it first, so that a bad file is reported here."""
    from peristiwa.store import queries
    from peristiwa.store.connection import connection

    with connection(db, read_only=False) as con:  # the server takes it read-write next
        counts = queries.counts(con)
    if not counts["articles"]:
        return "no articles yet (add some with `peristiwa ingest FILES --db` or POST /v1/articles)"
    return ", ".join(f"{counts[k]} {k}" for k in ("articles", "events", "quotes", "stories"))
