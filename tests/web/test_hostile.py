"""Article text is untrusted: markup in it must show as text and never run."""

from __future__ import annotations

from typing import Any

import httpx

from tests.web.conftest import Watch, open_view, shot


def _hostile_id(base_url: str) -> str:
    found = httpx.get(f"{base_url}/v1/articles", params={"q": "pwned"}).json()["items"]
    assert len(found) == 1, found
    return str(found[0]["id"])


def test_markup_in_an_article_renders_as_text_and_never_runs(page: Any, base_url: str, watch: Watch) -> None:
    open_view(page, f"#/article/{_hostile_id(base_url)}", "article")
    body = page.locator("#article-text").inner_text()
    assert '<img src=x onerror="window.__pwned = 2">' in body
    assert '<b onmouseover="window.__pwned = 3">' in body
    assert "<script>window.__pwned = 4</script>" in body
    page.locator("details.removed summary").click()  # the headline line, wherever cleaning put it, is text too
    assert "<script>window.__pwned = 1</script>" in page.locator("main").inner_text()
    # None of it became an element: no script, no img, no b anywhere in the view.
    assert page.locator("main script, main img, main b").count() == 0
    for span in page.locator("#article-text .hl").all()[:12]:
        span.hover()
        span.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not watch.dialogs and not watch.errors
    shot(page, "hostile")


def test_markup_stays_text_in_search_story_and_quote_views(page: Any, base_url: str, watch: Watch) -> None:
    article = _hostile_id(base_url)
    open_view(page, "#/search?q=pwned", "search")
    assert "pwned" in page.locator("main").inner_text()
    open_view(page, f"#/story/{article}", "story")  # a lone article is its own story
    assert "onerror=" in page.locator(".report-text").first.inner_text()
    open_view(page, "#/quotes?q=onmouseover", "quotes")
    assert "<b onmouseover=" in page.locator("main").inner_text()
    assert page.locator("main script, main img, main b").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not watch.dialogs and not watch.errors
