"""What a Dask task runs: one shard through the pipeline into its partition files.

The pipeline (NER model, language detector, knowledge base) is built once per worker process and kept,
because building it costs seconds and a worker runs many shards.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from peristiwa.batch import partitions
from peristiwa.batch.shards import Shard, read_shard
from peristiwa.errors import InputError
from peristiwa.model import to_record
from peristiwa.pipeline import Pipeline, StageFailed, where
from peristiwa.settings import Settings
from peristiwa.stages.ingest import RawArticle, article_id

_PIPELINES: dict[Settings, Pipeline] = {}
Entry = dict[str, Any]


def pipeline_for(settings: Settings) -> Pipeline:
    """This process's pipeline for these settings, built on first use."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings, strict=True)
    return _PIPELINES[settings]


def warm_up(settings: Settings) -> int:
    """Build the pipeline now and load every model it loads lazily; returns the process id.

    Submit it as a task pinned to each worker, not with `client.run`: that runs in another thread than the
    tasks, and a pipeline built there ran ~1.5× slower in the task thread (measured, 120 articles).
    """
    pipeline_for(settings).warm_up()
    return os.getpid()


def process_shard(shard: Shard, out: str, settings: Settings) -> dict[str, Any]:
    """Run one shard and write its partition, quarantine and done-marker; a finished shard is not redone."""
    folder = Path(out)
    earlier = partitions.done_summary(folder, shard.id)
    if earlier is not None:
        return earlier
    started = time.perf_counter()
    pipeline = pipeline_for(settings)
    before = dict(pipeline.timings)
    quarantined: list[Entry] = []
    written = partitions.write_part(folder, shard.id, _records(shard, pipeline, settings.max_bytes, quarantined))
    if quarantined:
        partitions.write_lines(partitions.quarantine_path(folder, shard.id), quarantined)
    summary = {
        "shard": shard.id,
        "paths": list(shard.paths),
        "start": shard.start,
        "stop": shard.stop,
        "articles": written,
        "quarantined": sum(1 for q in quarantined if q["stage"] != "ingest"),
        "input_errors": sum(1 for q in quarantined if q["stage"] == "ingest"),
        "failures": [_failure_line(q) for q in quarantined],
        "seconds": time.perf_counter() - started,
        "pid": os.getpid(),
        "stage_seconds": {name: pipeline.timings[name] - before.get(name, 0.0) for name in pipeline.timings},
    }
    partitions.mark_done(folder, shard.id, summary)
    return summary


def _records(shard: Shard, pipeline: Pipeline, max_bytes: int, quarantined: list[Entry]) -> Iterator[Entry]:
    """Records one by one; articles that cannot be processed are added to `quarantined` instead."""
    for item in read_shard(shard, max_bytes):
        if isinstance(item, InputError):
            quarantined.append({"shard": shard.id, "stage": "ingest", "where": item.where, "error": item.reason})
            continue
        try:
            record = to_record(pipeline.extract(item))
        except InputError as error:  # no article body
            quarantined.append({"shard": shard.id, "stage": "ingest", "where": error.where, "error": error.reason})
        except StageFailed as failure:
            quarantined.append(_quarantine_entry(shard, item, failure.stage, failure.error))
        except Exception as error:  # noqa: BLE001 - outside any stage (ids, the record): still one article
            quarantined.append(_quarantine_entry(shard, item, "pipeline", error))
        else:
            yield record


def _failure_line(entry: Entry) -> str:
    """ "where: reason", as `extract` prints a failed input; with the stage when a stage raised."""
    stage = "" if entry["stage"] == "ingest" else f"{entry['stage']}: "
    return f"{entry['where']}: {stage}{entry['error']}"


def _quarantine_entry(shard: Shard, raw: RawArticle, stage: str, error: Exception) -> Entry:
    return {
        "shard": shard.id,
        "id": article_id(raw.text),
        "where": where(raw.source),
        "source": asdict(raw.source),
        "stage": stage,
        "error": f"{type(error).__name__}: {error}",
        "traceback": "".join(traceback.format_exception(error)),
    }
