"""Batch on a real local Dask cluster: same records as `extract`, resumable, bad articles quarantined."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from distributed import Client
from typer.testing import CliRunner

from peristiwa.batch import partitions, read_quarantine, read_records, run_batch
from peristiwa.batch.partitions import done_path, part_path
from peristiwa.cli import app
from peristiwa.settings import Settings
from tests.batch import failing_stage
from tests.batch.inputs import SAMPLES, seed_texts, variants, write_jsonl, write_warc


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seed folder, a JSONL export (sliced into several shards) and a WARC crawl."""
    folder = tmp_path_factory.mktemp("inputs")
    jsonl = write_jsonl(folder / "export.jsonl", variants(5))
    warc = write_warc(folder / "crawl.warc.gz", seed_texts()[:3])
    return [str(SAMPLES), str(jsonl), str(warc)]


@pytest.fixture(scope="module")
def extracted(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    out = tmp_path_factory.mktemp("extract") / "records.jsonl"
    result = CliRunner().invoke(app, ["extract", *inputs, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_batch_output_is_identical_to_extract(
    client: Client, inputs: list[str], extracted: list[dict[str, object]], tmp_path: Path
) -> None:
    report = run_batch(inputs, tmp_path / "out", client=client, shard_size=2)
    assert report.ok, report.summary()
    assert report.shards == 7  # 5 seed files in groups of 2+2+1, JSONL lines 2+2+1, the WARC whole
    records = list(read_records(tmp_path / "out"))
    assert len(records) == 13
    assert records == extracted


def test_load_stores_partitions_through_the_store(client: Client, inputs: list[str], tmp_path: Path) -> None:
    run_batch(inputs, tmp_path / "out", client=client, shard_size=4)
    result = CliRunner().invoke(app, ["load", str(tmp_path / "out"), "--db", str(tmp_path / "news.duckdb")])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(tmp_path / "news.duckdb"), read_only=True)
    ids = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
    merged = con.execute("SELECT count(*) FROM events").fetchone()
    assert ids == {record["id"] for record in read_records(tmp_path / "out")}
    assert merged is not None and merged[0] > 0


def test_resume_skips_finished_shards(client: Client, inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch(inputs, out, client=client, shard_size=3)
    again = run_batch(inputs, out, client=client, shard_size=3)
    assert (again.skipped, again.articles) == (first.shards, 0)
    redo = json.loads(next((out / "_done").glob("*.json")).read_text(encoding="utf-8"))["shard"]
    done_path(out, redo).unlink()
    part_path(out, redo).unlink()
    leftover = out / "parts" / f".{redo}.parquet.99999.tmp"  # what a worker killed while writing leaves
    leftover.write_bytes(b"PAR1 half a file")
    third = run_batch(inputs, out, client=client, shard_size=3)
    assert (third.skipped, third.shards) == (first.shards - 1, first.shards)
    assert third.articles == json.loads(done_path(out, redo).read_text(encoding="utf-8"))["articles"]
    assert not leftover.exists()
    assert len(list(read_records(out))) == first.articles


def test_an_article_a_stage_raises_on_is_quarantined(client: Client, tmp_path: Path) -> None:
    texts = variants(4)
    texts[1] = texts[1].replace("Artikel ini", f"Artikel ini ({failing_stage.MARKER})")
    jsonl = write_jsonl(tmp_path / "mixed.jsonl", texts)
    settings = Settings(stages=(*Settings().stages, "tests.batch.failing_stage"))
    (tmp_path / "empty.txt").write_bytes(b"")
    report = run_batch(
        [str(jsonl), str(tmp_path / "empty.txt")], tmp_path / "out", settings=settings, client=client, shard_size=2
    )
    assert (report.articles, report.quarantined, report.input_errors, report.failed) == (3, 1, 1, [])
    assert sorted(report.failures) == [
        f"{tmp_path / 'empty.txt'}: file is empty",
        f"{jsonl}:2: tests.batch.failing_stage: RuntimeError: test "
        f"stage refuses articles containing {failing_stage.MARKER}",
    ]
    assert (
        "3 article(s) processed in 3 shard(s), 0 shard(s) already done, 2 input(s) failed (1 of them because "
        "a stage failed), 0 shard(s) failed" in report.summary()
    )
    [entry] = [e for e in read_quarantine(tmp_path / "out") if e["stage"] != "ingest"]
    assert entry["stage"] == "tests.batch.failing_stage"
    assert entry["source"]["line"] == 2
    assert "RuntimeError: test stage refuses" in entry["error"]
    assert [r["source"]["line"] for r in read_records(tmp_path / "out")] == [1, 3, 4]


def test_unreadable_inputs_are_reported_and_the_rest_finish(client: Client, tmp_path: Path) -> None:
    jsonl = tmp_path / "broken.jsonl"
    jsonl.write_text('{"text": "' + seed_texts()[0].replace("\n", "\\n") + '"}\n{not json\n', encoding="utf-8")
    # Through the scheduler's address, as `--scheduler tcp://…` connects to an existing cluster.
    inputs = [str(jsonl), str(tmp_path / "missing.txt")]
    report = run_batch(inputs, tmp_path / "out", scheduler=client.scheduler.address)
    assert (report.articles, report.input_errors, len(report.errors)) == (1, 1, 1)
    assert "malformed JSON line" in read_quarantine(tmp_path / "out")[0]["error"]
    assert not report.ok


def test_a_big_shard_is_written_in_row_groups_and_read_back_in_order(
    extracted: list[dict[str, object]], tmp_path: Path
) -> None:
    records = [{**record, "id": f"{n:04d}"} for n in range(3) for record in extracted] * 3  # 117 records
    assert partitions.write_part(tmp_path, "big", iter(records)) == len(records)
    partitions.mark_done(tmp_path, "big", {"shard": "big"})
    assert pq.ParquetFile(partitions.part_path(tmp_path, "big")).num_row_groups == -(
        -len(records) // partitions.ROW_GROUP
    )
    assert list(read_records(tmp_path)) == records


def test_local_workers_are_single_threaded_processes_with_a_memory_ceiling(client: Client) -> None:
    workers = client.scheduler_info()["workers"].values()
    assert [(w["nthreads"], w["memory_limit"]) for w in workers] == [(1, 1_500_000_000)] * 2
    trim = client.run(lambda: __import__("os").environ.get("MALLOC_TRIM_THRESHOLD_"))
    assert set(trim.values()) == {None}  # glibc's own threshold: Dask's 65536 made spaCy ~17% slower here


def test_warm_up_loads_the_lazy_models_and_leaves_no_timings() -> None:
    from peristiwa.pipeline import Pipeline
    from peristiwa.stages.nlp import load_spacy
    from peristiwa.stages.nlp.language import _detector

    pipeline = Pipeline(Settings(stages=("clean", "nlp")))
    load_spacy.cache_clear()
    _detector.cache_clear()
    pipeline.warm_up()
    assert pipeline.timings == {}
    # The NER model and lingua's models (seconds to load) are in memory before any shard arrives.
    assert load_spacy.cache_info().currsize == 1 and _detector.cache_info().currsize == 1
