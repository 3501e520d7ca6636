"""Where a write to a database file goes: to the server that owns the file, else into the file itself.

A running `peristiwa serve --db F` holds F read-write for its whole life and leaves a sidecar beside it
(store/sidecar.py). A command that writes to F — `peristiwa ingest`, and later `watch`, `kb`, `corrections`
— runs its own work in its own process and hands the finished rows over here:

    route = WriteRoute(db, token)
    route.store_records(records)      # → POST {server}/v1/records, or Writer into F in one transaction
    route.change("/v1/kb/entries", body, lambda con: ...)   # → the server's route, or the change on F

The choice is made again for every batch, so a server that starts, stops or is killed during a long run is
followed. docs/store.md explains the design.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
import httpx

from peristiwa.settings import KnowledgeOverlay, OverlayEntry, Settings
from peristiwa.store import knowledge
from peristiwa.store.connection import connection
from peristiwa.store.errors import ServerUnreachable, StoreError, WriteFailed
from peristiwa.store.linking import LinkOptions
from peristiwa.store.rows import Record
from peristiwa.store.sidecar import Sidecar, live_server, pid_alive
from peristiwa.store.writer import Writer, WriteReport, transaction

WRITER_WAIT = 120.0  # a writer waits longer than a reader for another process's lock on the file
READER_WINDOW = 0.05  # seconds a file writer stays off the file after each batch, so waiting readers get in
CONNECT_WAIT = 15.0  # seconds to wait for a server that has written its sidecar but does not listen yet
WRITE_TIMEOUT = 600.0  # one batch through the server: its merged events are rebuilt in the same transaction
BODY_SHARE = 0.8  # of the server's largest body, what one request carries (the rest is JSON around it)
Answer = dict[str, Any]  # a route's JSON answer, or what the same change answers on the file


@dataclass(slots=True)
class WriteRoute:
    """The write path for one database file; see the module docstring."""

    db: Path
    token: str | None = None
    settings: Settings = field(default_factory=Settings)
    options: LinkOptions = field(default_factory=LinkOptions)

    def server(self) -> Sidecar | None:
        """The live server that owns the file now, if any."""
        return live_server(self.db)

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored already."""
        served = self.server()
        if served is not None:
            found = ServerClient(served, self.token).post("/v1/records/known", {"ids": list(ids)})
            return set(found["known"])
        if not self.db.exists():
            return set()
        with connection(self.db, read_only=False, wait=WRITER_WAIT) as con:
            keys = list(set(ids))
            rows = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall()
        return {row[0] for row in rows}

    def with_overlay(self, settings: Settings) -> Settings:
        """`settings` with the database's knowledge overlay, so articles coded for this database are coded with the
        analysts' knowledge (`peristiwa kb`): from the server that owns the file, else from the file."""
        served = self.server()
        if served is not None:
            rows = ServerClient(served, self.token).get("/v1/kb/overlay")
            entries = tuple(OverlayEntry(r["kind"], r["key"], r["body"]) for r in rows)
            return replace(settings, overlay=KnowledgeOverlay(entries))
        if not self.db.exists():
            return settings
        with connection(self.db, read_only=False, wait=WRITER_WAIT) as con:
            return knowledge.with_overlay(con, settings)

    def store_records(self, records: Sequence[Record]) -> WriteReport:
        """Store extract records: through the server that owns the file, else into it, in one transaction."""
        served = self.server()
        if served is not None:
            return _records_to_server(ServerClient(served, self.token), records)
        with connection(self.db, read_only=False, wait=WRITER_WAIT) as con:
            written = Writer(con, self.settings.data_dir, self.options).write(records, where=str(self.db))
        time.sleep(READER_WINDOW)  # readers in other processes get the file between batches
        return written

    def change(self, path: str, body: dict[str, Any], local: Callable[[duckdb.DuckDBPyConnection], Answer]) -> Answer:
        """A change of the analysts' knowledge or corrections, or a re-code: `POST path` with `body` to the server
        that owns the file (it runs the change as a job of its one writer), else `local(con)` on the file. These
        changes keep their own transactions (store/knowledge.py, corrections.py, recode.py); `local` answers what
        the server's route answers."""
        served = self.server()
        if served is not None:
            answer: Answer = ServerClient(served, self.token).post(path, body)
            return answer
        with connection(self.db, read_only=False, wait=WRITER_WAIT) as con:
            return local(con)

    def read(self, path: str, local: Callable[[duckdb.DuckDBPyConnection], Answer]) -> Answer:
        """A read a write needs first (the entry an edit starts from): `GET path` of the server, else on the file."""
        served = self.server()
        if served is not None:
            answer: Answer = ServerClient(served, self.token).get(path)
            return answer
        with connection(self.db, read_only=False, wait=WRITER_WAIT) as con:
            return local(con)

    @contextmanager
    def local_transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """For a write that has no server route: the file itself in one transaction; refused while served."""
        served = self.server()
        if served is not None:
            raise StoreError(
                self.db,
                f"is served by {served.describe()}; send this write through its API, or stop the server first",
            )
        with connection(self.db, read_only=False, wait=WRITER_WAIT) as con, transaction(con, str(self.db)):
            yield con


