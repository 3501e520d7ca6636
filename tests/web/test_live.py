"""The watch page manages watch lists, and the event table shows new events without a reload (it polls
GET /v1/updates), in a real Chromium against a real server."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from peristiwa.model import to_record
from peristiwa.pipeline import Pipeline
from peristiwa.settings import Settings
from peristiwa.stages.ingest import RawArticle, read_inputs
from tests.web.conftest import Watch, app_serving, wait_rendered

ROOT = Path(__file__).resolve().parents[2]


def new_page(browser: Any, url: str, watch: Watch) -> Any:
    context = browser.new_context(base_url=url, viewport={"width": 1360, "height": 900}, locale="en-US")
    context.add_init_script("window.peristiwaLiveEvery = 300;")
    page = context.new_page()
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    page.set_default_timeout(15_000)
    return page


def test_the_event_table_shows_new_events_without_a_reload(
    browser: Any, web_db: Path, tmp_path: Path, pipeline: Pipeline, watch: Watch
) -> None:
    db = tmp_path / "live.duckdb"
    shutil.copyfile(web_db, db)
    (raw,) = [r for r in read_inputs([str(ROOT / "tests/heldout/raw/102_china_us.txt")], Settings().max_bytes)]
    assert isinstance(raw, RawArticle)
    record = to_record(pipeline.process(raw))
    assert record["events"]
    with app_serving(db) as (url, app):
        page = new_page(browser, url, watch)
        page.goto("/#/events")
        wait_rendered(page, "events")
        before = page.locator("main .page-header .sub").inner_text()
        page.evaluate("window.notReloaded = true")
        app.state.store.store_records([record])
        page.wait_for_function(
            "text => document.querySelector('main .page-header .sub')?.innerText !== text", arg=before
        )
        assert page.evaluate("window.notReloaded") is True
        assert page.locator("main .page-header .sub").inner_text() != before
        page.context.close()
    assert not watch.errors


def test_watch_lists_are_added_and_deleted_in_the_watch_page(
    browser: Any, web_db: Path, tmp_path: Path, watch: Watch
) -> None:
    db = tmp_path / "lists.duckdb"
    shutil.copyfile(web_db, db)
    with app_serving(db) as (url, _):
        page = new_page(browser, url, watch)
        page.goto("/#/watch")
        wait_rendered(page, "watch")
        assert "peristiwa watch" in page.locator("main").inner_text()  # no feed yet: says how to follow some
        form = page.locator("#watchlist-form")
        form.locator("input[name=name]").fill("Laut China Selatan")
        form.locator("input[name=actors]").fill("chn, phl")
        form.locator("select[name=quad]").select_option("V-conf")
        form.locator("input[name=keywords]").fill("kapal")
        form.locator("button[type=submit]").click()
        row = page.locator("#watchlists-table tr[data-name='Laut China Selatan']")
        row.wait_for()
        assert "CHN, PHL" in row.inner_text() and "kapal" in row.inner_text()

        form.locator("input[name=name]").fill("rusak")
        form.locator("input[name=types]").fill("BUKAN_JENIS")
        form.locator("button[type=submit]").click()
        page.locator(".form-message .error-box").wait_for()
        assert "BUKAN_JENIS" in page.locator(".form-message").inner_text()

        row.locator("button.delete").click()
        page.locator("#watchlists-table").wait_for(state="detached")
        assert "No watch list yet" in page.locator("main").inner_text()
        page.context.close()
    assert not watch.errors or all("422" in e for e in watch.errors)  # the refused list's answer, logged
