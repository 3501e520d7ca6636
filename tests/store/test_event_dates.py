"""Event dates in the store (issue 16): source and precision stored, merged, aggregated, exported; a database
written before them migrates and keeps working."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb

from peristiwa.api import Peristiwa
from peristiwa.settings import DATA_DIR
from peristiwa.store import reads, schema
from peristiwa.store.connection import connect, connection
from peristiwa.store.export import gdelt_columns
from peristiwa.stories.merge import MentionIn, Report, merge_story
from peristiwa.stories.ontology import plover_types
from tests.store.records import BODY_OTHER, BODY_SUMMIT, event, record, summit_entities

CAMEO_ROOT = {"11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "04": "CONSULT"}  # GDELT names no PLOVER type


def _dated(
    eid: str, kind: str, target: str | None, date: str | None, source: str, precision: str | None
) -> dict[str, Any]:
    return {**event(eid, kind, "RUS", target, date), "date_source": source, "date_precision": precision}


def _records() -> list[dict[str, Any]]:
    """One report dates the meeting in its clause, a later one only by its own date; an older accusation is
    known to the month, an undated one not at all."""
    first = record(
        BODY_SUMMIT,
        url="https://a.example/1",
        outlet="Antara",
        published="2022-03-11",
        entities=summit_entities(),
        events=[
            _dated("ev1", "CONSULT", "UKR", "2022-03-10", "clause", "day"),
            _dated("ev2", "ACCUSE", "UKR", "2022-02", "sentence", "month"),
        ],
    )
    later = record(
        BODY_SUMMIT + " Laporan berikutnya.",
        url="https://b.example/2",
        outlet="Kompas",
        published="2022-03-14",
        entities=summit_entities(),
        events=[_dated("ev1", "CONSULT", "UKR", "2022-03-14", "report", "day")],
    )
    other = record(
        BODY_OTHER,
        url="https://c.example/3",
        outlet="Tempo",
        published="2022-05-02",
        entities=summit_entities(),
        events=[
            _dated("ev1", "REJECT", "UKR", "2022-05-02", "report", "day"),
            _dated("ev2", "THREATEN", "UKR", None, "none", None),
        ],
    )
    return [first, later, other]


def _filled(tmp_path: Path) -> Peristiwa:
    db = Peristiwa(tmp_path / "dates.duckdb")
    db.ingest_records(_records())
    return db


def test_a_report_dated_mention_joins_the_event_its_text_dates_days_before(tmp_path: Path) -> None:
    db = _filled(tmp_path)
    consult = db.events(type="CONSULT")
    assert len(consult) == 1
    assert (consult[0]["date"], consult[0]["date_source"], consult[0]["date_precision"]) == (
        "2022-03-10",
        "clause",
        "day",
    )
    assert consult[0]["num_copies"] == 2


def test_timelines_count_report_dated_events_apart_and_undated_ones_without_a_month(tmp_path: Path) -> None:
    db = _filled(tmp_path)
    months = {(r["month"], r["quad"]): r for r in db.dyad_timeline("RUS", "UKR")}
    assert months[("2022-05-01", "V-conf")]["reported"] == 1
    assert months[("2022-03-01", "V-coop")]["reported"] == 0
    assert months[("2022-02-01", "V-conf")]["reported"] == 0
    assert months[(None, "V-conf")]["events"] == 1  # the undated threat: no month, not the report's
    with connection(db.db, read_only=True) as con:
        profile = reads.actor_profile(con, "RUS")
    assert profile is not None
    reported = sum(r["reported_as_source"] for r in profile["timeline"])
    assert reported == 1 and all(r["reported_as_target"] == 0 for r in profile["timeline"])


def test_exports_carry_the_best_date_and_its_precision(tmp_path: Path) -> None:
    db = _filled(tmp_path)
    db.export("plover-jsonl", tmp_path / "events.jsonl")
    plover = {r["event_type"]: r for r in map(json.loads, (tmp_path / "events.jsonl").read_text().splitlines())}
    assert (plover["ACCUSE"]["event_date"], plover["ACCUSE"]["date_precision"]) == ("2022-02", "month")
    assert (plover["REJECT"]["event_date"], plover["REJECT"]["date_source"]) == ("2022-05-02", "report")
    assert plover["THREATEN"]["event_date"] is None and plover["THREATEN"]["date_source"] == "none"
    db.export("gdelt-tsv", tmp_path / "events.tsv")
    names = [name for name, _ in gdelt_columns()]  # GDELT 2.0 files have no header row
    with (tmp_path / "events.tsv").open(encoding="utf-8", newline="") as handle:
        gdelt_rows = [dict(zip(names, row, strict=True)) for row in csv.reader(handle, delimiter="\t")]
    gdelt = {CAMEO_ROOT[r["EventRootCode"]]: r for r in gdelt_rows}
    assert (gdelt["ACCUSE"]["Day"], gdelt["ACCUSE"]["MonthYear"], gdelt["ACCUSE"]["Year"]) == (
        "20220201",
        "202202",
        "2022",
    )
    assert gdelt["THREATEN"]["Day"] == ""
    db.export("csv", tmp_path / "events.csv")
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["type"]: r for r in csv.DictReader(handle)}
    assert (rows["CONSULT"]["date_source"], rows["CONSULT"]["date_precision"]) == ("clause", "day")


def test_merge_prefers_the_text_s_date_over_the_report_s() -> None:
    reports = {a: Report(a, dt.date(2022, 3, 14), a, a, None) for a in ("a", "b")}
    mentions = [
        MentionIn("a", "m1", "CONSULT", "RUS", "UKR", date="2022-03-14", date_source="report", date_precision="day"),
        MentionIn("b", "m1", "CONSULT", "RUS", "UKR", date="2022-03-12", date_source="lead", date_precision="day"),
    ]
    (merged,) = merge_story("s", mentions, reports, plover_types(DATA_DIR))
    assert (merged.date, merged.date_source, merged.month) == ("2022-03-12", "lead", dt.date(2022, 3, 1))


def test_a_database_written_before_event_dates_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR)")
    for migration in schema.migrations()[:4]:
        con.execute(migration.sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [migration.version, migration.name])
    con.execute("""INSERT INTO events (event_id, source, target, quad, date, month, num_mentions) VALUES
                   ('e1', 'RUS', 'UKR', 'V-coop', '2022-03-10', DATE '2022-03-01', 1),
                   ('e2', 'RUS', 'UKR', 'V-conf', NULL, DATE '2022-04-01', 2),
                   ('e3', 'RUS', 'UKR', 'V-conf', NULL, NULL, 1)""")
    con.execute("""INSERT INTO event_mentions (article_id, mention_id, type, date) VALUES
                   ('a', 'm1', 'CONSULT', '2022-03'), ('a', 'm2', 'ACCUSE', NULL)""")
    con.close()
    con = connect(path)
    try:
        events = con.execute("SELECT event_id, date, date_source, date_precision FROM events ORDER BY 1").fetchall()
        assert events == [
            ("e1", "2022-03-10", "clause", "day"),
            ("e2", "2022-04", "report", "month"),
            ("e3", None, "none", None),
        ]
        assert con.execute("SELECT date_source, date_precision FROM event_mentions ORDER BY mention_id").fetchall() == [
            ("clause", "month"),
            ("none", None),
        ]
        reported = con.execute("SELECT month, reported FROM dyad_month ORDER BY month NULLS LAST").fetchall()
        assert reported == [(dt.date(2022, 3, 1), 0), (dt.date(2022, 4, 1), 1), (None, 0)]
    finally:
        con.close()
