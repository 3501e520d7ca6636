"""The knowledge page in a real Chromium against a real server: an analyst edits a role, re-codes, and sees the
changed event in the article view; corrections of events, quotes, entities and dates made in the article view show
as marks there and reach the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from peristiwa.api import Peristiwa
from peristiwa.store.connection import connection
from tests.knowledge.test_proposals import KEY, SUGIONO, stale_knowledge
from tests.knowledge.test_recode import KABUL
from tests.web.conftest import Watch, open_view, serving, shot, wait_rendered


@pytest.fixture(scope="module")
def kabul_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db: Path = tmp_path_factory.mktemp("web_kb") / "kabul.duckdb"
    Peristiwa(db).ingest([str(KABUL)])
    with serving(db) as url:
        yield url


@pytest.fixture()
def kb_page(browser: Any, kabul_url: str, watch: Watch) -> Iterator[Any]:
    context = browser.new_context(base_url=kabul_url, viewport={"width": 1360, "height": 900}, locale="en-US")
    tab = context.new_page()
    tab.on("pageerror", lambda error: watch.errors.append(str(error)))
    tab.on("request", lambda r: None if r.url.startswith(kabul_url) else watch.outside.append(r.url))
    tab.set_default_timeout(120_000)  # a re-code runs the pipeline (models load on first use)
    yield tab
    context.close()


def test_edit_a_role_recode_and_see_the_changed_event(kb_page: Any, kabul_url: str, watch: Watch) -> None:
    page = kb_page
    open_view(page, "#/kb/per.amir_khan_muttaqi", "kb")
    assert page.locator("#kb-name").inner_text() == "Amir Khan Muttaqi"
    org = page.locator(".kb-role [data-field=org]").first
    assert org.input_value() == "AFG"
    org.fill("ZZZ")
    page.fill("#kb-author", "ana")
    page.click("#kb-save")
    page.wait_for_selector("#kb-status .error-box")
    assert "unknown actor code 'ZZZ'" in page.locator("#kb-status").inner_text()
    org.fill("TALIBAN")
    page.fill("#kb-reason", "the Taliban government is coded TALIBAN")
    page.click("#kb-save")
    page.wait_for_selector("#kb-status .ok-box")
    page.click("#kb-recode")
    page.wait_for_selector("#kb-recoded .kb-recoded-article")
    recoded = page.locator("#kb-recoded").inner_text()
    assert "+ CONSULT TALIBAN→IND" in recoded and "− CONSULT AFG→IND" in recoded
    shot(page, "kb-recoded")
    page.locator("#kb-recoded .kb-recoded-article a").first.click()
    wait_rendered(page, "article")
    events = page.locator(".view-article table.data").first.inner_text()
    assert "TALIBAN" in events
    page.select_option("#correction-kind", "event")
    page.select_option("#correction-item", label="CONSULT TALIBAN→IND «kunjungan enam hari ke India»")
    page.fill("#correction-form input[name=type]", "MEET")
    page.click("#correction-save")
    page.wait_for_selector("#correction-status .error-box")
    assert "not a PLOVER event type" in page.locator("#correction-status").inner_text()
    page.fill("#correction-form input[name=type]", "cooperate")
    page.fill("#correction-note", "a working visit")
    page.click("#correction-save")
    page.wait_for_selector(".corrected-mark")
    assert page.locator(".corrected-mark").count() == 1
    assert "a working visit" in page.locator(".corrections-list").inner_text()
    shot(page, "article-corrected")
    assert not watch.errors and not watch.outside


@pytest.fixture(scope="module")
def stale_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db: Path = tmp_path_factory.mktemp("web_proposals") / "stale.duckdb"
    with connection(db) as con:
        stale_knowledge(con)
    Peristiwa(db).ingest([str(p) for p in SUGIONO])
    with serving(db) as url:
        yield url


def test_accept_a_proposed_office_holder_and_recode(browser: Any, stale_url: str, watch: Watch) -> None:
    context = browser.new_context(base_url=stale_url, viewport={"width": 1360, "height": 900}, locale="en-US")
    page = context.new_page()
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.set_default_timeout(120_000)
    open_view(page, "#/kb", "kb")
    proposal = page.locator(f'.kb-proposal[data-key="{KEY}"]')
    assert "Retno Marsudi" in proposal.inner_text() and "3 article(s)" in proposal.inner_text()
    assert proposal.locator(".evidence li").count() == 3
    page.fill("#kb-author", "ana")
    page.dispatch_event("#kb-author", "change")
    proposal.locator(".kb-accept").click()
    page.wait_for_selector("#kb-status .ok-box")
    page.click("#kb-recode")
    page.wait_for_selector("#kb-recoded .kb-recoded-article")
    assert "+ AGREE IDN→PSE" in page.locator("#kb-recoded").inner_text()
    shot(page, "kb-proposal-accepted")
    context.close()
    assert not watch.errors


@pytest.fixture(scope="module")
def kabul_corrections(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A database of its own (the role test above re-codes the other one): (server address, article id)."""
    db: Path = tmp_path_factory.mktemp("web_corrections") / "kabul.duckdb"
    Peristiwa(db).ingest([str(KABUL)])
    with connection(db) as con:
        found = con.execute("SELECT id FROM articles").fetchone()
    assert found is not None
    with serving(db) as url:
        yield url, str(found[0])