@dataclass(frozen=True, slots=True)
class ServerClient:
    """Token-authenticated POSTs to the server that owns a database, with errors that say what to do."""

    served: Sidecar
    token: str | None = None

    def get(self, path: str) -> Any:
        try:
            response = httpx.get(self.served.url + path, timeout=WRITE_TIMEOUT)
        except httpx.TransportError as error:
            raise self._unreachable(error) from error
        if response.status_code >= 400:
            raise self._refused(response)
        return response.json()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        deadline = time.monotonic() + CONNECT_WAIT
        while True:
            try:
                response = httpx.post(self.served.url + path, json=body, headers=headers, timeout=WRITE_TIMEOUT)
                break
            except httpx.TransportError as error:
                if time.monotonic() >= deadline or not pid_alive(self.served.pid):
                    raise self._unreachable(error) from error
                time.sleep(0.2)
        if response.status_code >= 400:
            raise self._refused(response)
        return response.json()

    def _unreachable(self, error: Exception) -> StoreError:
        if not pid_alive(self.served.pid):
            return ServerUnreachable(
                self.served.db,
                f"{self.served.describe()} stopped during the write ({error}); nothing of this batch is stored "
                "unless the server committed it: run the same command again (stored articles are skipped)",
            )
        return ServerUnreachable(
            self.served.db,
            f"is owned by {self.served.describe()}, which does not answer ({error}); wait for it, or stop it "
            f"(kill {self.served.pid}) and run the command again to write into the file directly",
        )

    def _refused(self, response: httpx.Response) -> StoreError:
        try:
            message = str(response.json()["error"]["message"])
        except (ValueError, KeyError, TypeError):
            message = response.text[:300]
        where = self.served.db
        if response.status_code == 401:
            return StoreError(
                where,
                f"is served by {self.served.describe()}, which needs its write token: set PERISTIWA_TOKEN "
                "(or pass --token) to the token the server was started with",
            )
        return WriteFailed(where, f"{self.served.describe()} refused the write ({response.status_code}): {message}")


def _records_to_server(client: ServerClient, records: Sequence[Record]) -> WriteReport:
    report = WriteReport()
    for part in _parts(records, int(client.served.max_body * BODY_SHARE), client.served):
        answer = client.post("/v1/records", {"records": part})
        report.update(
            WriteReport(answer["added"], answer["replaced"], answer["skipped"], answer["events"], answer["added_ids"])
        )
    return report


def _parts(records: Sequence[Record], most_bytes: int, served: Sidecar) -> Iterator[list[Record]]:
    """Records in groups whose JSON fits in one request body of the server."""
    part: list[Record] = []
    size = 0
    for record in records:
        length = len(json.dumps(record, ensure_ascii=False, default=str).encode())
        if length > most_bytes:
            raise WriteFailed(
                served.db,
                f"article {record.get('id')} makes a {length}-byte record, more than {served.describe()} takes "
                f"in one request ({served.max_body} bytes); restart it with a larger --max-body",
            )
        if part and size + length > most_bytes:
            yield part
            part, size = [], 0
        part.append(record)
        size += length
    if part:
        yield part
