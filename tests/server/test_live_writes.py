"""Writes while people read, on a real server (issue 21): `peristiwa ingest --db F` into the database that
`peristiwa serve --db F` owns, with eight clients reading /v1/events all the time, and kill -9 of either
writing process in the middle of it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import httpx

from peristiwa.settings import DEFAULT_MAX_BYTES
from peristiwa.stages.ingest import RawArticle, article_id, read_inputs
from tests.server.conftest import ROOT, TOKEN, Served, copy_db, start_cli_server, stop

DEV_RAW = ROOT / "corpus" / "dev" / "raw"
ARTICLES = 24  # real dev articles: enough for several batches of BATCH
BATCH = 3
READERS = 8
READS = ("/v1/events?limit=50", "/v1/events?limit=20&offset=10", "/v1/events?quad=V-coop", "/v1/events?text=presiden")


def some_articles(folder: Path) -> tuple[Path, set[str]]:
    folder.mkdir()
    for path in sorted(DEV_RAW.glob("*.txt"))[:ARTICLES]:
        shutil.copy(path, folder / path.name)
    ids = {
        article_id(item.text) for item in read_inputs([str(folder)], DEFAULT_MAX_BYTES) if isinstance(item, RawArticle)
    }
    return folder, ids


class Readers:
    """Clients that read /v1/events back to back until stopped, keeping every failure."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.errors: list[str] = []
        self.reads = 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(READERS)]

    def _read(self, number: int) -> None:
        with self.served.client() as api:
            while not self._stop.is_set():
                path = READS[(number + self.reads) % len(READS)]
                try:
                    response = api.get(path)
                    if response.status_code != 200 or "items" not in response.json():
                        self.errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                except httpx.HTTPError as error:
                    self.errors.append(f"{path}: {error!r}")
                self.reads += 1

    @contextmanager
    def running(self) -> Iterator[Readers]:
        for thread in self._threads:
            thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            for thread in self._threads:
                thread.join(timeout=60)


def ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "peristiwa", "ingest", str(folder), "--db", str(db), "--batch-size", str(BATCH)]
    env = {**os.environ, "PERISTIWA_TOKEN": TOKEN}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def articles_served(served: Served) -> int:
    return int(httpx.get(f"{served.url}/v1/health", timeout=30).json()["counts"]["articles"])


def kill_after_first_batch(process: subprocess.Popen[bytes], served: Served, before: int) -> None:
    deadline = time.monotonic() + 300
    while articles_served(served) < before + BATCH:
        assert process.poll() is None, f"ingest ended before it could be killed: {process.stderr}"
        assert time.monotonic() < deadline, "no batch reached the server"
        time.sleep(0.1)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def finish(process: subprocess.Popen[bytes]) -> None:
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors.decode()


def assert_stored_once(db: Path, ids: set[str]) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        stored = [row[0] for row in con.execute("SELECT id FROM articles").fetchall()]
        doubled = con.execute(
            "SELECT count(*) FROM (SELECT article_id, mention_id FROM event_mentions GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()
        prints = con.execute("SELECT count(*) - count(DISTINCT article_id) FROM fingerprints").fetchone()
    assert len(stored) == len(set(stored)) and ids <= set(stored)
    assert doubled == (0,) and prints == (0,)


def test_ingest_into_a_served_database_while_eight_clients_read(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "live.duckdb")
    folder, ids = some_articles(tmp_path / "articles")
    server, served = start_cli_server(db, TOKEN)
    try:
        before = articles_served(served)
        with Readers(served).running() as readers:
            killed = ingest(folder, db)  # the client that sends the records dies mid-run …
            kill_after_first_batch(killed, served, before)
            finish(ingest(folder, db))  # … and the same command again stores the rest
            reads_during_ingest = readers.reads
        assert readers.errors == [] and reads_during_ingest > READERS
        assert articles_served(served) == before + len(ids)
    finally:
        stop(server)
    assert_stored_once(db, ids)


def test_kill_9_of_the_server_while_it_writes(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "killed.duckdb")
    folder, ids = some_articles(tmp_path / "articles")
    server, served = start_cli_server(db, TOKEN)
    before = articles_served(served)
    writer = ingest(folder, db)
    kill_after_first_batch(server, served, before)  # the process that owns the file dies mid-run
    writer.communicate(timeout=600)  # it reports the lost server and exits (or finishes into the file)
    server, served = start_cli_server(db, TOKEN)  # the stale sidecar is replaced, the file recovered
    try:
        finish(ingest(folder, db))
        assert articles_served(served) == before + len(ids)
    finally:
        stop(server)
    assert_stored_once(db, ids)
