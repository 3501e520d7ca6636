"""The database as a standalone watcher holds it: opened when there is work and let go of after `hold` idle
seconds, as `peristiwa ingest` lets go of it after each batch, so that a server reading the same file gets in
between polls (inside a server, the server's store is used instead: server/watching.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from peristiwa.api import Peristiwa
from peristiwa.settings import Settings
from peristiwa.store.connection import connect
from peristiwa.store.route import WRITER_WAIT
from peristiwa.store.rows import Record
from peristiwa.store.writer import WriteReport

T = TypeVar("T")
HOLD = 2.0  # seconds the file stays open after the last step: a poll's steps share one connection


class FileDatabase:
    def __init__(self, path: Path, settings: Settings | None = None, hold: float = HOLD) -> None:
        self.path = Path(path)
        self.settings = settings or Settings()
        self.hold = hold
        self._lock = threading.Lock()  # one step at a time: the fetch threads and the notifier share the file
        self._con: duckdb.DuckDBPyConnection | None = None
        self._last = 0.0
        self._closer: threading.Timer | None = None

    def run(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        with self._lock:
            if self._con is None:
                self._con = connect(self.path, read_only=False, wait=WRITER_WAIT)
            try:
                return work(self._con)
            finally:
                self._used()

    def read(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        return self.run(work)  # one connection serves both: this process is the file's only user

    def store(self, records: list[Record]) -> list[str]:
        """The store's write path for processed articles (one batch, one transaction); the ids that were new."""
        added: list[str] = []

        def collect(written: WriteReport) -> None:
            added.extend(written.added_ids)

        with self._lock:
            self._close()  # the write path opens the file itself
            Peristiwa(self.path, self.settings).ingest_records(records, batch_size=len(records) or 1, on_batch=collect)
        return added

    def close(self) -> None:
        with self._lock:
            if self._closer is not None:
                self._closer.cancel()
                self._closer = None
            self._close()

    def _used(self) -> None:
        self._last = time.monotonic()
        if self._closer is None:
            self._start_closer(self.hold)

    def _close_when_idle(self) -> None:
        with self._lock:
            self._closer = None
            if self._con is None:
                return
            idle = time.monotonic() - self._last
            if idle >= self.hold:
                self._close()
            else:
                self._start_closer(self.hold - idle)

    def _start_closer(self, seconds: float) -> None:
        # Not a daemon: a daemon thread stopped at interpreter exit inside DuckDB aborts the process, so exit
        # waits (at most `hold` seconds) for the file to be closed properly.
        self._closer = threading.Timer(seconds, self._close_when_idle)
        self._closer.start()

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
