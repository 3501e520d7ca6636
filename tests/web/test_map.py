"""The map of events: country outlines from the vendored base map and one marker per located place."""

from __future__ import annotations

from typing import Any

import httpx

from tests.web.conftest import Watch, open_view, shot


def test_map_draws_countries_and_a_marker_for_each_located_place(page: Any, base_url: str, watch: Watch) -> None:
    geo = httpx.get(f"{base_url}/v1/events/geo").json()
    assert geo["features"], "the seed database has located events"
    open_view(page, "#/map", "map")
    assert page.locator("svg.map-chart path").count() > 150  # Natural Earth 1:110m has 177 countries
    markers = page.locator("svg.map-chart circle.map-place")
    assert markers.count() == len(geo["features"])
    names = set(markers.evaluate_all("els => els.map(e => e.dataset.place)"))
    assert names == {f["properties"]["name"] for f in geo["features"]}
    shot(page, "map")
    assert not watch.errors and not watch.outside
