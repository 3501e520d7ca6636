"""The query paths of an event page on a real DuckDB file: the place filter, the literal test of a text on the
candidates its words leave (and the scan it falls back to), the page's events fetched in one statement, and
the undated network from `actor_partner` (issue 21)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.store import queries, reads
from peristiwa.store.queries import EventFilter, events_page
from peristiwa.store.synthetic import synthetic_records

PLACES = ("Jakarta", "Surabaya", "Jawa Barat", "Jawa Tengah")  # the last two share their first 8 bytes


def placed(record: dict[str, Any], index: int) -> dict[str, Any]:
    """The record with a place on its events (one of PLACES, in changing case) and `%`/`_` in some evidence."""
    place = PLACES[index % len(PLACES)]
    name = place.upper() if index % 3 == 0 else place
    events = []
    for event in record["events"]:
        evidence = event.get("evidence") or {}
        if index % 5 == 0 and evidence.get("text"):
            evidence = {**evidence, "text": "naik 50% di a_b " + evidence["text"]}
        events.append({**event, "location": {"name": name, "country": "ID"}, "evidence": evidence})
    return {**record, "events": events}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "pages.duckdb"
    records = [placed(r, i) for i, r in enumerate(synthetic_records(90, seed=5))]
    Peristiwa(path).ingest_records(records, batch_size=30)
    return path


def ids(con: duckdb.DuckDBPyConnection, where: EventFilter, story_id: str | None = None) -> set[str]:
    total, items, _ = events_page(con, where, story_id=story_id)
    assert total == len(items)
    return {item["event_id"] for item in items}


def scanned(con: duckdb.DuckDBPyConnection, condition: str, params: list[Any]) -> set[str]:
    return {row[0] for row in con.execute(f"SELECT event_id FROM events WHERE {condition}", params).fetchall()}


@pytest.mark.parametrize("typed", ["Jakarta", "jawa barat", "JAWA TENGAH", "Bandung"])
def test_place_filter_answers_what_a_scan_answers(db: Path, typed: str) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        expected = scanned(con, "lower(location_name) = lower(?)", [typed])
        assert ids(con, EventFilter(place=typed, limit=1000)) == expected
        assert bool(expected) == (typed != "Bandung")
        actor = con.execute("SELECT source FROM events WHERE lower(location_name) = lower(?)", [typed]).fetchone()
        if actor:
            both = EventFilter(place=typed, actor=actor[0], quad="V-conf", limit=1000)
            condition = "lower(location_name) = lower(?) AND (source = ? OR target = ?) AND quad = 'V-conf'"
            assert ids(con, both) == scanned(con, condition, [typed, actor[0], actor[0]])


def test_place_reaches_the_api_and_the_events_route(db: Path) -> None:
    from fastapi.testclient import TestClient

    from peristiwa.server.app import create_app
    from peristiwa.server.config import ServerOptions

    expected = len(Peristiwa(db).events(place="jakarta", limit=1000))
    assert expected
    with TestClient(create_app(db, options=ServerOptions(load_pipeline=False))) as client:
        answer = client.get("/v1/events", params={"place": "JAKARTA", "limit": 200})
    assert answer.status_code == 200 and answer.json()["total"] == expected
    assert {item["location_name"].lower() for item in answer.json()["items"]} == {"jakarta"}


def evidence_texts(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute(
        "SELECT e.event_id, concat_ws(' ', e.text, string_agg(m.evidence_text, ' ')) FROM events e "
        "LEFT JOIN event_mentions m ON m.event_id = e.event_id GROUP BY e.event_id, e.text"
    ).fetchall()
    return {event_id: text.casefold() for event_id, text in rows}


@pytest.mark.parametrize("lookups", [queries.LITERAL_LOOKUPS, 1])  # 1: too many candidates, the scan instead
@pytest.mark.parametrize("typed", ["50%", "a_b", "%", "_", "naik 50%", "5_%"])
def test_literal_text_on_the_candidates_or_by_scan(
    db: Path, typed: str, lookups: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "LITERAL_LOOKUPS", lookups)
    with duckdb.connect(str(db), read_only=True) as con:
        texts = evidence_texts(con)
        got = ids(con, EventFilter(text=typed, limit=1000))
    words = re.findall(r"[^\W_]+", typed.casefold())
    expected = {
        event_id
        for event_id, text in texts.items()
        if all(word in re.findall(r"[^\W_]+", text) for word in words) and typed.casefold() in text
    }
    assert got == expected
    assert bool(expected) == (typed != "5_%")  # `_` and `%` are never wildcards: "5_%" is not in "50%"


def one_by_one(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[dict[str, Any]]:
    """The page's events as they were fetched before: one statement per id."""
    sql = f"SELECT {', '.join(queries.EVENT_FIELDS)} FROM events WHERE event_id = ?"
    found = []
    for event_id in event_ids:
        cursor = con.execute(sql, [event_id])
        names = [d[0] for d in cursor.description or []]
        found += [{k: queries._jsonable(v) for k, v in zip(names, row, strict=True)} for row in cursor.fetchall()]
    return found


def test_a_page_fetched_in_one_statement_equals_one_lookup_per_event(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        every = [row[0] for row in con.execute("SELECT event_id FROM events ORDER BY random()").fetchall()]
        for page in (every[:50], every[50:53], ["no such event", "it's quoted", *every[:2]], []):
            assert queries._events_by_id(con, page) == one_by_one(con, page)
        total, items, _ = events_page(con, EventFilter(limit=50), order="date")
        assert [item["event_id"] for item in items] == [
            row[0]
            for row in con.execute(
                "SELECT event_id FROM events ORDER BY coalesce(TRY_CAST(date AS DATE), month, DATE '0001-01-01') "
                "DESC, event_id LIMIT 50"
            ).fetchall()
        ]
        assert total == len(every)


def test_undated_network_equals_the_monthly_counts(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        for quad in (None, "V-conf"):
            undated = reads.network(con, None, None, quad, 1, 5000)
            clause = "quad = ?" if quad else "true"
            by_month = con.execute(
                f"SELECT source, target, sum(events)::BIGINT, sum(mentions)::BIGINT FROM dyad_month "
                f"WHERE {clause} GROUP BY ALL",
                [quad] if quad else [],
            ).fetchall()
            assert {(e["source"], e["target"], e["events"], e["mentions"]) for e in undated["edges"]} == set(by_month)
            assert undated["edges"]
