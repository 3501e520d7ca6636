"""`peristiwa serve --watch`: the watcher and the alert notifier on threads of the server process.

The server holds the database file, so the watcher writes through the server's store (the same path as
POST /v1/articles) and its articles are in /v1/events as soon as their batch is committed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import duckdb

from peristiwa.server.extractor import Extractor
from peristiwa.server.store import ServerStore
from peristiwa.store.rows import Record
from peristiwa.watch.alerts import Notifier
from peristiwa.watch.sources import expand_sources
from peristiwa.watch.watcher import Watcher, WatchOptions

T = TypeVar("T")
STOP_WAIT = 15.0  # seconds the server waits at exit for the watcher to finish the step it is in
logger = logging.getLogger("peristiwa.watch")


class ServerDatabase:
    """The watcher's `Database` inside the server: state and articles go through the server's store."""

    def __init__(self, store: ServerStore) -> None:
        self.store_ = store

    def run(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        return self.store_.run_write(work)

    def read(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        return self.store_.read(work)

    def store(self, records: list[Record]) -> list[str]:
        return self.store_.store_records(records).added_ids


class ServerWatch:
    """Started and stopped with the app; `notifier` also serves the watch-list routes (deliver now)."""

    def __init__(
        self, store: ServerStore, extractor: Extractor, sources: tuple[str, ...], options: WatchOptions
    ) -> None:
        self.sources = sources
        self.options = options
        self.database = ServerDatabase(store)
        self.notifier = Notifier(self.database, _log)
        self.watcher = Watcher(self.database, extractor.extract_raw, options, _log, self.notifier.wake)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        urls, problems = expand_sources(list(self.sources))
        for problem in problems:
            _log(f"error: {problem}")
        self._threads = [threading.Thread(target=self.notifier.run, args=(self._stop,), name="peristiwa-alerts")]
        if urls or self.sources:
            self._threads.append(
                threading.Thread(target=self.watcher.run, args=(self._stop, urls), name="peristiwa-watch")
            )
        for thread in self._threads:
            thread.daemon = True  # a stuck webhook or feed must not keep the server from exiting …
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.notifier.wake()
        for thread in self._threads:  # … but a thread left inside DuckDB at exit would abort the process
            thread.join(timeout=STOP_WAIT)
        self.watcher.close()


def _log(message: str) -> None:
    if message.startswith("error: "):
        logger.warning(message.removeprefix("error: "))
    else:
        logger.info(message)
