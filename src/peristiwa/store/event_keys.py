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

# The key rows of the events `{which}` chooses (a condition on `event_id`), in key order; the macros are in
# migration 006 (which builds the first rows with the same SQL).
_ROWS = """
    WITH chosen AS (SELECT * FROM events WHERE {which}),
    evidence AS (
        SELECT m.event_id, string_agg(m.evidence_text, ' ') AS text FROM event_mentions m
        WHERE m.event_id IS NOT NULL AND {which} GROUP BY m.event_id),
    keyed AS (
        SELECT unnest(event_key_list(e.source, e.target, e.type, e.quad, e.location_name, e.story_id,
                                     event_words(concat_ws(' ', e.text, v.text)))) AS key,
               e.event_id, coalesce(e.num_mentions, 0) AS mentions, coalesce(e.month, DATE '9999-12-31') AS month,
               coalesce(TRY_CAST(e.date AS DATE), e.month) AS day, e.quad, e.type
        FROM chosen e LEFT JOIN evidence v USING (event_id))
    SELECT *, event_key_hash(key) AS hkey FROM keyed ORDER BY hkey, mentions DESC, month, event_id"""
RECLUSTER_AFTER = 2_000_000  # rows appended since the last ordering before the writer orders the table again


def index_events(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]) -> None:
    """Add the key rows of these (just inserted) events, and note each event's keys on its row."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        con.execute("CREATE TEMP TABLE _new_keys AS " + _ROWS.format(which=f"event_id IN (SELECT id FROM {keys})"))
    try:
        con.execute("INSERT INTO event_keys SELECT * FROM _new_keys")
        con.execute("""UPDATE events SET index_keys = k.keys FROM (
                           SELECT event_id, list(key ORDER BY key) AS keys FROM _new_keys GROUP BY event_id) k
                       WHERE events.event_id = k.event_id""")
        con.execute("UPDATE event_keys_state SET appended = appended + (SELECT count(*) FROM _new_keys)")
    finally:
        con.execute("DROP TABLE _new_keys")
    appended = con.execute("SELECT appended FROM event_keys_state").fetchone()
    if appended and appended[0] > RECLUSTER_AFTER:
        recluster(con)


def unindex_stories(con: duckdb.DuckDBPyConnection, story_ids: str) -> None:
    """Remove the key rows of the events of these stories (`story_ids`: a relation with an `id` column), before
    the events are deleted and rebuilt. Each event's `index_keys` names its rows, so the delete joins on
    (hkey, key, event_id) and DuckDB's join filter on `hkey` can skip the row groups of other keys."""
    con.execute(f"""DELETE FROM event_keys USING (
                        SELECT event_key_hash(key) AS hkey, key, event_id FROM (
                            SELECT unnest(index_keys) AS key, event_id FROM events
                            WHERE story_id IN (SELECT id FROM {story_ids}))) doomed
                    WHERE event_keys.hkey = doomed.hkey AND event_keys.key = doomed.key
                      AND event_keys.event_id = doomed.event_id""")


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Build the whole index again, in key order (a bulk load, a benchmark database)."""
    con.execute("DELETE FROM event_keys")
    con.execute("INSERT INTO event_keys " + _ROWS.format(which="true"))
    con.execute("""UPDATE events SET index_keys = k.keys FROM (
                       SELECT event_id, list(key ORDER BY key) AS keys FROM event_keys GROUP BY event_id) k
                   WHERE events.event_id = k.event_id""")
    con.execute("UPDATE event_keys_state SET appended = 0")


def recluster(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite `event_keys` in key order (inside the caller's transaction): the rows a writer appended since
    the last time sit in row groups that hold every key, which each filter then has to read."""
    con.execute(
        "CREATE TEMP TABLE _event_keys_ordered AS "
        "SELECT * FROM event_keys ORDER BY hkey, mentions DESC, month, event_id"
    )
    con.execute("DELETE FROM event_keys")
    con.execute("INSERT INTO event_keys SELECT * FROM _event_keys_ordered")
    con.execute("DROP TABLE _event_keys_ordered")
    con.execute("UPDATE event_keys_state SET appended = 0")


def words(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """The words of a `text` filter, cut as the index cuts them."""
    found = con.execute("SELECT event_words(?)", [text]).fetchone()
    return list(found[0]) if found else []
