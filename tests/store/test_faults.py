"""Bad files and faults: clear one-line errors, nothing lost, kill -9 and a full disk survived."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.store.connection import connect
from peristiwa.store.errors import DatabaseCorrupt, DatabaseLocked, DatabaseMissing, DatabaseReadOnly
from tests.store.conftest import ROOT, corpus, dump, worker

ARTICLES, BATCH = 240, 20


def test_corrupt_file_is_named_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "broken.duckdb"
    db.write_bytes(b"not a database " * 500)
    before = db.read_bytes()
    with pytest.raises(DatabaseCorrupt) as caught:
        Peristiwa(db).ingest_records(corpus())
    message = str(caught.value)
    assert "broken.duckdb" in message and "backup" in message and "\n" not in message
    assert db.read_bytes() == before


@pytest.mark.parametrize("keep", [0.5, 0.01])
def test_truncated_file_is_named_damaged_and_left_untouched(filled: Peristiwa, keep: float) -> None:
    with filled.db.open("r+b") as handle:  # a real database cut short, as by an interrupted copy
        handle.truncate(int(filled.db.stat().st_size * keep))
    before = filled.db.read_bytes()
    for attempt in (lambda: filled.ingest_records(corpus()), filled.counts):
        with pytest.raises(DatabaseCorrupt) as caught:
            attempt()
        assert caught.value.code == "P402"
        assert "cut short" in str(caught.value) and "left untouched" in str(caught.value)
    assert filled.db.read_bytes() == before


def test_read_only_file_is_refused_without_writing(filled: Peristiwa) -> None:
    before = dump(filled.db)
    os.chmod(filled.db, 0o444)
    try:
        with pytest.raises(DatabaseReadOnly, match="chmod u\\+w"):
            filled.ingest_records(corpus()[:1] + [{**corpus()[0], "id": "feedfacefeedface", "text": "lain"}])
        assert filled.counts()["articles"] == 4  # reading a read-only file still works
    finally:
        os.chmod(filled.db, 0o644)
    assert dump(filled.db) == before


def test_missing_database_for_reading(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="peristiwa ingest"):
        Peristiwa(tmp_path / "nothing.duckdb").counts()


def test_locked_file_names_the_holder(filled: Peristiwa) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(filled.db)!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatabaseLocked) as caught:
            connect(filled.db, read_only=True, wait=0.3)
        assert f"process {holder.pid}" in str(caught.value) and "try again" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_killed_ingest_restarted_gives_the_same_database(tmp_path: Path) -> None:
    whole, killed = tmp_path / "whole.duckdb", tmp_path / "killed.duckdb"
    assert worker(whole, ARTICLES, BATCH).wait(timeout=120) == 0
    run = worker(killed, ARTICLES, BATCH)
    assert run.stdout
    for _ in range(3):  # let three batches commit, then kill inside the fourth
        assert run.stdout.readline().startswith("batch")
    time.sleep(0.1)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    partial = Peristiwa(killed).counts()["articles"]
    assert 0 < partial < ARTICLES
    assert worker(killed, ARTICLES, BATCH).wait(timeout=120) == 0
    assert dump(killed) == dump(whole)


def test_readers_query_while_an_ingest_runs(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    Peristiwa(db).ingest_records(corpus())
    run = worker(db, ARTICLES, BATCH)
    seen = []
    while run.poll() is None:
        seen.append(Peristiwa(db, wait=30).counts()["articles"])
    assert run.returncode == 0
    assert len(seen) >= 3 and seen == sorted(seen)
    assert len(set(seen)) >= 2  # the readers saw batches land one by one


def test_full_disk_fails_cleanly_and_keeps_the_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "full.duckdb"
    Peristiwa(db).ingest_records(corpus())
    with duckdb.connect(str(db)) as con:
        con.execute("CHECKPOINT")
    before = dump(db)
    limit = 32 * 1024  # no file may grow past 32 KB: the batch's write-ahead log hits it at commit
    run = worker(db, 200, 200, str(limit))
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 1
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "full.duckdb" in lines[0] and "rolled back" in lines[0]
    assert dump(db) == before
