"""`kill -9` of a Dask worker in the middle of a batch: the batch still finishes, every article exactly once."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow.parquet as pq
from distributed import Client

from peristiwa.batch import run_batch
from peristiwa.batch.runner import local_cluster
from peristiwa.stages.ingest import article_id
from tests.batch.inputs import variants, write_jsonl

ARTICLES = 40
SHARD_SIZE = 2


def _wait_for(condition: Callable[[], bool], seconds: float = 90.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.05)


def _busy_worker_pid(client: Client) -> int:
    """The process id of a worker that has a shard in hand (the scheduler says which; the worker says its pid)."""
    busy = [address for address, keys in client.processing().items() if keys]
    assert busy, "no worker is processing a shard"
    return int(client.run(os.getpid, workers=busy[:1])[busy[0]])


def test_killing_a_worker_mid_batch_loses_and_repeats_nothing(tmp_path: Path) -> None:
    texts = variants(ARTICLES)
    jsonl = write_jsonl(tmp_path / "many.jsonl", texts)
    out = tmp_path / "out"
    done = out / "_done"
    with local_cluster(2) as cluster, Client(cluster) as client, ThreadPoolExecutor(1) as pool:
        running = pool.submit(run_batch, [str(jsonl)], out, client=client, shard_size=SHARD_SIZE)
        _wait_for(lambda: done.is_dir() and len(list(done.glob("*.json"))) >= 2)
        victim = _busy_worker_pid(client)
        os.kill(victim, signal.SIGKILL)
        finished_at_kill = len(list(done.glob("*.json")))
        report = running.result(timeout=180)
        assert victim not in client.run(os.getpid).values()  # the nanny replaced the killed worker
    assert finished_at_kill < ARTICLES // SHARD_SIZE  # the kill really came mid-batch
    assert (report.articles, report.failed, report.quarantined) == (ARTICLES, [], 0)
    stored = Counter(i for part in (out / "parts").glob("*.parquet") for i in pq.read_table(part)["id"].to_pylist())
    assert set(stored) == {article_id(text) for text in texts}
    assert set(stored.values()) == {1}
