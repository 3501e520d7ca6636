"""The interactive API docs at /docs work offline: Swagger UI comes from our vendored copy, not a CDN."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import Watch


def test_api_docs_render_every_route_without_leaving_the_machine(page: Any, watch: Watch) -> None:
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", state="attached")
    paths = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
    assert any("/v1/extract" in p for p in paths) and any("/v1/events" in p for p in paths)
    assert not watch.outside, watch.outside
    assert not watch.errors, watch.errors
