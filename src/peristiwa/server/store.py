"""The server's hold on the database file: it owns it read-write for its whole life (docs/store.md).

DuckDB lets one process open a file read-write, and that process keeps every other one out. Inside it,
any number of cursors read at once, each on an MVCC snapshot that never shows a half-committed
transaction. So every request reads on a cursor of its own, and every write — ingest, and the routes of
the feed watcher and the knowledge overlay — goes through `ServerStore.write`: one writer thread takes
jobs from one queue and runs each in one transaction. Reads never wait for writes, writes wait only for
earlier writes.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from peristiwa.settings import Settings
from peristiwa.store.connection import connect
from peristiwa.store.errors import StoreClosed
from peristiwa.store.rows import Record
from peristiwa.store.writer import Writer, WriteReport, transaction

T = TypeVar("T")
Job = Callable[[duckdb.DuckDBPyConnection], Any]
OPEN_WAIT = 10.0  # seconds to wait for an ingest that holds the file when the server starts
# Reads that run at once; the others wait their turn (docs/store.md, "Writes first"). However many clients
# read, reads then take at most this many cores, and the ingest pipeline and the writer keep the rest.
READ_SLOTS = max(1, (os.cpu_count() or 2) // 2)
_reading = threading.local()  # whether this thread holds a read slot


class ServerStore:
    """The database as the server holds it: `read` on a cursor per call, `write` through the one writer."""

    def __init__(self, db: Path, settings: Settings | None = None) -> None:
        self.db = Path(db)
        self.settings = settings or Settings()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._jobs: queue.Queue[tuple[Job, Future[Any], bool] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._records: Writer | None = None
        self._read_slots = threading.BoundedSemaphore(READ_SLOTS)

    def open(self) -> None:
        """Take the file read-write (creating or migrating it) and start the writer thread."""
        self._con = connect(self.db, read_only=False, wait=OPEN_WAIT)
        self._thread = threading.Thread(
            target=self._run_writer, args=(self._con.cursor(),), name="peristiwa-writer", daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        """Finish the queued writes, stop the writer and let go of the file."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None
        if self._con is not None:
            self._con.close()
            self._con = None

    def read(self, run: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run a query on a cursor of its own, in one read transaction: every statement sees the same snapshot.
        At most READ_SLOTS reads run at once; a read waits for a free slot, never for a write."""
        if getattr(_reading, "slot", False):  # a read inside a read keeps the slot it has
            return self._read(run)
        with self._read_slots:
            _reading.slot = True
            try:
                return self._read(run)
            finally:
                _reading.slot = False

    def _read(self, run: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        cursor = self._connection().cursor()
        try:
            cursor.execute("BEGIN TRANSACTION")
            return run(cursor)
        finally:
            cursor.close()  # ends the read transaction

    def write(self, job: Callable[[duckdb.DuckDBPyConnection], T], own_transactions: bool = False) -> T:
        """THE write path of a served database: run `job(con)` on the writer thread, in one transaction.

        Jobs run one at a time in the order they came; the caller waits for its own and gets its result
        (or its exception, after the rollback). Readers go on meanwhile and see the job's rows only once it
        committed."""
        done: Future[T] = Future()
        if self._thread is None:
            raise StoreClosed(self.db, "the server is not holding the database (stopped or not started)")
        self._jobs.put((job, done, own_transactions))
        return done.result()

    def store_records(self, records: Sequence[Record]) -> WriteReport:
        """Store extract records as one batch (what POST /v1/records and POST /v1/articles do)."""
        return self.write(lambda con: self._record_writer(con).store(records))

    def _record_writer(self, con: duckdb.DuckDBPyConnection) -> Writer:
        if self._records is None:  # on the writer thread only: loads the fingerprinter once
            self._records = Writer(con, self.settings.data_dir)
        return self._records

    def _run_writer(self, cursor: duckdb.DuckDBPyConnection) -> None:
        try:
            while (item := self._jobs.get()) is not None:
                job, done, own_transactions = item
                if not done.set_running_or_notify_cancel():
                    continue
                try:
                    if own_transactions:  # it opens and commits its own (DuckDB does not nest them)
                        result = job(cursor)
                    else:
                        with transaction(cursor, str(self.db)):
                            result = job(cursor)
                except BaseException as error:  # noqa: BLE001 — handed to the caller, who raises it
                    done.set_exception(error)
                else:
                    done.set_result(result)
        finally:
            cursor.close()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreClosed(self.db, "the server is not holding the database (stopped or not started)")
        return self._con

    def change(self, run: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """One change of the analysts' knowledge or corrections: a job of the one writer. These changes keep
        their own transactions (store/knowledge.py, corrections.py, recode.py), as they do on a file."""
        return self.write(run, own_transactions=True)

    def run_write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """The watcher's state and watch lists: a job of the one writer, in their own transactions."""
        return self.write(work, own_transactions=True)


def known_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    rows: list[Any] = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return {row[0] for row in rows}
