"""The server's hold on the database file: one read-only connection shared by all requests, and writes.

DuckDB lets a process hold a file either read-only or read-write, not both; so a write waits for the
reads in flight, closes the shared reader, writes through the store's writer path and reopens it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from peristiwa.api import IngestReport, Peristiwa
from peristiwa.store.connection import connect, connection
from peristiwa.store.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, StoreError
from peristiwa.store.rows import Record
from peristiwa.store.writer import WriteReport

T = TypeVar("T")
WRITE_WAIT = 120.0  # seconds a write waits for another process's lock (as `peristiwa ingest` does)


class ReadWriteLock:
    """Many readers or one writer; a waiting writer holds back new readers so it is not starved."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting_writers = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._waiting_writers)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            self._cond.wait_for(lambda: not self._writing and not self._readers)
            self._waiting_writers -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class ServerStore:
    """The database as the server holds it. Idle, it lets go of the file, so `peristiwa ingest` can write."""

    def __init__(self, db: Path, idle_release: float | None = None) -> None:
        self.db = Path(db)
        self.idle_release = idle_release
        self._lock = ReadWriteLock()
        self._open_lock = threading.Lock()
        self._reader: duckdb.DuckDBPyConnection | None = None
        self._last_read = time.monotonic()
        self._stopped = threading.Event()

    def open(self) -> None:
        """Keep a read-only connection, creating or migrating the file first if it needs it."""
        self._reader = open_reader(self.db)
        if self.idle_release:
            threading.Thread(target=self._release_when_idle, name="peristiwa-db-idle", daemon=True).start()

    def close(self) -> None:
        self._stopped.set()
        with self._lock.writing():
            self._close_reader()

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _release_when_idle(self) -> None:
        # DuckDB keeps other processes from writing while any connection is open, even a read-only one.
        idle = self.idle_release or 0.0
        while not self._stopped.wait(min(idle / 2, 1.0)):
            if self._reader is None or time.monotonic() - self._last_read < idle:
                continue
            with self._lock.writing():
                if time.monotonic() - self._last_read >= idle:
                    self._close_reader()  # the next read reopens it (about 15 ms)

    def read(self, run: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run a query on a cursor of its own (DuckDB cursors are safe to use from parallel threads)."""
        with self._lock.reading():
            self._last_read = time.monotonic()
            cursor = self._connection().cursor()
            try:
                return run(cursor)
            finally:
                cursor.close()
                self._last_read = time.monotonic()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        with self._open_lock:
            if self._reader is None:
                self._reader = connect(self.db, read_only=True)
            return self._reader

    def run_write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run `work` on a read-write connection (the watcher's state, watch lists), between reads."""
        with self._lock.writing():
            self._close_reader()  # the next read reopens it
            with connection(self.db, read_only=False, wait=WRITE_WAIT) as con:
                return work(con)

    def write(self, records: list[Record]) -> tuple[IngestReport, list[str]]:
        """Store extract records in one batch; return the report and the ids that were new."""
        added: list[str] = []

        def collect(written: WriteReport) -> None:
            added.extend(written.added_ids)

        with self._lock.writing():
            self._close_reader()  # the next read reopens it
            report = Peristiwa(self.db).ingest_records(records, batch_size=len(records) or 1, on_batch=collect)
        return report, added

    def change(self, run: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run one change of the analysts' knowledge or corrections on the writable file, between reads, the way
        `write` stores records (the store's own write path until the server keeps one writer)."""
        with self._lock.writing():
            self._close_reader()
            with connection(self.db, read_only=False) as con:
                return run(con)


def open_reader(db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection; a missing or older file goes through the writer path first.

    Read-only first, so that serving a file another process reads (a notebook, a second server) works.
    """
    try:
        return connect(db, read_only=True)
    except (DatabaseLocked, DatabaseCorrupt, DatabaseTooNew):
        raise
    except StoreError:  # missing, or an older schema: create / migrate it, then read
        with connection(db, read_only=False):
            pass
        return connect(db, read_only=True)


def known_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    rows: list[Any] = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return {row[0] for row in rows}
