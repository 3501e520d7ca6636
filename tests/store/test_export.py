"""Every export format read back with pyarrow / csv, counts checked; no overwrite without force."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from peristiwa.api import Peristiwa
from peristiwa.errors import OutputExistsError


def test_plover_jsonl(filled: Peristiwa, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert filled.export("plover-jsonl", out) == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    consult = next(r for r in rows if r["event_type"] == "CONSULT")
    assert (consult["actor"], consult["recipient"], consult["num_mentions"]) == ("RUS", "UKR", 2)
    assert len(consult["mentions"]) == 3 and consult["mentions"][0]["evidence"]["text"] == "bertemu"


def test_gdelt_tsv(filled: Peristiwa, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    filled.export("gdelt-tsv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 2
    consult = next(r for r in rows if r["PloverType"] == "CONSULT")
    assert (consult["EventCode"], consult["QuadClass"], consult["GoldsteinScale"]) == ("040", "1", "2.5")
    assert (consult["SQLDATE"], consult["NumSources"], consult["SOURCEURL"]) == (
        "20220310",
        "3",
        "https://a.example/1",
    )


def test_csv_and_parquet(filled: Peristiwa, tmp_path: Path) -> None:
    filled.export("csv", tmp_path / "events.csv")
    filled.export("parquet", tmp_path / "events.parquet")
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 2
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == 2 and "num_mentions" in table.column_names


def test_export_refuses_to_overwrite(filled: Peristiwa, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        filled.export("csv", out)
    assert out.read_text(encoding="utf-8") == "keep me"
    filled.export("csv", out, force=True)
    assert out.read_text(encoding="utf-8").startswith("event_id")
    assert not [p.name for p in tmp_path.iterdir() if p.suffix == ".part"]  # no temporary file left behind
