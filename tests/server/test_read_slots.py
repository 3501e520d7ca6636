"""The server's reads take at most READ_SLOTS cores: the others wait their turn, never for a write."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from peristiwa.server import store as server_store
from peristiwa.server.store import ServerStore


def test_reads_beyond_the_slots_wait_and_a_read_inside_a_read_keeps_its_slot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_store, "READ_SLOTS", 2)
    store = ServerStore(tmp_path / "slots.duckdb")
    store.open()
    running, most = 0, 0
    lock = threading.Lock()

    def slow_read(_: object) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return store.read(lambda con: con.execute("SELECT 1").fetchone()[0])  # type: ignore[index]

    try:
        threads = [threading.Thread(target=store.read, args=(slow_read,)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads)  # the nested reads did not wait for a slot
        assert most == 2
        written = store.write(lambda con: con.execute("SELECT 2").fetchone()[0])  # type: ignore[index]
        assert written == 2
    finally:
        store.close()
