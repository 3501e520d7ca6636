"""Places in the database and the exports: migration 004 columns, GDELT ActionGeo, PLOVER event_loc, GeoJSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from peristiwa.api import Peristiwa
from peristiwa.model import Document, to_record
from peristiwa.store.export import gdelt_columns
from peristiwa.store.geojson import events_by_place
from peristiwa.store.queries import EventFilter
from tests.conftest import seed


def _stored(seed_docs: dict[str, Document], tmp_path: Path) -> Peristiwa:
    store = Peristiwa(tmp_path / "events.duckdb")
    store.ingest_records([to_record(seed(seed_docs, "004")), to_record(seed(seed_docs, "001"))])
    return store


def test_places_and_event_precision_are_stored(seed_docs: dict[str, Document], tmp_path: Path) -> None:
    _stored(seed_docs, tmp_path).close()
    with duckdb.connect(str(tmp_path / "events.duckdb"), read_only=True) as con:
        row = con.execute("SELECT geonameid, country, feature, mentions FROM places WHERE name = 'Jenewa'").fetchone()
        assert row == (2660646, "CHE", "PPL", 4)
        precisions = {r[0] for r in con.execute("SELECT location_precision FROM event_mentions").fetchall()}
        assert {"city", "country"} <= precisions


def test_exports_carry_coordinates(seed_docs: dict[str, Document], tmp_path: Path) -> None:
    store = _stored(seed_docs, tmp_path)
    store.export("geojson", tmp_path / "events.geojson")
    store.export("gdelt-tsv", tmp_path / "events.tsv")
    store.export("plover-jsonl", tmp_path / "events.jsonl")
    store.close()
    geo = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    jenewa = [f for f in geo["features"] if f["properties"]["location_name"] == "Jenewa"]
    assert jenewa and jenewa[0]["geometry"]["coordinates"] == [6.1457, 46.2022]
    assert all(f["properties"]["precision"] in {"city", "region", "country"} for f in geo["features"])
    with (tmp_path / "events.tsv").open(encoding="utf-8") as handle:  # GDELT's layout: no header row
        rows = list(csv.DictReader(handle, fieldnames=[name for name, _ in gdelt_columns()], delimiter="\t"))
    placed = [r for r in rows if r["ActionGeo_FullName"] == "Jenewa"]
    assert placed and placed[0]["ActionGeo_Type"] == "4" and placed[0]["ActionGeo_Lat"] == "46.2022"
    assert (placed[0]["ActionGeo_CountryCode"], placed[0]["ActionGeo_FeatureID"]) == ("SZ", "2660646")  # FIPS
    assert {r["ActionGeo_Type"] for r in rows if not r["ActionGeo_FullName"]} <= {""}
    lines = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(e["event_loc"] and e["event_loc"]["precision"] == "city" for e in lines)


def test_the_map_groups_placed_events_by_place_with_the_table_filters(
    seed_docs: dict[str, Document], tmp_path: Path
) -> None:
    _stored(seed_docs, tmp_path).close()
    with duckdb.connect(str(tmp_path / "events.duckdb"), read_only=True) as con:
        every = events_by_place(con, EventFilter())
        mobilize = events_by_place(con, EventFilter(type="MOBILIZE"))
    names = [f["properties"]["name"] for f in every["features"]]
    assert "Jenewa" in names and "Pangkalan Angkatan Darat Tapa" in names
    assert all(f["properties"]["precision"] in {"city", "region", "country"} for f in every["features"])
    assert [f["properties"]["name"] for f in mobilize["features"]] == ["Pangkalan Angkatan Darat Tapa"]
    assert mobilize["features"][0]["properties"]["types"] == ["MOBILIZE"]
