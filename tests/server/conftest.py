"""Real servers for the API tests: `peristiwa serve` in a subprocess on a DuckDB file built from the seeds."""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from peristiwa.api import Peristiwa
from peristiwa.model import Document, to_record
from peristiwa.server.app import create_app
from peristiwa.server.config import ServerOptions

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token-7f3a"
START_WAIT = 120.0  # seconds: the subprocess loads spaCy and the NER model on a shared 2-core machine


@dataclass(frozen=True)
class Served:
    url: str  # http://127.0.0.1:PORT
    db: Path
    token: str | None
    log: Path | None = None  # the server's standard error, for a CLI server

    def client(self, auth: bool = False) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if auth and self.token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60.0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seed_docs: dict[str, Document]) -> Path:
    """A database file holding the five seed articles, written by the store's own writer."""
    db = tmp_path_factory.mktemp("server") / "seeds.duckdb"
    Peristiwa(db).ingest_records([to_record(doc) for doc in seed_docs.values()])
    return db


def copy_db(db: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(db, target)
    return target


def start_cli_server(db: Path, token: str | None, *extra: str) -> tuple[subprocess.Popen[bytes], Served]:
    port = free_port()
    env = {**os.environ, "PERISTIWA_TOKEN": token or ""}
    log = db.with_suffix(".log")
    with log.open("wb") as errors:  # a file, not a pipe: nobody drains a pipe, and a full one blocks the server
        process = subprocess.Popen(
            [sys.executable, "-m", "peristiwa", "serve", "--db", str(db), "--port", str(port), *extra],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    served = Served(f"http://127.0.0.1:{port}", db, token, log)
    _wait_ready(process, served)
    return process, served


def _wait_ready(process: subprocess.Popen[bytes], served: Served) -> None:
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            message = served.log.read_text(encoding="utf-8") if served.log else ""
            raise RuntimeError(f"server exited with {process.returncode}: {message}")
        try:
            if httpx.get(f"{served.url}/v1/health", timeout=2).status_code == 200:
                return  # reads are served; the pipeline goes on loading and extract requests wait for it
        except (httpx.HTTPError, KeyError, ValueError):
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"server at {served.url} not ready after {START_WAIT:g}s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`peristiwa serve` with a token (so writes need it) on a copy of the seed database.

    One server for the whole session (each loads the NER model): tests that add articles use new texts,
    and tests that read compare against the seed records, not against fixed totals.
    """
    db = copy_db(seed_db, tmp_path_factory.mktemp("served"), "served.duckdb")
    process, served = start_cli_server(db, TOKEN)
    yield served
    stop(process)


class ThreadServer:
    """The app in a uvicorn server on a thread of this process: for options the CLI does not expose."""

    def __init__(self, db: Path, options: ServerOptions, token: str | None = None) -> None:
        port = free_port()
        options = dataclasses.replace(options, url=options.url or f"http://127.0.0.1:{port}")  # its sidecar
        app = create_app(db, token=token, options=options)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.served = Served(f"http://127.0.0.1:{port}", db, token)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the threaded server did not start")
            time.sleep(0.05)
        return self.served

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
