"""Every place that spells the record agrees with model.py: the store's tables (as the migrations build them)
with the row builders, the merged-event columns with the queries and the API's event rows. A field added in one
place and forgotten in another fails here, naming both."""

from __future__ import annotations

import dataclasses
import typing

import duckdb

from peristiwa import model
from peristiwa.server.models import EventRow
from peristiwa.store import queries, rows
from peristiwa.store.derive import EVENT_COLUMNS
from peristiwa.store.schema import migrate
from peristiwa.stories.merge import MentionIn


def table_columns() -> dict[str, list[str]]:
    con = duckdb.connect()
    migrate(con)
    found: dict[str, list[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns ORDER BY table_name, ordinal_position"
    ).fetchall():
        found.setdefault(table, []).append(column)
    return found


TABLES = table_columns()


def test_mention_tables_match_the_row_builders() -> None:
    for table, columns in rows.COLUMNS.items():  # rows are inserted by column name: the order may differ
        only_db, only_rows = set(TABLES[table]) - set(columns), set(columns) - set(TABLES[table])
        assert not only_db and not only_rows, (
            f"{table}: columns only in the migrations {sorted(only_db)}, only in store/rows.py {sorted(only_rows)}"
        )


def test_merged_events_have_a_column_for_every_field() -> None:
    assert set(EVENT_COLUMNS) <= set(TABLES["events"]), "stories/merge.py MergedEvent has fields events lacks"
    assert set(queries.EVENT_FIELDS) <= set(TABLES["events"]), "store/queries.py reads columns events lacks"


def test_the_api_event_row_is_the_query_row() -> None:
    names = {"source_name", "target_name"}  # added by the read layer from the entities table
    assert set(EventRow.model_fields) - names == set(queries.EVENT_FIELDS)


def test_merge_reads_only_stored_mention_columns() -> None:
    fields = {f.name for f in dataclasses.fields(MentionIn)}
    assert fields <= set(TABLES["event_mentions"]), "MentionIn reads columns event_mentions lacks"


def leaf_paths(cls: type, prefix: str = "") -> list[str]:
    """Dotted paths of every leaf field of a record dataclass ("location.name", "evidence.start" …)."""
    hints = typing.get_type_hints(cls)
    paths = []
    for field in dataclasses.fields(cls):
        nested = [t for t in (hints[field.name], *typing.get_args(hints[field.name])) if dataclasses.is_dataclass(t)]
        name = prefix + field.name
        paths.extend(leaf_paths(nested[0], name + ".") if nested else [name])  # type: ignore[arg-type]
    return paths


def test_every_event_field_is_stored_or_left_out_on_purpose() -> None:
    stored = set(rows.EVENT_MENTION_SOURCES.values())
    forgotten = [
        path
        for path in leaf_paths(model.Event)
        if path not in stored and not any(path == out or path.startswith(out + ".") for out in rows.EVENT_NOT_STORED)
    ]
    assert forgotten == [], "model.Event fields neither in rows.EVENT_MENTION_SOURCES nor in EVENT_NOT_STORED"
    assert set(rows.EVENT_MENTION_SOURCES) | {"article_id", "event_id"} == set(rows.COLUMNS["event_mentions"])
