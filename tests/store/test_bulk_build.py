"""The set-wise builders a big database is made with (issue 21) give the derived tables the writer gives:
the event index and key lists (`event_keys.rebuild`, `index_all`) and the aggregates (`rebuild_aggregates`),
and the SQL generator of synthetic events (`synthetic.build_events`) writes key lists the store's own macros
would write for its events and mentions."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.store import derive, event_keys, synthetic
from peristiwa.store.connection import connect
from peristiwa.store.synthetic import synthetic_records


def derived(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The derived tables, each as sorted rows, and the key rows in table order."""
    tables = {
        "dyad_month": "SELECT * FROM dyad_month",
        "actor_partner": "SELECT * FROM actor_partner",
        "index_keys": "SELECT event_id, index_keys FROM events",
        "event_keys": "SELECT * FROM event_keys",
    }
    found: dict[str, Any] = {name: sorted(map(repr, con.execute(sql).fetchall())) for name, sql in tables.items()}
    found["order"] = con.execute("SELECT hkey, mentions, month FROM event_keys").fetchall()
    return found


def rebuilt(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    con.execute("BEGIN TRANSACTION")
    event_keys.rebuild(con)
    derive.rebuild_aggregates(con)
    con.execute("COMMIT")
    return derived(con)


def test_set_wise_builders_give_what_the_writer_keeps(tmp_path: Path) -> None:
    db = tmp_path / "written.duckdb"
    Peristiwa(db).ingest_records(list(synthetic_records(150, seed=4)), batch_size=50)
    copy = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(db, copy)
    with duckdb.connect(str(db), read_only=True) as con:
        kept = derived(con)
    with duckdb.connect(str(copy)) as con:
        again = rebuilt(con)
    assert kept["event_keys"] and {k: v for k, v in kept.items() if k != "order"} == {
        k: v for k, v in again.items() if k != "order"
    }
    assert again["order"] == sorted(again["order"], key=lambda row: (row[0], -row[1], row[2]))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("generated") / "generated.duckdb"
    rng = random.Random(2)
    words = sorted({synthetic._word(rng) for _ in range(400)})
    con = connect(db)
    synthetic.build_events(con, 3000, words, batch=1000)
    con.execute("BEGIN TRANSACTION")
    event_keys.index_all(con)
    derive.rebuild_aggregates(con)
    con.execute("COMMIT")
    con.close()
    return db


def test_generated_events_are_shaped_as_the_store_derives_them(generated: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(generated, copy)
    with duckdb.connect(str(copy)) as con:
        built = derived(con)
        counts = con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT sum(num_mentions) FROM events), "
            "(SELECT count(*) FROM event_mentions), (SELECT count(DISTINCT key) FROM event_keys WHERE key ^@ 'm:')"
        ).fetchone()
        again = rebuilt(con)  # key lists from the texts and mentions, by the migrations' macros
    assert counts is not None and counts[0] == 3000 and counts[1] == counts[2] and counts[3] > 100
    assert built == again
