"""A database with no articles yet: the start page says how to add some instead of showing empty boxes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peristiwa.store.connection import connect
from tests.web.conftest import Watch, serving, wait_rendered


def test_empty_database_explains_how_to_add_articles(browser: Any, tmp_path: Path, watch: Watch) -> None:
    db = tmp_path / "empty.duckdb"
    connect(db).close()  # created and migrated, nothing in it
    with serving(db) as url:
        context = browser.new_context(base_url=url, locale="en-US")
        page = context.new_page()
        page.on("pageerror", lambda error: watch.errors.append(str(error)))
        page.goto("/")
        wait_rendered(page, "home")
        assert "holds no articles yet" in page.locator("main").inner_text()
        assert "peristiwa ingest" in page.locator("main pre").inner_text()
        page.goto("/#/network")
        wait_rendered(page, "network")
        assert page.locator("main .empty").count() == 1 and page.locator(".error-box").count() == 0
        context.close()
    assert not watch.errors
