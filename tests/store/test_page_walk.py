"""Pages that name no filter key (no filter, a date range alone, `order=date`, their cursor pages and offsets)
read the index (`e:` and `m:YYYY-MM` keys, migration 011) and give exactly the rows a sort of every event gives;
a page of a big key walks windows of it in page order (`queries._walk_mentions`). On a real DuckDB file of
generated events (1-5 mentions, ten years of days), with the walk made to start at 10 rows."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.store import derive, event_keys, queries, schema, synthetic
from peristiwa.store.connection import connect
from peristiwa.store.queries import EventFilter, events_page
from peristiwa.store.synthetic import synthetic_records

EVENTS = 3000
DAY = "coalesce(TRY_CAST(date AS DATE), month)"
ORDERS = {
    "mentions": "coalesce(num_mentions, 0) DESC, coalesce(month, DATE '9999-12-31'), event_id",
    "date": f"coalesce({DAY}, DATE '0001-01-01') DESC, event_id",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("walk") / "walk.duckdb"
    rng = random.Random(8)
    con = connect(path)
    synthetic.build_events(con, EVENTS, sorted({synthetic._word(rng) for _ in range(300)}), batch=1000)
    con.execute("UPDATE events SET date = NULL, month = NULL, index_keys = NULL WHERE event_id LIKE '%7'")  # undated
    con.execute("BEGIN TRANSACTION")
    event_keys.rebuild(con)
    derive.rebuild_aggregates(con)
    con.execute("COMMIT")
    con.close()
    return path


@pytest.fixture(autouse=True)
def small_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "WALK_FROM", 10)


def scanned(con: duckdb.DuckDBPyConnection, order: str, condition: str = "true", params: Any = ()) -> list[str]:
    sql = f"SELECT event_id FROM events WHERE {condition} ORDER BY {ORDERS[order]}"
    return [row[0] for row in con.execute(sql, list(params)).fetchall()]


def followed(con: duckdb.DuckDBPyConnection, where: EventFilter, order: str) -> tuple[int, list[str]]:
    """Every page from the first on, each from the previous page's cursor."""
    seen: list[str] = []
    after, total = None, -1
    while True:
        total, page, after = events_page(con, where, order=order, after=after)
        seen += [row["event_id"] for row in page]
        if len(page) < where.limit:
            return total, seen


@pytest.mark.parametrize("order", ["mentions", "date"])
def test_unfiltered_cursor_pages_are_complete_and_in_order(db: Path, order: str) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        expected = scanned(con, order)
        total, seen = followed(con, EventFilter(limit=97), order)
    assert len(expected) == EVENTS and total == EVENTS and seen == expected


@pytest.mark.parametrize("order", ["mentions", "date"])
@pytest.mark.parametrize("offset", [0, 1, 49, 50, 733, 2950, 2999, 3000])
def test_unfiltered_offsets_give_the_rows_of_a_sort(db: Path, order: str, offset: int) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        expected = scanned(con, order)[offset : offset + 50]
        total, items, _ = events_page(con, EventFilter(limit=50), offset=offset, order=order)
    assert total == EVENTS and [item["event_id"] for item in items] == expected


RANGES = [
    (dt.date(2018, 3, 1), dt.date(2018, 3, 31)),  # one month
    (dt.date(2018, 3, 10), dt.date(2018, 4, 20)),  # parts of two
    (dt.date(2019, 1, 1), dt.date(2020, 12, 31)),  # 24 months: their keys
    (dt.date(2016, 6, 1), dt.date(2022, 5, 31)),  # 72 months: every event's key and its days
    (dt.date(2023, 1, 1), None),
    (None, dt.date(2015, 2, 14)),
    (dt.date(2030, 1, 1), None),  # no event
]


@pytest.mark.parametrize("order", ["mentions", "date"])
@pytest.mark.parametrize(("since", "until"), RANGES)
def test_a_date_range_reads_its_months_and_answers_what_a_scan_answers(
    db: Path, order: str, since: dt.date | None, until: dt.date | None
) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        expected = scanned(
            con,
            order,
            f"{DAY} >= coalesce(?, DATE '0001-01-01') AND {DAY} <= coalesce(?, DATE '9999-12-31')",
            [since, until],
        )
        total, seen = followed(con, EventFilter(since=since, until=until, limit=41), order)
        _, offset_page, _ = events_page(con, EventFilter(since=since, until=until, limit=30), offset=35, order=order)
    assert total == len(expected) and seen == expected
    assert [item["event_id"] for item in offset_page] == expected[35:65]


@pytest.mark.parametrize("kind", ["type", "quad", "actor"])
def test_a_big_key_walked_in_windows_pages_as_a_sort(db: Path, kind: str) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        value, column = {"type": ("ACCUSE", "type = ?"), "quad": ("V-conf", "quad = ?"), "actor": ("IDN", "?")}[kind]
        condition = "(source = ? OR target = ?)" if kind == "actor" else column
        params = [value, value] if kind == "actor" else [value]
        expected = scanned(con, "mentions", condition, params)
        total, seen = followed(con, EventFilter(limit=23, **{kind: value}), "mentions")
        _, items, _ = events_page(con, EventFilter(limit=20, **{kind: value}), offset=len(expected) // 2)
    assert len(expected) > 100 and total == len(expected) and seen == expected
    assert [item["event_id"] for item in items] == expected[len(expected) // 2 :][:20]


def test_migration_011_upgrades_a_file_of_the_previous_version(tmp_path: Path) -> None:
    """A file whose schema and index are those of migrations 001-010 gets the month and every-event keys, and then
    holds what a file built by this version holds."""
    current = tmp_path / "current.duckdb"
    Peristiwa(current).ingest_records(list(synthetic_records(60, seed=12)), batch_size=30)
    previous = tmp_path / "previous.duckdb"
    folder = tmp_path / "migrations"
    folder.mkdir()
    for path in schema.MIGRATIONS_DIR.glob("*.sql"):
        if int(path.name[:3]) < 11:
            shutil.copy(path, folder / path.name)
    with duckdb.connect(str(previous)) as con:
        schema.migrate(con, folder)
        con.execute(f"ATTACH '{current}' AS cur (READ_ONLY)")
        for table in ("articles", "event_mentions", "entities", "stories", "dyad_month", "actor_partner"):
            con.execute(f"INSERT INTO {table} SELECT * FROM cur.{table}")
        old = "list_filter(index_keys, k -> NOT (k = 'e:' OR k ^@ 'm:'))"
        con.execute(f"INSERT INTO events SELECT * REPLACE ({old} AS index_keys) FROM cur.events")
        con.execute("INSERT INTO event_keys SELECT * FROM cur.event_keys WHERE NOT (key = 'e:' OR key ^@ 'm:')")
        con.execute("DETACH cur")
        assert schema.migrate(con) == [11, 12]
        upgraded = sorted(map(repr, con.execute("SELECT * FROM event_keys").fetchall()))
        lists = con.execute("SELECT event_id, index_keys FROM events ORDER BY event_id").fetchall()
    with duckdb.connect(str(current), read_only=True) as con:
        assert upgraded == sorted(map(repr, con.execute("SELECT * FROM event_keys").fetchall()))
        assert lists == con.execute("SELECT event_id, index_keys FROM events ORDER BY event_id").fetchall()
    assert any(row.startswith("('m:") for row in upgraded)
