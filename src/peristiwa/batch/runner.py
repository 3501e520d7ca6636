"""Run a batch: plan shards, skip the finished ones, send the rest to Dask, collect what they report."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peristiwa.batch import partitions
from peristiwa.batch.shards import DEFAULT_SHARD_SIZE, Shard, plan_shards
from peristiwa.batch.worker import process_shard
from peristiwa.errors import InputError, PeristiwaError
from peristiwa.settings import Settings

if TYPE_CHECKING:  # Dask is imported when a batch runs, not each time the CLI starts
    from distributed import Client, LocalCluster

MEMORY_LIMIT = "1.5GB"  # per worker: the nanny restarts a worker above it and its shard is run again
TASK_RETRIES = 1  # a shard whose task raised (not a stage: those are quarantined) is tried once more


@dataclass(slots=True)
class BatchReport:
    shards: int = 0
    skipped: int = 0  # finished in an earlier run
    articles: int = 0
    quarantined: int = 0
    input_errors: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)  # "shard: error" for shards that could not be run
    errors: list[str] = field(default_factory=list)  # inputs that could not even be planned
    failures: list[str] = field(default_factory=list)  # "where: reason" of each input a shard could not use
    not_read: list[str] = field(default_factory=list)  # "where: why" for files a walk passed over (README …)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def add(self, summary: dict[str, Any]) -> None:
        self.articles += summary["articles"]
        self.quarantined += summary["quarantined"]
        self.input_errors += summary["input_errors"]
        self.failures += summary.get("failures", [])
        for stage, seconds in summary.get("stage_seconds", {}).items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    @property
    def ok(self) -> bool:
        return not (self.failed or self.errors or self.input_errors)

    @property
    def inputs_failed(self) -> int:
        """Inputs that gave no record: unplannable, unreadable, or set aside because a stage raised."""
        return len(self.errors) + self.input_errors + self.quarantined

    def summary(self) -> str:
        stage = f" ({self.quarantined} of them because a stage failed)" if self.quarantined else ""
        return (
            f"{self.articles} article(s) processed in {self.shards - self.skipped} shard(s), {self.skipped} "
            f"shard(s) already done, {self.inputs_failed} input(s) failed{stage}, {len(self.failed)} shard(s) "
            f"failed; {self.seconds:.1f}s"
        )


def run_batch(
    inputs: Iterable[str],
    out: Path,
    settings: Settings | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    shard_size: int = DEFAULT_SHARD_SIZE,
    client: Client | None = None,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BatchReport:
    """Process `inputs` on a cluster into partitions under `out`; shards already done there are skipped."""
    started = time.perf_counter()
    settings = settings or Settings()
    report = BatchReport()
    shards = _plan(inputs, shard_size, report, workers)
    out.mkdir(parents=True, exist_ok=True)
    partitions.remove_leftovers(out)
    partitions.update_manifest(out, [shard.id for shard in shards], shard_size)
    partitions.pin_overlay(out, settings.overlay)
    todo = [shard for shard in shards if partitions.done_summary(out, shard.id) is None]
    report.shards, report.skipped = len(shards), len(shards) - len(todo)
    if on_plan:
        on_plan(len(todo))
    if todo:
        with _connect(client, scheduler, workers) as connected:
            _run_shards(connected, todo, out, settings, report, on_shard)
    report.seconds = time.perf_counter() - started
    return report


def _plan(inputs: Iterable[str], shard_size: int, report: BatchReport, workers: int) -> list[Shard]:
    shards: list[Shard] = []
    skipped = report.not_read.append
    for item in plan_shards(inputs, shard_size, lambda where, why: skipped(f"{where}: {why}"), workers):
        if isinstance(item, InputError):
            report.errors.append(f"{item.where}: {item.reason}")
        else:
            shards.append(item)
    return shards


def _run_shards(
    client: Client,
    todo: list[Shard],
    out: Path,
    settings: Settings,
    report: BatchReport,
    on_shard: Callable[[dict[str, Any]], None] | None,
) -> None:
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]  # fresh task keys, so a long-lived cluster never hands back an old result
    futures = {
        client.submit(
            process_shard, shard, str(out.resolve()), settings, key=f"shard-{shard.id}-{run}", retries=TASK_RETRIES
        ): shard
        for shard in todo
    }
    for future in as_completed(futures):
        try:
            summary = future.result()
        except Exception as error:  # noqa: BLE001 - a shard that cannot run is reported, the others go on
            report.failed.append(
                f"{futures[future].id} ({', '.join(futures[future].paths)[:200]}): {type(error).__name__}: {error}"
            )
            continue
        report.add(summary)
        if on_shard:
            on_shard(summary)


@contextmanager
def _connect(client: Client | None, scheduler: str | None, workers: int) -> Iterator[Client]:
    """The caller's client, a client of an existing cluster, or a local cluster made for this batch."""
    from distributed import Client

    if client is not None:
        yield client
    elif scheduler:
        with _remote(scheduler) as remote:
            yield remote
    else:
        with local_cluster(workers) as cluster, Client(cluster) as local:
            yield local


def _remote(scheduler: str) -> Client:
    from distributed import Client

    try:
        return Client(scheduler)  # waits up to Dask's distributed.comm.timeouts.connect (30 s by default)
    except (OSError, TimeoutError) as error:
        raise PeristiwaError(
            f"cannot reach the Dask scheduler at {scheduler} ({error}); check the address, or "
            "leave out --scheduler to run a local cluster"
        ) from error


def local_cluster(workers: int) -> LocalCluster:
    """Worker processes with one thread each (the pipeline is CPU-bound Python) and a memory ceiling."""
    import dask
    from distributed import LocalCluster

    # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in workers, so glibc hands memory back after each free; spaCy's many
    # short-lived arrays then cost ~35% more time (NER 24.7 → 33.0 ms per seed article). The 1.5 GB limit bounds
    # memory anyway, so the workers keep glibc's own threshold. Dask's statistical profiler samples the task
    # thread's stack every 10 ms for the dashboard; off, a worker runs the pipeline ~4% faster.
    settings = {
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
        "distributed.worker.profile.enabled": False,
    }
    with dask.config.set(settings):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=MEMORY_LIMIT,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )  # any free port: hosts are shared
