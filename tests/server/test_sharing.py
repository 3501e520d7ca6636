"""The server owns its database file; another process's writes reach the file through the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import httpx

from peristiwa.server.config import ServerOptions
from peristiwa.store.sidecar import live_server, sidecar_path
from tests.server.conftest import ROOT, TOKEN, ThreadServer, copy_db

# Another process writes one synthetic article through the Python API (what `peristiwa ingest` does).
WRITE_ONE = """
import os, sys
from peristiwa.api import Peristiwa
from peristiwa.store.synthetic import synthetic_records
token = os.environ.get("PERISTIWA_TOKEN") or None
report = Peristiwa(sys.argv[1], wait=0.5, token=token).ingest_records(list(synthetic_records(1, seed=int(sys.argv[2]))))
print(report.added)
"""
OPEN_AND_READ = "import sys\nfrom peristiwa.api import Peristiwa\nprint(Peristiwa(sys.argv[1], wait=0.5).counts())"
# `peristiwa query` in another process: its answers as JSON, to compare with what the server's own reads give.
QUERIES = """
import json, sys
from peristiwa.api import query
db, actor = sys.argv[1], sys.argv[2]
print(json.dumps({
    "counts": query(db, "counts"),
    "events": query(db, "events", actor=actor, limit=1500),
    "actor": query(db, "actor", id=actor),
    "stories": query(db, "stories", limit=3),
}))
"""


def run(code: str, *args: str, token: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PERISTIWA_TOKEN": token}
    command = [sys.executable, "-c", code, *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


def test_another_process_writes_through_the_server(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "shared.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False)) as served, served.client() as api:
        before = api.get("/v1/health").json()["counts"]["articles"]
        note = live_server(db)
        assert note is not None and note.url == served.url and note.pid == os.getpid()
        written = run(WRITE_ONE, str(db), "3")
        assert written.returncode == 0, written.stderr
        after = api.get("/v1/health").json()["counts"]["articles"]
    assert written.stdout.strip() == "1" and after == before + 1
    assert not sidecar_path(db).exists()  # removed when the server stopped


def test_a_served_file_is_refused_to_others_with_the_server_named(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "held.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False)) as served:
        assert httpx.get(f"{served.url}/v1/health").status_code == 200
        refused = run(OPEN_AND_READ, str(db))
    assert refused.returncode != 0 and "peristiwa query" in refused.stderr
    assert f"pid {os.getpid()}" in refused.stderr and served.url in refused.stderr, refused.stderr


def test_a_server_with_a_token_takes_writes_only_with_it(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "token.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False), token=TOKEN):
        without = run(WRITE_ONE, str(db), "4")
        with_token = run(WRITE_ONE, str(db), "4", token=TOKEN)
    assert without.returncode != 0 and "PERISTIWA_TOKEN" in without.stderr
    assert with_token.returncode == 0 and with_token.stdout.strip() == "1", with_token.stderr


def test_a_sidecar_left_by_a_dead_server_is_ignored(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "stale.duckdb")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    note = {"url": "http://127.0.0.1:9", "pid": int(dead.stdout), "started": 0, "db": str(db)}
    sidecar_path(db).write_text(json.dumps({**note, "max_body": 1000, "token_required": False}), encoding="utf-8")
    assert live_server(db) is None
    written = run(WRITE_ONE, str(db), "5")
    assert written.returncode == 0 and written.stdout.strip() == "1", written.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)


def test_queries_of_a_served_file_are_answered_by_the_server(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "asked.duckdb")
    with duckdb.connect(str(db), read_only=True) as con:
        actor, _ = con.execute(
            "SELECT actor, count(*) FROM (SELECT source AS actor FROM events UNION ALL SELECT target FROM events) "
            "WHERE actor IS NOT NULL GROUP BY actor ORDER BY count(*) DESC, actor LIMIT 1"
        ).fetchone() or ("", 0)
    with ThreadServer(db, ServerOptions(load_pipeline=False)) as served, served.client() as api:
        asked = run(QUERIES, str(db), actor)
        assert asked.returncode == 0, asked.stderr
        answers = json.loads(asked.stdout)
        assert answers["counts"] == [api.get("/v1/health").json()["counts"]]
        assert answers["actor"] == [api.get(f"/v1/actors/{actor}").json()]
        assert answers["stories"] == api.get("/v1/stories", params={"limit": 3}).json()["items"]
    with duckdb.connect(str(db), read_only=True) as con:
        events = con.execute("SELECT count(*) FROM events WHERE source = ? OR target = ?", [actor, actor]).fetchone()
    assert events and len(answers["events"]) == min(1500, events[0]) > 0
    assert all(actor in (event["source"], event["target"]) for event in answers["events"])
