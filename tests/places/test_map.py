"""The map of events: GET /v1/events/geo on a real server, and the map view in a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from peristiwa.api import Peristiwa
from peristiwa.model import Document, to_record
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, Watch, open_view, serving, shot

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


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_the_map_view_draws_countries_and_places_offline(chromium: Any, map_url: str) -> None:
    watch = Watch()
    context = chromium.new_context(base_url=map_url, viewport={"width": 1360, "height": 900}, locale="en-US")
    page = context.new_page()
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("request", lambda r: None if r.url.startswith(map_url) else watch.outside.append(r.url))
    page.set_default_timeout(15_000)
    try:
        open_view(page, "#/map", "map")
        assert page.locator("svg.map-chart path").count() > 150  # the world's countries
        assert page.locator("svg.map-chart circle.map-place").count() >= 5
        assert page.locator('circle[data-place="Jenewa"]').count() == 1
        open_view(page, "#/map?type=MOBILIZE", "map")
        assert page.locator('circle[data-place="Jenewa"]').count() == 0
        shot(page, "map")
    finally:
        context.close()
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)
