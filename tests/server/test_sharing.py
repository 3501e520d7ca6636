"""The server lets go of the database file when idle, so `peristiwa ingest` in another process can write."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from peristiwa.server.config import ServerOptions
from tests.server.conftest import ROOT, ThreadServer, copy_db

# Another process writes one synthetic article through the store's writer (what `peristiwa ingest` does).
WRITE_ONE = """
import sys
from peristiwa.api import Peristiwa
from peristiwa.store.synthetic import synthetic_records
report = Peristiwa(sys.argv[1], wait=0.5).ingest_records(list(synthetic_records(1, seed=int(sys.argv[2]))))
print(report.added)
"""
OPEN_FOR_WRITING = "import duckdb, sys; duckdb.connect(sys.argv[1]).close()"


def run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_another_process_writes_while_the_server_idles(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "shared.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False, idle_release=0.3)) as served, served.client() as api:
        before = api.get("/v1/health").json()["counts"]["articles"]
        time.sleep(1.0)  # idle: the server closes its connection
        written = run(WRITE_ONE, str(db), "3")
        assert written.returncode == 0, written.stderr
        after = api.get("/v1/health").json()["counts"]["articles"]
    assert written.stdout.strip() == "1" and after == before + 1


def test_without_idle_release_the_file_stays_held(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "held.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False, idle_release=None)) as served:
        assert httpx.get(f"{served.url}/v1/health").status_code == 200
        time.sleep(0.5)
        refused = run(OPEN_FOR_WRITING, str(db))
    assert refused.returncode != 0 and "lock" in refused.stderr.lower()
