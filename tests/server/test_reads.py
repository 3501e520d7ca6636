"""GET routes against `peristiwa serve` on a real DuckDB file holding the five seed articles."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest

from peristiwa.model import Document, to_record
from tests.server.conftest import Served


@pytest.fixture(scope="module")
def api(server: Served) -> httpx.Client:
    return server.client()


@pytest.fixture(scope="module")
def records(seed_docs: dict[str, Document]) -> dict[str, dict[str, Any]]:
    return {doc.id: to_record(doc) for doc in seed_docs.values()}


def all_pages(api: httpx.Client, path: str, size: int, **params: Any) -> tuple[int, list[dict[str, Any]]]:
    items: list[dict[str, Any]] = []
    offset, total = 0, None
    while total is None or offset < total:
        body = api.get(path, params={**params, "limit": size, "offset": offset}).json()
        total = body["total"]
        assert body["limit"] == size and body["offset"] == offset
        items += body["items"]
        offset += size
    return total, items


def test_health_counts_the_seed_database(api: httpx.Client) -> None:
    body = api.get("/v1/health").json()
    assert body["status"] == "ok" and isinstance(body["extract_ready"], bool)
    assert body["counts"]["articles"] >= 5  # the seeds, and whatever the write tests added
    assert body["counts"]["events"] > 0 and body["counts"]["quotes"] > 0


def test_articles_page_through_every_seed(api: httpx.Client, records: dict[str, dict[str, Any]]) -> None:
    total, items = all_pages(api, "/v1/articles", 2)
    ids = [item["id"] for item in items]
    assert total == len(ids) == len(set(ids)) and set(records) <= set(ids)
    assert all(item["num_entities"] > 0 for item in items if item["id"] in records)


def test_article_has_clean_text_and_every_span(api: httpx.Client, records: dict[str, dict[str, Any]]) -> None:
    for article_id, record in records.items():
        article = api.get(f"/v1/articles/{article_id}").json()
        text = article["text"]
        assert text == record["text"]
        assert len(article["entities"]) == len(record["entities"])
        assert len(article["quotes"]) == len(record["quotes"])
        assert len(article["events"]) == len(record["events"])
        spans = [m for e in article["entities"] for m in e["mentions"]]
        spans += [e["evidence"] for e in article["events"]] + article["dates"]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]
        for quote in article["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]
        assert all(event["rule"] and event["event_id"] for event in article["events"])


def test_the_quote_starting_jelas_ada_is_stoltenbergs(api: httpx.Client) -> None:
    body = api.get("/v1/quotes", params={"q": "Jelas ada"}).json()
    assert body["total"] == 1
    assert body["items"][0]["speaker"] == "Jens Stoltenberg" and body["items"][0]["cue"] == "kata"


def test_quotes_filter_by_speaker_and_article(api: httpx.Client) -> None:
    total, items = all_pages(api, "/v1/quotes", 7, speaker="stoltenberg")
    assert total == len(items) > 0 and all("Stoltenberg" in q["speaker"] for q in items)
    article_id = items[0]["article_id"]
    in_article = api.get("/v1/quotes", params={"article_id": article_id, "limit": 1000}).json()
    assert {q["article_id"] for q in in_article["items"]} == {article_id}


def test_events_pages_are_disjoint_and_complete(api: httpx.Client) -> None:
    total, items = all_pages(api, "/v1/events", 4)
    ids = [item["event_id"] for item in items]
    assert len(ids) == len(set(ids)) == total == api.get("/v1/health").json()["counts"]["events"]
    mentions = [item["num_mentions"] for item in items]
    assert mentions == sorted(mentions, reverse=True)


def test_event_filters(api: httpx.Client) -> None:
    russia = api.get("/v1/events", params={"actor": "RUS", "limit": 1000}).json()["items"]
    assert russia and all("RUS" in (e["source"], e["target"]) for e in russia)
    typed = api.get("/v1/events", params={"type": "consult", "limit": 1000}).json()["items"]
    assert typed and {e["type"] for e in typed} == {"CONSULT"}
    conflict = api.get("/v1/events", params={"quad": "M-conf", "limit": 1000}).json()["items"]
    assert conflict and {e["quad"] for e in conflict} == {"M-conf"}
    dated = api.get("/v1/events", params={"since": "2022-01-01", "until": "2022-12-31", "limit": 1000}).json()
    assert dated["total"] > 0 and all(e["month"].startswith("2022") for e in dated["items"])
    newest = api.get("/v1/events", params={"order": "date", "limit": 1}).json()["items"][0]
    assert newest["month"] == max(e["month"] for e in api.get("/v1/events?limit=1000").json()["items"] if e["month"])


def test_events_as_csv(api: httpx.Client) -> None:
    as_json = api.get("/v1/events", params={"actor": "RUS", "limit": 5, "offset": 1}).json()
    response = api.get("/v1/events", params={"actor": "RUS", "limit": 5, "offset": 1, "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-total-count"] == str(as_json["total"])
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in as_json["items"]]
    assert rows[0]["type"] == as_json["items"][0]["type"]


def test_event_detail_points_into_its_articles(api: httpx.Client) -> None:
    event = api.get("/v1/events", params={"limit": 1}).json()["items"][0]
    detail = api.get(f"/v1/events/{event['event_id']}").json()
    assert detail["event"] == event and len(detail["mentions"]) == event["num_mentions"]
    for mention in detail["mentions"]:
        text = api.get(f"/v1/articles/{mention['article_id']}").json()["text"]
        span = mention["evidence"]
        assert text[span["start"] : span["end"]] == span["text"]


def test_actors_list_and_profile(api: httpx.Client) -> None:
    total, actors = all_pages(api, "/v1/actors", 5)
    by_code = {a["code"]: a for a in actors}
    assert total == len(by_code) and by_code["RUS"]["name"] == "Rusia"
    assert by_code["RUS"]["events"] == by_code["RUS"]["as_source"] + by_code["RUS"]["as_target"]
    assert [a["code"] for a in api.get("/v1/actors", params={"q": "rusia"}).json()["items"]] == ["RUS"]
    profile = api.get("/v1/actors/RUS").json()
    assert profile["name"] == "Rusia" and {t["role"] for t in profile["totals"]} == {"source", "target"}
    assert sum(m["as_source"] for m in profile["timeline"]) == by_code["RUS"]["as_source"]
    assert any(p["name"] == "Sergey Lavrov" or p["name"] == "Sergei Lavrov" for p in profile["people"])


def test_dyad_timeline_and_network_agree_with_events(api: httpx.Client) -> None:
    events = api.get("/v1/events", params={"source": "NATO", "target": "RUS", "limit": 1000}).json()
    timeline = api.get("/v1/dyads/NATO/RUS/timeline").json()
    assert timeline["source"] == "NATO" and timeline["both"] is False
    assert sum(m["events"] for m in timeline["months"]) == events["total"] > 0
    network = api.get("/v1/network", params={"limit": 1000}).json()
    edge = next(e for e in network["edges"] if (e["source"], e["target"]) == ("NATO", "RUS"))
    assert edge["events"] == events["total"] == sum(edge["by_quad"].values())
    assert {"NATO", "RUS"} <= {node["id"] for node in network["nodes"]}


def test_dyad_of_an_unknown_actor_is_a_404_like_its_profile(api: httpx.Client) -> None:
    profile = api.get("/v1/actors/XYZ").json()["error"]
    dyad = api.get("/v1/dyads/RUS/XYZ/timeline").json()["error"]
    assert profile["code"] == dyad["code"] == "not_found"
    assert "unknown actor 'XYZ'" in profile["message"] and "unknown actor 'XYZ'" in dyad["message"]
    assert api.get("/v1/dyads/nato/rus/timeline").json()["source"] == "NATO"
    assert api.get("/v1/dyads/UKR/NATO/timeline").status_code == 200  # both known, never met: an empty list


def test_stories_and_story_detail(api: httpx.Client, records: dict[str, dict[str, Any]]) -> None:
    total, stories = all_pages(api, "/v1/stories", 2)
    assert total == len(stories) > 0
    article_id = next(iter(records))
    story_id = api.get(f"/v1/articles/{article_id}").json()["story_id"]
    assert story_id in {s["story_id"] for s in stories}
    story = api.get(f"/v1/stories/{story_id}").json()
    assert article_id in {a["id"] for a in story["articles"]}
    assert all(e["story_id"] == story["story_id"] for e in story["events"])


def test_search_finds_articles_actors_and_quotes(api: httpx.Client) -> None:
    found = api.get("/v1/search", params={"q": "Stoltenberg"}).json()
    assert found["articles"] and all("Stoltenberg" in a["snippet"] for a in found["articles"])
    assert "NATO" in {a["code"] for a in found["actors"]}
    assert any(q["speaker"] == "Jens Stoltenberg" for q in found["quotes"])


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/v1/articles/nope", 404, "not_found"),
        ("/v1/events/nope", 404, "not_found"),
        ("/v1/actors/XYZ", 404, "not_found"),
        ("/v1/dyads/XYZ/RUS/timeline", 404, "not_found"),
        ("/v1/dyads/RUS/XYZ/timeline", 404, "not_found"),
        ("/v1/stories/nope", 404, "not_found"),
        ("/v1/no-such-route", 404, "not_found"),
        ("/v1/events?limit=0", 422, "validation_error"),
        ("/v1/events?until=0", 422, "validation_error"),
        ("/v1/events?format=xml", 422, "validation_error"),
        ("/v1/search", 422, "validation_error"),
    ],
)
def test_one_error_shape(api: httpx.Client, path: str, status: int, code: str) -> None:
    response = api.get(path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == code and body["error"]["message"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/v1/events?until=0", "query.until: cannot read '0' as a date; give YYYY-MM-DD or a relative date"),
        ("/v1/events?since=1700000000", "query.since: cannot read '1700000000' as a date"),
        ("/v1/events?quad=foo", "query.quad: unknown quad 'foo'; one of V-coop, M-coop, V-conf, M-conf"),
        ("/v1/events?type=MEETING", "query.type: unknown event type 'MEETING'"),
        ("/v1/events?since=2022-04-01&until=2022-03-01", "query.since: since (2022-04-01) is after until (2022-03-01)"),
        ("/v1/events/geo?until=0", "query.until: cannot read '0' as a date"),
        ("/v1/network?until=0", "query.until: cannot read '0' as a date"),
        ("/v1/articles?since=0", "query.since: cannot read '0' as a date"),
    ],
)
def test_filter_values_are_checked_as_the_cli_checks_them(api: httpx.Client, path: str, message: str) -> None:
    response = api.get(path)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error" and message in error["message"]
    assert error["detail"][0]["loc"] == ["query", message.split(":")[0].removeprefix("query.")]


def test_relative_dates_and_codes_in_any_case_are_read(api: httpx.Client) -> None:
    for since in ("yesterday", "kemarin", "7 hari terakhir"):
        assert api.get("/v1/events", params={"since": since}).status_code == 200
    march = api.get("/v1/events", params={"since": "Maret 2022", "until": "2022-03", "limit": 1000}).json()
    assert march["total"] > 0 and all(e["month"] == "2022-03-01" for e in march["items"])
    assert (
        api.get("/v1/events", params={"quad": "m-conf"}).json()["total"]
        == api.get("/v1/events", params={"quad": "M-conf"}).json()["total"]
    )
    assert api.get("/v1/actors/rus").json()["actor"] == "RUS"


def test_validation_error_detail_names_the_parameter(api: httpx.Client) -> None:
    detail = api.get("/v1/events?limit=5000").json()["error"]["detail"]
    assert detail == [{"loc": ["query", "limit"], "msg": detail[0]["msg"], "type": "less_than_equal"}]


def test_wrong_method_has_the_error_shape(api: httpx.Client) -> None:
    response = api.delete("/v1/events")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"


def test_security_headers_on_data_and_errors(api: httpx.Client) -> None:
    for path in ("/v1/health", "/v1/articles/nope"):
        headers = api.get(path).headers
        assert headers["content-security-policy"] == "default-src 'self'"
        assert headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_every_route(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    wanted = {
        ("post", "/v1/extract"),
        ("post", "/v1/articles"),
        ("get", "/v1/events"),
        ("get", "/v1/actors/{code}"),
        ("get", "/v1/dyads/{a}/{b}/timeline"),
        ("get", "/v1/quotes"),
        ("get", "/v1/stories/{story_id}"),
        ("get", "/v1/articles/{article_id}"),
        ("get", "/v1/health"),
        ("get", "/v1/search"),
        ("get", "/v1/network"),
        ("get", "/v1/articles"),
        ("get", "/v1/actors"),
        ("get", "/v1/stories"),
    }
    assert wanted <= {(method, path) for path, ops in spec["paths"].items() for method in ops}
    error = spec["paths"]["/v1/articles/{article_id}"]["get"]["responses"]["404"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


@pytest.mark.parametrize("order", ["mentions", "date"])
def test_cursor_pages_equal_offset_pages(api: httpx.Client, order: str) -> None:
    by_offset = all_pages(api, "/v1/events", 4, order=order)[1]
    by_cursor: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 4, "order": order}
    while True:
        body = api.get("/v1/events", params=params).json()
        by_cursor += body["items"]
        if not body["next_cursor"]:
            break
        params["cursor"] = body["next_cursor"]
    assert [e["event_id"] for e in by_cursor] == [e["event_id"] for e in by_offset]


@pytest.mark.parametrize("cursor", ["nonsense", "eyJvIjoiZGF0ZSIsImsiOlsxLDJdfQ", "e30"])
def test_a_foreign_cursor_is_a_400(api: httpx.Client, cursor: str) -> None:
    response = api.get("/v1/events", params={"cursor": cursor})
    assert response.status_code == 400 and response.json()["error"]["code"] == "bad_request"


def test_event_entity_names_come_from_the_events_articles(api: httpx.Client) -> None:
    events = api.get("/v1/events", params={"limit": 10}).json()["items"]
    named = [e for e in events if e["source_entity"]]
    assert named and all(e["source_name"] for e in named)
    for event in named[:3]:
        mentions = api.get(f"/v1/events/{event['event_id']}").json()["mentions"]
        names = {
            entity["name"]
            for m in mentions
            for entity in api.get(f"/v1/articles/{m['article_id']}").json()["entities"]
            if entity["id"] == event["source_entity"]
        }
        assert event["source_name"] in names


def test_serve_tells_the_user_the_address_and_what_it_serves(server: Served) -> None:
    assert server.log is not None
    said = " ".join(server.log.read_text(encoding="utf-8").split())  # rich may wrap long lines
    assert f"Peristiwa is running at {server.url}/" in said and "Ctrl-C" in said
    assert "5 articles" in said