def correct_in_form(page: Any, kind: str, label: str, values: dict[str, str], note: str = "") -> None:
    page.select_option("#correction-kind", kind)
    page.select_option("#correction-item", label=label)
    for name, value in values.items():
        page.fill(f"#correction-fields input[name={name}]", value)
    page.fill("#correction-note", note)
    page.click("#correction-save")


def test_correct_a_quote_an_entity_a_date_and_an_event_date(browser: Any, kabul_corrections: tuple[str, str],
                                                             watch: Watch) -> None:  # fmt: skip
    url, article_id = kabul_corrections
    context = browser.new_context(base_url=url, viewport={"width": 1360, "height": 900}, locale="en-US")
    page = context.new_page()
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.set_default_timeout(60_000)
    open_view(page, f"#/article/{article_id}", "article")
    assert page.locator(".corrected-mark").count() == 0
    muttaqi = "Amir Khan Muttaqi (PER, AFG)"
    correct_in_form(page, "entity", muttaqi, {"type": "minister"})
    page.wait_for_selector("#correction-status .error-box")
    assert "'MINISTER' is not an entity type" in page.locator("#correction-status").inner_text()
    correct_in_form(page, "entity", muttaqi, {"actor": "taliban"}, "Taliban government")
    wait_rendered(page, "article")
    page.wait_for_selector(".entity-list .corrected-mark")
    assert "TALIBAN" in page.locator(".entity-list li", has_text="Amir Khan Muttaqi").inner_text()
    quote = "Subrahmanyam Jaishankar: «Kerja sama yang lebih erat di antara kita berkontribusi pada…»"
    correct_in_form(page, "quote", quote, {"speaker": "Amir Khan Muttaqi"})
    page.wait_for_selector(".quotes-list .corrected-mark")
    correct_in_form(page, "date", "setahun kemudian = 2022", {"value": "kemarin"})
    page.wait_for_selector("#correction-status .error-box")
    assert "is not a date" in page.locator("#correction-status").inner_text()
    # counted from "tahun 2021" the machine reads 2022; the analyst knows the month
    correct_in_form(page, "date", "setahun kemudian = 2022", {"value": "2022-08"})
    page.wait_for_selector(".dates-list .corrected-mark")
    assert "setahun kemudian = 2022-08" in page.locator(".dates-list").inner_text()
    page.select_option("#correction-kind", "event")
    event = page.locator("#correction-item option", has_text="kunjungan enam hari ke India").inner_text()
    correct_in_form(page, "event", event, {"date": "2025-10-09"})
    page.wait_for_selector(".view-article table.data .corrected-mark")
    assert page.locator(".corrected-mark").count() == 4
    assert page.locator(".corrections-list li").count() == 4
    shot(page, "article-corrected-items")
    article = httpx.get(f"{url}/v1/articles/{article_id}").json()
    [entity] = [e for e in article["entities"] if e["name"] == "Amir Khan Muttaqi"]
    assert (entity["actor"], entity["corrected"]) == ("TALIBAN", True)
    [fixed] = [q for q in article["quotes"] if q["corrected"]]
    assert (fixed["speaker"], fixed["speaker_id"]) == ("Amir Khan Muttaqi", entity["id"])
    assert [d["value"] for d in article["dates"] if d["corrected"]] == ["2022-08"]
    assert [e["date"] for e in article["events"] if e["corrected"]] == ["2025-10-09"]
    quotes = httpx.get(f"{url}/v1/quotes", params={"article_id": article_id}).json()["items"]
    assert [q["speaker"] for q in quotes if q["corrected"]] == ["Amir Khan Muttaqi"]
    context.close()
    assert not watch.errors
