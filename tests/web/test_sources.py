"""Where an article comes from: only web addresses become links, untitled articles are named by their first
sentence, the header shows outlet and address and keeps the file path in its details (real Chromium)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from peristiwa.api import Peristiwa
from peristiwa.model import to_record
from peristiwa.pipeline import Pipeline
from peristiwa.settings import Settings
from peristiwa.stages.ingest import RawArticle, read_inputs
from tests.web.conftest import Watch, open_view, serving, shot

TESTS = Path(__file__).resolve().parents[1]
HOSTILE_URL = "javascript:window.__pwned=5"
WEB_URL = "https://contoh.example/2023/12/18/korut-tembakkan-rudal"
FILE_ARTICLE = TESTS / "heldout" / "raw" / "101_asean_myanmar.txt"


def _body(path: Path) -> str:
    """The article from its dateline paragraph on ("Beijing - …"), without the page header (cookie notice,
    headline, date line): what an export without titles carries."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if re.match(r"[A-Z][a-z]+ - ", line))
    return "\n".join(lines[first:])


@pytest.fixture(scope="module")
def sources_url(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("sources")
    feed = folder / "feed.jsonl"
    records = [
        {"text": _body(TESTS / "heldout" / "raw" / "102_china_us.txt"), "url": HOSTILE_URL, "outlet": "Kabar Palsu"},
        {"text": _body(TESTS / "heldout" / "raw" / "103_koreas.txt"), "url": WEB_URL, "outlet": "Contoh"},
    ]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    raws = [r for r in read_inputs([str(feed), str(FILE_ARTICLE)], Settings().max_bytes) if isinstance(r, RawArticle)]
    db = folder / "sources.duckdb"
    Peristiwa(db).ingest_records([to_record(pipeline.process(raw)) for raw in raws])
    with serving(db) as url:
        yield url


@pytest.fixture()
def tab(browser: Any, sources_url: str, watch: Watch) -> Iterator[Any]:
    context = browser.new_context(base_url=sources_url, viewport={"width": 1360, "height": 900}, locale="en-US")
    page = context.new_page()
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("dialog", lambda dialog: (watch.dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _article(url: str, words: str) -> dict[str, Any]:
    (found,) = httpx.get(f"{url}/v1/articles", params={"q": words}).json()["items"]
    return dict(found)


def test_a_javascript_url_is_shown_as_text_never_as_a_link(tab: Any, sources_url: str, watch: Watch) -> None:
    article = _article(sources_url, "Wang Wenbin")
    assert article["source"] == HOSTILE_URL  # stored as given
    open_view(tab, f"#/article/{article['id']}", "article")
    meta = tab.locator(".meta-line")
    assert HOSTILE_URL in meta.inner_text() and "Kabar Palsu" in meta.inner_text()
    assert tab.locator("a[href^='javascript']").count() == 0 and meta.locator("a.external").count() == 0
    meta.locator(".url-text").click()
    assert tab.evaluate("typeof window.__pwned") == "undefined" and not watch.dialogs and not watch.errors


def test_a_web_address_is_a_link_beside_the_outlet(tab: Any, sources_url: str) -> None:
    open_view(tab, f"#/article/{_article(sources_url, 'Yoon Suk Yeol')['id']}", "article")
    meta = tab.locator(".meta-line")
    assert meta.locator("a.external").get_attribute("href") == WEB_URL
    assert "Contoh" in meta.inner_text()


def test_the_header_keeps_the_file_path_in_its_details(tab: Any, sources_url: str) -> None:
    open_view(tab, f"#/article/{_article(sources_url, 'junta Myanmar')['id']}", "article")
    assert str(FILE_ARTICLE) not in tab.locator(".meta-line").inner_text()
    details = tab.locator("details.source-details")
    assert not tab.locator(".source-path").is_visible()
    details.locator("summary").click()
    assert tab.locator(".source-path").inner_text() == str(FILE_ARTICLE)
    shot(tab, "article-source")


def test_untitled_articles_are_listed_by_their_first_sentence(tab: Any, sources_url: str, watch: Watch) -> None:
    untitled = [a for a in httpx.get(f"{sources_url}/v1/articles").json()["items"] if not a["title"]]
    assert len(untitled) == 2 and all(a["lead"] for a in untitled)
    open_view(tab, "", "home")
    labels = tab.locator(".list.articles li a").all_inner_texts()
    assert not [label for label in labels if "untitled" in label or re.search(r"\b[0-9a-f]{16}\b", label)]
    assert any(label.startswith("Beijing - Pemerintah China mengecam") for label in labels), labels
    open_view(tab, "#/search?q=rudal", "search")
    assert tab.locator(".results-articles a").first.inner_text().startswith("Seoul - Korea Utara menembakkan")
    shot(tab, "untitled-list")
    assert not watch.errors
