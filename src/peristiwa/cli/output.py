"""Where a command writes its result: standard output, or a file it will not overwrite without --force."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import typer
from rich.console import Console

err = Console(stderr=True)


@contextmanager
def output(path: Path | None, force: bool) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    if path.exists() and not force:
        err.print(f"[red]error:[/red] {path} exists; pass --force to overwrite it")
        raise typer.Exit(2)
    with path.open("w", encoding="utf-8") as handle:
        yield handle
