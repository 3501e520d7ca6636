"""The event index (`event_keys`) answers every event filter exactly as a scan of the events would, and stays
in step with the events when the writer replaces articles and rebuilds their stories."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.store import event_keys
from peristiwa.store.queries import EventFilter, events_page
from peristiwa.store.synthetic import synthetic_records
from tests.store.records import summit_record


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "keys.duckdb"
    records = list(synthetic_records(120, seed=3))
    Peristiwa(path).ingest_records(records, batch_size=40)
    changed = [changed_version(r) for r in records[::7]]
    Peristiwa(path).ingest_records([*changed, summit_record("https://a.example/1", "Antara")], batch_size=10)
    return path


def changed_version(record: dict[str, Any]) -> dict[str, Any]:
    """A new version of an article (same url, other content) whose events' evidence has `%` and `_`."""
    text = "50% a_b. " + record["text"]
    evidence = {"start": 0, "end": 10, "text": text[:10]}
    events = [{**event, "evidence": evidence} for event in record["events"]]
    return {**record, "id": record["id"][:-1] + "x", "text": text, "events": events}


def index_rows(con: duckdb.DuckDBPyConnection) -> list[Any]:
    return sorted(con.execute("SELECT * FROM event_keys").fetchall(), key=repr)


def test_the_index_kept_by_the_writer_equals_one_built_from_scratch(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(db, copy)
    with duckdb.connect(str(db), read_only=True) as con:
        kept, kept_lists = index_rows(con), key_lists(con)
    with duckdb.connect(str(copy)) as con:
        event_keys.rebuild(con)
        rebuilt, rebuilt_lists = index_rows(con), key_lists(con)
        event_keys.recluster(con)
        assert index_rows(con) == rebuilt
    assert kept and kept == rebuilt and kept_lists == rebuilt_lists


def key_lists(con: duckdb.DuckDBPyConnection) -> list[Any]:
    return con.execute("SELECT event_id, index_keys FROM events ORDER BY event_id").fetchall()


def scanned(con: duckdb.DuckDBPyConnection, condition: str, params: list[Any]) -> set[str]:
    sql = f"SELECT event_id FROM events e WHERE {condition}"
    return {row[0] for row in con.execute(sql, params).fetchall()}


def found(con: duckdb.DuckDBPyConnection, where: EventFilter, story_id: str | None = None) -> set[str]:
    total, items, _ = events_page(con, where, story_id=story_id)
    assert total == len(items)
    return {item["event_id"] for item in items}


def test_every_filter_answers_what_a_scan_answers(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        source, target, kind, story = con.execute(
            "SELECT source, target, type, story_id FROM events WHERE target IS NOT NULL LIMIT 1"
        ).fetchone() or ("", "", "", "")
        day = dt.date(2018, 1, 1)
        day_sql = "coalesce(TRY_CAST(e.date AS DATE), e.month)"
        cases: list[tuple[EventFilter, str | None, str, list[Any]]] = [
            (EventFilter(actor=source, limit=1000), None, "(source = ? OR target = ?)", [source, source]),
            (
                EventFilter(source=source, target=target, limit=1000),
                None,
                "source = ? AND target = ?",
                [source, target],
            ),
            (EventFilter(target=target, limit=1000), None, "target = ?", [target]),
            (EventFilter(type=kind, limit=1000), None, "type = ?", [kind]),
            (EventFilter(quad="V-conf", limit=1000), None, "quad = ?", ["V-conf"]),
            (EventFilter(since=day, limit=1000), None, f"{day_sql} >= ?", [day]),
            (
                EventFilter(actor=source, type=kind, until=day, limit=1000),
                None,
                f"(source = ? OR target = ?) AND type = ? AND {day_sql} <= ?",
                [source, source, kind, day],
            ),
            (EventFilter(limit=1000), story, "story_id = ?", [story]),
        ]
        for where, story_id, condition, params in cases:
            assert found(con, where, story_id) == scanned(con, condition, params), where


@pytest.mark.parametrize("typed", ["%", "_", "50%", "a_b", "Pembaruan", "pembaruan 50", "menuduh"])
def test_text_matches_words_and_is_literal_beyond_them(db: Path, typed: str) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT e.event_id, concat_ws(' ', e.text, string_agg(m.evidence_text, ' ')) FROM events e "
            "LEFT JOIN event_mentions m ON m.event_id = e.event_id GROUP BY e.event_id, e.text"
        ).fetchall()
        texts = {event_id: text.casefold() for event_id, text in rows}
        got = found(con, EventFilter(text=typed, limit=1000))
    words = re.findall(r"[^\W_]+", typed.casefold())
    expected = {
        event_id
        for event_id, text in texts.items()
        if all(word in re.findall(r"[^\W_]+", text) for word in words)
        and (typed.replace(" ", "").isalnum() or typed.casefold() in text)
    }
    assert got == expected
    assert expected or typed not in ("50%", "a_b")  # the fixture has matches for these


def test_cursor_pages_follow_each_other_without_gaps(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        for order in ("mentions", "date"):
            total, first, last = events_page(con, EventFilter(limit=1000), order=order)
            seen: list[str] = []
            after = None
            while True:
                _, page, after = events_page(con, EventFilter(limit=7), order=order, after=after)
                seen += [row["event_id"] for row in page]
                if len(page) < 7:
                    break
            assert seen == [row["event_id"] for row in first] and len(seen) == total
