"""The inverted index of merged events (`event_keys`, migration 006): kept in step by the writer, read by
`queries.events_page`, rewritten in key order by `recluster`.

An event filter reads the rows of one key (the most selective one given) and tests the others on the
same rows (quad, type, day) or with a semi-join on their own key (a second actor, words); because the
table is ordered by key, DuckDB's min/max per row group skip the rest of the table. docs/store.md.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from peristiwa.store.bulk import Keys

# The key rows of the events `{which}` chooses (a condition on `event_id`), in key order; the macros are in migration 006 (which builds the first rows with the same SQL).
_ROWS = """
    WITH chosen AS (SELECT * FROM events WHERE {which}),
    evidence AS (
        SELECT m.event_id, string_agg(m.evidence_text, ' ') AS text FROM event_mentions m
        WHERE m.event_id IS NOT NULL AND {which} GROUP BY m.event_id)
    SELECT unnest(event_key_list(e.source, e.target, e.type, e.quad, e.location_name, e.story_id,
                                 event_words(concat_ws(' ', e.text, v.text)))) AS key,
           e.event_id, coalesce(e.num_mentions, 0), coalesce(e.month, DATE '9999-12-31'),
           coalesce(TRY_CAST(e.date AS DATE), e.month), e.quad, e.type
    FROM chosen e LEFT JOIN evidence v USING (event_id)
    ORDER BY key, 3 DESC, 4, e.event_id"""
RECLUSTER_AFTER = 2_000_000  # rows appended since the last ordering before the writer orders the table again


def index_events(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]) -> None:
    """Add the key rows of these (just inserted) events."""
    ids = sorted(set(event_ids))
    if ids:
        with Keys(con, ["id"], [(i,) for i in ids]) as keys:
            con.execute("INSERT INTO event_keys " + _ROWS.format(which=f"event_id IN (SELECT id FROM {keys})"))


def unindex_events(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]) -> None:
    """Remove the key rows of these events (before they are deleted and rebuilt)."""
    ids = sorted(set(event_ids))
    if ids:
        with Keys(con, ["id"], [(i,) for i in ids]) as keys:
            con.execute(f"DELETE FROM event_keys WHERE event_id IN (SELECT id FROM {keys})")


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Build the whole index again, in key order (a bulk load, a benchmark database)."""
    con.execute("DELETE FROM event_keys")
    con.execute("INSERT INTO event_keys " + _ROWS.format(which="true"))


def recluster(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite `event_keys` in key order (inside the caller's transaction): the rows a writer appended since
    the last time sit in row groups that hold every key, which each filter then has to read."""
    con.execute("CREATE TEMP TABLE _event_keys_ordered AS SELECT * FROM event_keys ORDER BY key, mentions DESC, month")
    con.execute("DELETE FROM event_keys")
    con.execute("INSERT INTO event_keys SELECT * FROM _event_keys_ordered")
    con.execute("DROP TABLE _event_keys_ordered")


def words(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """The words of a `text` filter, cut as the index cuts them."""
    found = con.execute("SELECT event_words(?)", [text]).fetchone()
    return list(found[0]) if found else []
