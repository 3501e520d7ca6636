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

# The key list of each event `{which}` chooses (a condition on `event_id`), sorted as `events.index_keys` holds
# it; the macros are in migrations 006 and 011.
_LISTS = """
    WITH chosen AS (SELECT * FROM events WHERE {which}),
    evidence AS (
        SELECT m.event_id, string_agg(m.evidence_text, ' ') AS text FROM event_mentions m
        WHERE m.event_id IS NOT NULL AND {which} GROUP BY m.event_id)
    SELECT e.event_id, list_sort(event_key_list(e.source, e.target, e.type, e.quad, e.location_name, e.story_id,
                                                coalesce(TRY_CAST(e.date AS DATE), e.month),
                                                event_words(concat_ws(' ', e.text, v.text)))) AS keys
    FROM chosen e LEFT JOIN evidence v USING (event_id)"""
# The key rows of the events `{chosen}` gives (rows of `events` with their key list as `keys`), in table order.
# The number of each distinct key is computed once (MD5 is the costly part of a bulk build: 17 keys per event).
_ROWS = """
    WITH keyed AS (
        SELECT unnest(e.keys) AS key, e.event_id, coalesce(e.num_mentions, 0) AS mentions,
               coalesce(e.month, DATE '9999-12-31') AS month, coalesce(TRY_CAST(e.date AS DATE), e.month) AS day,
               e.quad, e.type
        FROM {chosen} e),
    hashed AS (SELECT key, event_key_hash(key) AS hkey FROM (SELECT DISTINCT key FROM keyed))
    SELECT k.*, h.hkey FROM keyed k JOIN hashed h USING (key) ORDER BY h.hkey, k.mentions DESC, k.month, k.event_id"""
RECLUSTER_AFTER = 2_000_000  # rows appended since the last ordering before the writer orders the table again


def index_events(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]) -> None:
    """Add the key rows of these (just inserted) events, and note each event's keys on its row."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        con.execute("CREATE TEMP TABLE _new_lists AS " + _LISTS.format(which=f"event_id IN (SELECT id FROM {keys})"))
    try:
        chosen = "(SELECT e.*, l.keys FROM _new_lists l JOIN events e USING (event_id))"
        con.execute("INSERT INTO event_keys " + _ROWS.format(chosen=chosen))
        con.execute("""UPDATE events SET index_keys = k.keys FROM _new_lists k WHERE events.event_id = k.event_id""")
        con.execute("UPDATE event_keys_state SET appended = appended + (SELECT sum(len(keys)) FROM _new_lists)")
        _widen_days(con, "(SELECT e.* FROM _new_lists l JOIN events e USING (event_id))")
    finally:
        con.execute("DROP TABLE _new_lists")
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
    """Build the whole index again, set-wise and in key order (a bulk load, a benchmark database). Only the
    events whose key list changed are updated (a list column's update is slow; a bulk loader that wrote the
    lists itself, as `synthetic.build_events` does, has none to update)."""
    con.execute("CREATE TEMP TABLE _all_lists AS " + _LISTS.format(which="true"))
    try:
        con.execute("""UPDATE events SET index_keys = k.keys FROM _all_lists k
                       WHERE events.event_id = k.event_id AND events.index_keys IS DISTINCT FROM k.keys""")
    finally:
        con.execute("DROP TABLE _all_lists")
    index_all(con)


def index_all(con: duckdb.DuckDBPyConnection) -> None:
    """Write every key row again from the events' key lists (`events.index_keys`), in key order."""
    con.execute("DELETE FROM event_keys")
    con.execute("INSERT INTO event_keys " + _ROWS.format(chosen="(SELECT *, index_keys AS keys FROM events)"))
    con.execute("UPDATE event_keys_state SET appended = 0, first_day = NULL, last_day = NULL")
    _widen_days(con, "events")


def _widen_days(con: duckdb.DuckDBPyConnection, events: str) -> None:
    """Let the first and last day of the index (a date walk's open ends) take in these events' days."""
    con.execute(f"""UPDATE event_keys_state
                    SET first_day = least(first_day, d.first), last_day = greatest(last_day, d.last)
                    FROM (SELECT min(coalesce(TRY_CAST(date AS DATE), month)) AS first,
                                 max(coalesce(TRY_CAST(date AS DATE), month)) AS last FROM {events}) d""")


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
