"""The database as a standalone watcher holds it: opened for each piece of work, as `peristiwa ingest` does,
so that a server reading the same file gets in between (inside a server, the server's store is used instead).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from peristiwa.api import WRITER_WAIT, Peristiwa
from peristiwa.settings import Settings
from peristiwa.store.connection import connection
from peristiwa.store.rows import Record
from peristiwa.store.writer import WriteReport

T = TypeVar("T")


class FileDatabase:
    def __init__(self, path: Path, settings: Settings | None = None) -> None:
        self.path = Path(path)
        self.settings = settings or Settings()
        self._lock = threading.Lock()  # one piece of work at a time: fetch threads and the notifier share it

    def run(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        with self._lock, connection(self.path, read_only=False, wait=WRITER_WAIT) as con:
            return work(con)

    def store(self, records: list[Record]) -> list[str]:
        """The store's write path for processed articles (one batch, one transaction); the ids that were new."""
        added: list[str] = []

        def collect(written: WriteReport) -> None:
            added.extend(written.added_ids)

        with self._lock:
            Peristiwa(self.path, self.settings).ingest_records(records, batch_size=len(records) or 1, on_batch=collect)
        return added
