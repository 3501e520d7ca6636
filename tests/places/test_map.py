"""The map of events: GET /v1/events/geo on a real server, and the map view in a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from peristiwa.api import Peristiwa
from peristiwa.model import Document, to_record
from tests.web.conftest import serving

VENDOR = Path(__file__).resolve().parents[2] / "src/peristiwa/web/static/vendor/world-atlas"


@pytest.fixture(scope="module")
def map_url(tmp_path_factory: pytest.TempPathFactory, seed_docs: dict[str, Document]) -> Iterator[str]:
    db = tmp_path_factory.mktemp("map") / "map.duckdb"
    Peristiwa(db).ingest_records([to_record(doc) for doc in seed_docs.values()])
    with serving(db) as url:
        yield url


def test_geo_route_groups_events_by_place_with_the_table_filters(map_url: str) -> None:
    every = httpx.get(f"{map_url}/v1/events/geo", timeout=30).json()
    names = {f["properties"]["name"]: f for f in every["features"]}
    assert names["Jenewa"]["geometry"]["coordinates"] == [6.1457, 46.2022]
    assert {"Brussel", "Pangkalan Angkatan Darat Tapa", "New York"} <= set(names)
    mobilize = httpx.get(f"{map_url}/v1/events/geo", params={"type": "MOBILIZE"}, timeout=30).json()
    assert {f["properties"]["name"] for f in mobilize["features"]} <= {"Pangkalan Angkatan Darat Tapa", "Ukraina"}
    assert httpx.get(f"{map_url}/v1/events/geo", params={"quad": "nope"}, timeout=30).status_code == 422


def test_country_outlines_are_vendored_with_their_licence() -> None:
    assert (VENDOR / "countries-110m.json").stat().st_size > 50_000
    assert "Michael Bostock" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


# The map view itself is drawn and checked in real Chromium by tests/web/test_map.py (one browser per run).
