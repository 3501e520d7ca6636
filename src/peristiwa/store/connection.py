"""Opening the database file, with one clear error per way it can fail.

DuckDB lets one process write a file at a time, and a writing process also keeps readers out. A running
server owns its file for its whole life (writes go through it: store/route.py, docs/store.md); without
one, `peristiwa ingest` holds the file only while it writes one batch. Both sides wait for the lock a
little before giving up with a message that names the holder and says what to do.
"""

from __future__ import annotations

import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from peristiwa.store import schema
from peristiwa.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    StoreError,
)
from peristiwa.store.sidecar import live_server

DEFAULT_DB = Path("peristiwa.duckdb")
DEFAULT_WAIT = 10.0  # seconds to wait for another process's lock before giving up
_PID = re.compile(r"PID (\d+)")
_TRUNCATED = "could not read enough bytes"  # DuckDB's words for a file cut short (an interrupted copy)
_DAMAGE = ("not a valid duckdb", "corrupt", "checksum", _TRUNCATED)


def connect(path: Path, read_only: bool = False, wait: float = DEFAULT_WAIT) -> duckdb.DuckDBPyConnection:
    """Open `path` (created and migrated when writing); raise a `StoreError` that names the file."""
    path = Path(path)
    _check_file(path, read_only)
    con = _connect_waiting(path, read_only, wait)
    try:
        _check_schema(con, path, read_only)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def connection(path: Path, read_only: bool = False, wait: float = DEFAULT_WAIT) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path, read_only, wait)
    try:
        yield con
    finally:
        con.close()


def _check_file(path: Path, read_only: bool) -> None:
    if read_only and not path.exists():
        raise DatabaseMissing(
            path,
            f"no database here; create it with `peristiwa ingest FILES --db {path}` or pass --db with an existing file",
        )
    if path.is_dir():
        raise StoreError(path, "is a directory; pass --db with a file name such as peristiwa.duckdb")
    if not read_only and path.exists() and not _writable(path):
        raise DatabaseReadOnly(
            path,
            "the file is read-only; make it writable (chmod u+w) or ingest into another --db; nothing was written",
        )


def _writable(path: Path) -> bool:
    # Mode bits, not os.access: root may write anything, but a file marked read-only means "keep".
    mode = path.stat().st_mode
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _connect_waiting(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            message = str(error)
            if "lock" not in message.lower() or time.monotonic() >= deadline:
                raise _explain(path, message, read_only, wait) from error
        time.sleep(delay)
        delay = min(delay * 1.5, 0.05)  # short: a writer leaves readers only brief windows


def _explain(path: Path, message: str, read_only: bool, wait: float) -> StoreError:
    lowered = message.lower()
    if "lock" in lowered:
        return DatabaseLocked(path, _lock_holder(path, message, read_only, wait))
    if any(sign in lowered for sign in _DAMAGE):
        cut = " (the file ends early: it was cut short)" if _TRUNCATED in lowered else ""
        return DatabaseCorrupt(
            path,
            f"is not a DuckDB database or is damaged{cut}; it was left untouched: "
            "restore it from a backup or pass --db with a new file",
        )
    if "permission" in lowered or "read-only" in lowered or "read only" in lowered:
        return DatabaseReadOnly(
            path,
            "cannot be opened for writing (permission denied or read-only disk); "
            "fix the permissions or pass --db with another file",
        )
    mode = "reading" if read_only else "writing"
    return StoreError(path, f"cannot open the database for {mode}: {message.splitlines()[0]}")


def _lock_holder(path: Path, message: str, read_only: bool, wait: float) -> str:
    """Who holds the file (the serving process from its sidecar, else DuckDB's pid) and what to do about it."""
    served = live_server(path)
    if served is not None:
        todo = (
            f"read it through the server (`peristiwa query` does so by itself; events as CSV: "
            f"GET {served.url}/v1/events?format=csv&limit=1000, then each next cursor)"
            if read_only
            else "write through the server (`peristiwa ingest --db` does so by itself)"
        )
        return f"is owned by {served.describe()}, which holds it while it runs; {todo}, or stop the server"
    holder = _PID.search(message)
    who = f"process {holder[1]}" if holder else "another process"
    return (
        f"locked by {who} for more than {wait:g}s; wait for it to finish (an ingest holds the file only while "
        f"it writes a batch) and try again, or see what it is with `ps -p {holder[1] if holder else 'PID'}`"
    )


def _check_schema(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
    try:
        version = schema.current_version(con)
    except duckdb.Error as error:
        raise DatabaseCorrupt(
            path,
            "cannot read the schema (damaged file?); it was left untouched: restore "
            "it from a backup or pass --db with a new file",
        ) from error
    if version > schema.latest_version():
        raise DatabaseTooNew(
            path,
            f"schema version {version} is newer than this peristiwa understands "
            f"({schema.latest_version()}); upgrade peristiwa",
        )
    if read_only and schema.pending(con):
        raise StoreError(
            path,
            f"schema version {version} is older than {schema.latest_version()}; run "
            "`peristiwa ingest` once (it migrates the file) and query again",
        )
    if not read_only:
        schema.migrate(con)
