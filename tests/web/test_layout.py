"""Small screens and form hints (real Chromium on the real server)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Watch, open_view, shot, wait_rendered


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width", [320, 360, 400, 480])
def test_on_a_narrow_screen_the_search_button_leaves_the_language_switch_free(
    page: Any, watch: Watch, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    open_view(page, "", "home")
    button = page.locator(".search-form button").bounding_box()
    switch = page.locator(".lang-switch").bounding_box()
    field = page.locator("#search-input").bounding_box()
    assert not _overlap(button, switch), (button, switch)
    assert not _overlap(field, switch) and button["x"] + button["width"] <= width
    page.locator(".lang-switch button[data-lang='id']").click()  # still reachable: a click lands on it
    assert page.evaluate("document.documentElement.lang") == "id"
    if width == 400:
        shot(page, "header-400")
    assert not watch.errors


def test_the_actor_filter_hint_does_not_look_like_a_value(page: Any) -> None:
    open_view(page, "#/events", "events")
    actor = page.locator("#event-filters input[name=actor]")
    assert actor.input_value() == "" and actor.get_attribute("placeholder") == "e.g. RUS"
    page.locator(".lang-switch button[data-lang='id']").click()
    wait_rendered(page, "events")
    assert page.locator("#event-filters input[name=actor]").get_attribute("placeholder") == "mis. RUS"
