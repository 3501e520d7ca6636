"""End-to-end: the real UI in headless Chromium against the real server and database."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from tests.web.conftest import Watch, open_view, shot, wait_rendered


def test_home_shows_counts_and_latest_articles(page: Any, watch: Watch) -> None:
    open_view(page, "", "home")
    assert page.locator(".stat-value").first.inner_text() == "7"  # five seeds + the two test articles
    assert page.locator(".list.articles li").count() == 7
    shot(page, "home")
    assert not watch.errors and not watch.outside


def test_search_finds_articles_actors_and_quotes(page: Any, watch: Watch) -> None:
    open_view(page, "", "home")
    page.fill("#search-input", "Stoltenberg")
    page.press("#search-input", "Enter")
    wait_rendered(page, "search")
    assert "Stoltenberg" in page.locator(".results-articles").inner_text()
    assert page.locator(".results-quotes li").count() > 0
    shot(page, "search")
    page.locator(".results-articles a").first.click()
    wait_rendered(page, "article")
    assert page.locator("#article-text .hl").count() > 0
    assert not watch.errors


def _article_id(base_url: str, words: str) -> str:
    """The one article whose text holds `words` (found through the API, not through titles cleaning may change)."""
    import httpx

    found = httpx.get(f"{base_url}/v1/articles", params={"q": words}).json()["items"]
    assert len(found) == 1, [a["id"] for a in found]
    return str(found[0]["id"])


def test_article_highlights_every_kind_and_explains_an_event(page: Any, base_url: str, watch: Watch) -> None:
    article = _article_id(base_url, "Kaja Kallas")
    open_view(page, f"#/article/{article}", "article")
    for kind in ("event", "entity", "date", "quote"):
        assert page.locator(f"#article-text .hl-{kind}").count() > 0, kind
    event = page.locator("#article-text .hl-event").first
    event.hover()
    assert page.locator("#span-tip").is_visible()
    assert "→" in page.locator("#span-tip").inner_text()
    event.click()
    panel = page.locator("#detail-panel .detail-event")
    assert panel.count() == 1
    text = panel.inner_text()
    for label in ("Source → target", "Modality", "Negated", "Rule"):
        assert label in text, label
    rule = panel.locator("code.rule").inner_text()
    assert re.fullmatch(r"[a-z_]+\.[\w.-]+", rule), rule  # a rule id from data/events/lexicon.yaml
    shot(page, "article")
    assert not watch.errors


def test_highlighted_text_is_the_clean_text_unchanged(page: Any, base_url: str) -> None:
    import httpx

    article = _article_id(base_url, "Kaja Kallas")
    record = httpx.get(f"{base_url}/v1/articles/{article}").json()
    open_view(page, f"#/article/{article}", "article")
    assert page.locator("#article-text").evaluate("el => el.textContent") == record["text"]
    first = record["events"][0]["evidence"]
    marked = page.locator("#article-text .hl-event").evaluate_all(
        "els => els.map(e => [Number(e.dataset.start), e.textContent])"
    )
    assert any(start == first["start"] and first["text"].startswith(text) for start, text in marked)


def test_kind_toggle_hides_a_highlight(page: Any, base_url: str) -> None:
    article = _article_id(base_url, "Kaja Kallas")
    open_view(page, f"#/article/{article}", "article")
    quote = page.locator("#article-text .hl-quote:not(.hl-event):not(.hl-date):not(.hl-entity)").first
    before = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    page.uncheck('input[data-kind="quote"]')
    after = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert before != after and after == "rgba(0, 0, 0, 0)"


def test_actor_timeline_chart_is_drawn(page: Any, watch: Watch) -> None:
    open_view(page, "#/actor/RUS", "actor")
    bars = page.locator("svg.timeline-chart rect.bar")
    assert bars.count() > 0
    counts = bars.evaluate_all("els => els.map(e => Number(e.dataset.count))")
    profile_events = page.evaluate("fetch('/v1/actors/RUS').then(r => r.json())")
    expected = sum((r.get("as_source") or 0) + (r.get("as_target") or 0) for r in profile_events["timeline"])
    assert sum(counts) == expected > 0
    box = bars.first.bounding_box()
    assert box and box["height"] > 0 and box["width"] > 0
    assert page.locator(".partners tbody tr").count() > 0
    shot(page, "actor")
    page.click('.segmented button[data-role="source"]')
    as_source = page.locator("svg.timeline-chart rect.bar").evaluate_all(
        "els => els.reduce((n, e) => n + Number(e.dataset.count), 0)"
    )
    assert as_source == sum(r.get("as_source") or 0 for r in profile_events["timeline"]) < expected
    assert not watch.errors


def test_events_table_filters_pages_and_links_csv(page: Any, base_url: str) -> None:
    import httpx

    open_view(page, "#/events", "events")
    all_rows = page.locator(".events-table tbody tr").count()
    page.select_option("#event-filters select[name=quad]", "M-conf")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url(re.compile(r"quad=M-conf"))
    wait_rendered(page, "events")
    quads = page.locator(".events-table tbody td .quad").all_inner_texts()
    assert quads and set(quads) == {"M-conf"} and len(quads) < all_rows
    csv_href = page.locator("#csv-link").get_attribute("href")
    assert csv_href and "format=csv" in csv_href and "quad=M-conf" in csv_href
    response = httpx.get(f"{base_url}{csv_href}")
    assert response.status_code == 200 and "text/csv" in response.headers["content-type"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(quads) and {row["quad"] for row in rows} == {"M-conf"}
    shot(page, "events")


def test_dyad_network_story_and_quotes_views(page: Any, watch: Watch) -> None:
    open_view(page, "#/dyad/RUS/USA", "dyad")
    assert page.locator("svg.timeline-chart").count() == 3  # both ways, then each direction
    assert page.locator(".events-table").count() == 2
    shot(page, "dyad")
    open_view(page, "#/network", "network")
    assert page.locator("svg.network-chart .node").count() >= 5
    all_edges = page.locator("svg.network-chart .edge").count()
    assert all_edges >= 5
    shot(page, "network")
    page.fill("#network-filters input[name=since]", "2022-01-01")
    page.click("#network-filters button[type=submit]")
    page.wait_for_url(re.compile(r"since=2022-01-01"))
    wait_rendered(page, "network")
    assert 0 < page.locator("svg.network-chart .edge").count() < all_edges  # 2015 and undated links are gone
    page.locator('svg.network-chart .node[data-actor="RUS"]').click()
    wait_rendered(page, "actor")
    open_view(page, "#/quotes?speaker=Lavrov", "quotes")
    speakers = page.locator(".speaker-group").evaluate_all("els => els.map(e => e.dataset.speaker)")
    assert speakers and all("Lavrov" in s for s in speakers)
    shot(page, "quotes")
    assert not watch.errors and not watch.outside


def test_language_switch_changes_labels(page: Any) -> None:
    open_view(page, "#/events", "events")
    page.click('.lang-switch button[data-lang="en"]')
    wait_rendered(page, "events")
    assert page.locator("h1").inner_text() == "Event table"
    page.click('.lang-switch button[data-lang="id"]')
    wait_rendered(page, "events")
    assert page.locator("h1").inner_text() == "Tabel peristiwa"
    assert page.evaluate("document.documentElement.lang") == "id"


def test_story_shows_its_reports_side_by_side(page: Any, base_url: str, watch: Watch) -> None:
    article = _article_id(base_url, "disalin dari laporan")  # the syndicated copy of seed 003
    open_view(page, f"#/article/{article}", "article")
    page.locator(".meta-line a", has_text="its story").click()
    wait_rendered(page, "story")
    reports = page.locator(".report")
    assert reports.count() == 2
    left, right = reports.nth(0).bounding_box(), reports.nth(1).bounding_box()
    assert left and right and abs(left["y"] - right["y"]) < 2 and right["x"] > left["x"] + left["width"] - 1
    for i in range(2):
        assert "Lavrov" in reports.nth(i).locator(".report-text").inner_text()
    assert page.locator(".report .tag").count() == 1  # one of the two is marked as the copy
    texts = page.locator(".report-text")
    texts.nth(0).evaluate("el => { el.scrollTop = el.scrollHeight; }")  # scrolling one scrolls the other
    page.wait_for_function("() => document.querySelectorAll('.report-text')[1].scrollTop > 0")
    shot(page, "story")
    assert not watch.errors


def test_event_page_lists_mentions_with_their_rule(page: Any) -> None:
    open_view(page, "#/events?actor=RUS&type=ASSAULT", "events")
    page.locator(".events-table td.evidence a").first.click()
    wait_rendered(page, "event")
    assert page.locator("table.data tbody tr").count() >= 1
    assert page.locator("table.data code.rule").first.inner_text().startswith("assault.")
    page.locator("table.data tbody a").first.click()
    wait_rendered(page, "article")
    # The view marks the evidence on the frame after it is shown (requestAnimationFrame): wait for that frame.
    page.locator("#article-text .hl.flash").first.wait_for(state="attached")
    assert page.locator("#article-text .hl.flash").count() == 1  # the evidence is marked in the article


def test_span_segments_split_overlaps_and_cover_the_text(page: Any) -> None:
    open_view(page, "", "home")
    parts = page.evaluate("""import('/static/js/spans.js').then(({ segments }) => segments(20, [
        { id: 'quote-0', kind: 'quote', start: 2, end: 15 },
        { id: 'entity-0', kind: 'entity', start: 5, end: 9 },
        { id: 'event-0', kind: 'event', start: 7, end: 12 },
      ]).map(p => [p.start, p.end, p.covering.map(a => a.id)]))""")
    assert parts == [
        [0, 2, []],
        [2, 5, ["quote-0"]],
        [5, 7, ["entity-0", "quote-0"]],
        [7, 9, ["event-0", "entity-0", "quote-0"]],
        [9, 12, ["event-0", "quote-0"]],
        [12, 15, ["quote-0"]],
        [15, 20, []],
    ]


def test_an_unknown_article_shows_the_servers_message(page: Any, watch: Watch) -> None:
    open_view(page, "#/article/0000000000000000", "article")
    assert "0000000000000000" in page.locator(".error-box").inner_text()
    watch.errors.clear()  # the failed fetch is logged by the browser: expected here


def test_timeline_buckets_fill_month_gaps_and_keep_undated_last(page: Any) -> None:
    open_view(page, "", "home")
    buckets = page.evaluate("""import('/static/js/charts/timeline.js').then(({ bucketRows }) => bucketRows([
        { month: '2021-11-01', quad: 'V-conf', events: 2 },
        { month: null, quad: 'V-coop', events: 4 },
        { month: '2022-02-01', quad: 'M-conf', events: 1 },
        { month: '2021-11-01', quad: 'M-conf', events: 3 },
      ]).map(b => [b.key, b.total]))""")
    assert buckets == [["2021-11", 5], ["2021-12", 0], ["2022-01", 0], ["2022-02", 1], ["undated", 4]]


def test_events_filter_by_actor_and_date_range_from_the_address(page: Any) -> None:
    open_view(page, "#/events?actor=RUS&since=2022-01-01&until=2022-12-31", "events")
    rows = page.locator(".events-table tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert cells[0].startswith("2022"), cells
        assert "RUS" in (cells[1], cells[3]), cells
    assert page.locator("#event-filters input[name=actor]").input_value() == "RUS"


def test_events_pager_moves_to_the_next_page(page: Any) -> None:
    open_view(page, "#/events", "events")
    first_page = page.locator(".events-table td.evidence").all_inner_texts()
    assert len(first_page) == 25
    page.locator(".pager button", has_text="Next").click()
    page.wait_for_url(re.compile(r"offset=25"))
    wait_rendered(page, "events")
    assert page.locator(".pager span").inner_text().startswith("26–")
    assert page.locator(".events-table tbody tr").count() > 0


def test_quote_explorer_indexes_speakers_and_narrows_to_one(page: Any) -> None:
    open_view(page, "#/quotes", "quotes")
    chips = page.locator("#speaker-index .chip")
    assert chips.count() > 3
    chips.filter(has_text="Stoltenberg").first.click()
    page.wait_for_url(re.compile(r"speaker=Jens"))
    wait_rendered(page, "quotes")
    speakers = page.locator(".speaker-group").evaluate_all("els => els.map(e => e.dataset.speaker)")
    assert speakers == ["Jens Stoltenberg"]


def test_entity_list_selects_the_entity_in_the_text(page: Any, base_url: str) -> None:
    open_view(page, f"#/article/{_article_id(base_url, 'Kaja Kallas')}", "article")
    page.locator(".entity-list button", has_text="Jens Stoltenberg").click()
    card = page.locator("#detail-panel .detail").first  # the chosen entity comes first
    assert "Jens Stoltenberg" in card.inner_text() and "NATO" in card.inner_text()
    assert "Stoltenberg" in page.locator("#article-text .hl.selected").first.inner_text()
