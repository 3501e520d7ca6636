"""`peristiwa batch` and `peristiwa load` as the user runs them (their own local cluster)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dask
from typer.testing import CliRunner

from peristiwa.batch import read_records
from peristiwa.cli import app
from tests.batch.inputs import SAMPLES


def test_batch_then_load_from_the_command_line(tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "news.duckdb"
    ran = CliRunner().invoke(app, ["batch", str(SAMPLES), "--out", str(out), "--workers", "1", "--shard-size", "2"])
    assert ran.exit_code == 0, ran.output
    assert "5 article(s) processed in 3 shard(s), 0 shard(s) already done" in ran.output
    again = CliRunner().invoke(app, ["batch", str(SAMPLES), "--out", str(out), "--shard-size", "2"])
    assert again.exit_code == 0 and "0 article(s) processed in 0 shard(s), 3 shard(s) already done" in again.output
    loaded = CliRunner().invoke(app, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0 and "5 article(s) stored" in loaded.output
    assert len(list(read_records(out))) == 5


def test_five_samples_on_two_workers_use_both_and_failed_inputs_are_listed(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(SAMPLES, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "README.md").write_text("# Artikel\n\nBerita untuk diuji.\n", encoding="utf-8")
    ran = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "2"])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 1, ran.output
    assert f"error: {folder / 'empty.txt'}: file is empty" in output
    assert f"skipped: {folder / 'README.md'}: not an article" in output
    assert (
        "5 article(s) processed in 2 shard(s), 0 shard(s) already done, 1 input(s) failed, 0 shard(s) failed" in output
    )
    done = [json.loads(marker.read_text(encoding="utf-8")) for marker in (out / "_done").glob("*.json")]
    assert sorted(d["articles"] + d["input_errors"] for d in done) == [3, 3]
    assert len({d["pid"] for d in done}) == 2  # each worker had a shard


def test_another_shard_size_on_the_same_folder_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "_manifest.json").write_text('{"shard_size": 100, "shards": []}', encoding="utf-8")
    ran = CliRunner().invoke(app, ["batch", str(SAMPLES), "--out", str(out), "--shard-size", "7"])
    assert ran.exit_code == 2
    assert "written with shard size 100, not 7; rerun with --shard-size 100" in " ".join(ran.output.split())


def test_load_refuses_a_folder_that_is_not_batch_output(tmp_path: Path) -> None:
    ran = CliRunner().invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "news.duckdb")])
    assert ran.exit_code == 1
    assert "is not a batch output folder" in " ".join(ran.output.split())


def test_an_unreachable_scheduler_is_reported(tmp_path: Path) -> None:
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        ran = CliRunner().invoke(
            app, ["batch", str(SAMPLES), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]
        )
    assert ran.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in " ".join(ran.output.split())
