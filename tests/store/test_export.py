"""Every export format read back with pyarrow / csv, counts checked; no overwrite without force."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from peristiwa.api import Peristiwa
from peristiwa.errors import OutputExistsError
from peristiwa.model import Document, to_record
from peristiwa.store.export import gdelt_columns


def test_plover_jsonl(filled: Peristiwa, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert filled.export("plover-jsonl", out) == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    consult = next(r for r in rows if r["event_type"] == "CONSULT")
    assert (consult["actor"], consult["recipient"], consult["num_mentions"]) == ("RUS", "UKR", 2)
    assert len(consult["mentions"]) == 3 and consult["mentions"][0]["evidence"]["text"] == "bertemu"


# The GDELT 2.0 event table, in the order of the GDELT Event Codebook V2.0 (61 tab-separated columns, no header).
GDELT_2_EVENT_COLUMNS = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{field}"
        for n in (1, 2)
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{where}Geo_{field}"
        for where in ("Actor1", "Actor2", "Action")
        for field in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED",
    "SOURCEURL",
]


def _gdelt_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert all(len(row) == 61 for row in rows), {len(row) for row in rows}
    return [dict(zip(GDELT_2_EVENT_COLUMNS, row, strict=True)) for row in rows]


def test_gdelt_tsv(filled: Peristiwa, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    filled.export("gdelt-tsv", out)
    rows = _gdelt_rows(out)
    assert len(rows) == 2 and rows[0]["GlobalEventID"].isdigit()  # no header row, as in GDELT's files
    consult = next(r for r in rows if r["EventCode"] == "040")
    assert (consult["QuadClass"], consult["GoldsteinScale"], consult["EventRootCode"]) == ("1", "2.5", "04")
    assert (consult["Day"], consult["MonthYear"], consult["Year"]) == ("20220310", "202203", "2022")
    assert (consult["NumSources"], consult["SOURCEURL"]) == ("3", "https://a.example/1")
    assert (consult["Actor1Code"], consult["Actor1Name"], consult["Actor1CountryCode"]) == (
        "RUS",
        "Sergei Lavrov",
        "RUS",
    )
    assert (consult["Actor2Code"], consult["Actor2Name"]) == ("UKR", "Dmytro Kuleba")
    assert consult["AvgTone"] == consult["IsRootEvent"] == consult["Actor1Geo_FullName"] == ""


def test_gdelt_columns_follow_the_gdelt_2_event_table() -> None:
    assert [name for name, _ in gdelt_columns()] == GDELT_2_EVENT_COLUMNS


def test_gdelt_tsv_of_real_articles_names_actors_not_entity_ids(seed_docs: dict[str, Document], tmp_path: Path) -> None:
    store = Peristiwa(tmp_path / "seeds.duckdb")
    store.ingest_records([to_record(doc) for doc in seed_docs.values()])
    out = tmp_path / "events.tsv"
    rows = _gdelt_rows(out) if store.export("gdelt-tsv", out) else []
    assert len(rows) == store.counts()["events"] > 0
    assert len({r["GlobalEventID"] for r in rows}) == len(rows)
    with duckdb.connect(str(store.db), read_only=True) as con:
        names = {(a, n) for a, n in con.execute("SELECT actor, name FROM entities WHERE actor IS NOT NULL").fetchall()}
    for row in rows:
        for actor in ("Actor1", "Actor2"):
            if row[f"{actor}Code"]:
                assert (row[f"{actor}Code"], row[f"{actor}Name"]) in names, row  # the name of an entity of the actor
                assert not re.fullmatch(r"E\d+", row[f"{actor}Name"])
        assert re.fullmatch(r"\d{8}", row["Day"]) or row["Day"] == ""
        assert row["QuadClass"] in {"1", "2", "3", "4"}
    placed = [r for r in rows if r["ActionGeo_FullName"]]
    assert placed and all(re.fullmatch(r"[A-Z]{2}", r["ActionGeo_CountryCode"]) for r in placed)  # FIPS 10-4
    assert {r["ActionGeo_CountryCode"] for r in placed if r["ActionGeo_FullName"] == "Suriah"} == {"SY"}


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


def test_cli_export_writes_to_standard_output_by_default(filled: Peristiwa) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "peristiwa", "export", "--format", "plover-jsonl", "--db", str(filled.db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert {json.loads(line)["event_type"] for line in result.stdout.splitlines()} == {"CONSULT", "ACCUSE"}
    assert "2 event(s) exported as plover-jsonl to standard output" in result.stderr
