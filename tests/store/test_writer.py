"""Ingest: idempotent by content id, changed articles replace old rows, copies and stories linked."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.settings import DATA_DIR
from peristiwa.store import schema
from peristiwa.store.connection import connect
from peristiwa.store.errors import WriteFailed
from peristiwa.store.writer import Writer
from tests.conftest import SAMPLES
from tests.store.conftest import corpus, dump
from tests.store.records import BODY_SUMMIT, summit_record


def test_schema_is_migrated_once_in_order(tmp_path: Path) -> None:
    con = connect(tmp_path / "db.duckdb")
    versions = con.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert [v for v, _ in versions] == [m.version for m in schema.migrations()]
    assert schema.migrate(con) == []
    con.close()


def test_reingesting_the_same_records_changes_nothing(filled: Peristiwa) -> None:
    before = dump(filled.db)
    report = filled.ingest_records(corpus())
    assert (report.added, report.skipped) == (0, 4)
    assert dump(filled.db) == before


def test_syndicated_copy_is_linked_and_counted_once(filled: Peristiwa) -> None:
    [consult] = filled.events(type="CONSULT")
    assert consult["num_copies"] == 3  # three articles carry it …
    assert consult["num_articles"] == 2  # … but two are one report
    assert consult["num_mentions"] == 2 and consult["num_sources"] == 3
    assert consult["date"] == "2022-03-10"


def test_follow_up_joins_the_story_and_the_unrelated_article_does_not(filled: Peristiwa) -> None:
    stories = filled.stories()
    sizes = sorted(s["num_articles"] for s in stories)
    assert sizes == [1, 3]
    big = next(s for s in stories if s["num_articles"] == 3)
    assert big["num_reports"] == 2 and big["num_events"] == 2


def test_changed_article_replaces_its_old_rows(filled: Peristiwa) -> None:
    changed = summit_record("https://a.example/1", "Antara", text=BODY_SUMMIT + " Pembaruan: perundingan ditunda.")
    report = filled.ingest_records([changed])
    assert (report.added, report.replaced) == (1, 1)
    con = duckdb.connect(str(filled.db), read_only=True)
    ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE source_key = 'https://a.example/1'").fetchall()]
    orphans = con.execute(
        "SELECT count(*) FROM event_mentions WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()
    con.close()
    assert ids == [changed["id"]]
    assert orphans == (0,)
    assert filled.counts()["articles"] == 4


def test_a_failing_batch_leaves_the_database_as_it_was(filled: Peristiwa, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(filled.db)

    def broken(*_: object) -> None:
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr("peristiwa.store.derive.refresh_aggregates", broken)
    con = connect(filled.db)
    with pytest.raises(WriteFailed, match="rolled back"):
        Writer(con, DATA_DIR).write([summit_record("https://d.example/9", "Detik", text=BODY_SUMMIT + " Tambahan.")])
    con.close()
    assert dump(filled.db) == before


def test_real_seed_articles_go_through_pipeline_and_store(tmp_path: Path) -> None:
    store = Peristiwa(tmp_path / "seeds.duckdb")
    report = store.ingest([str(SAMPLES)])
    assert report.added == 5 and report.failed == 0
    again = store.ingest([str(SAMPLES)])
    assert (again.added, again.skipped) == (0, 5)
    counts = store.counts()
    assert counts["articles"] == 5 and counts["stories"] >= 1
    con = duckdb.connect(str(store.db), read_only=True)
    texts = con.execute("SELECT count(*) FROM articles WHERE length(text) > 200").fetchone()
    con.close()
    assert texts == (5,)
    lavrovs = [p for p in store.actor("RUS")["people"] if "Lavrov" in p["name"]]
    assert len(lavrovs) == 1 and lavrovs[0]["articles"] == 3  # "Sergei" in one seed, "Sergey" in two: one KB id
