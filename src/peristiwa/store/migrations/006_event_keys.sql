-- Event filters that do not scan (issue 21). `event_keys` is a narrow inverted index of the merged events:
-- one row per (filter key, event), e.g. 'a:RUS' (actor), 's:RUS' (source), 't:UKR' (target), 'd:RUS>UKR' (dyad),
-- 'y:ACCUSE' (type), 'q:V-conf' (quad), 'p:jakarta' (place), 'r:st_1' (story), 'w:presiden' (word), with the
-- event's sort keys
-- and the columns other filters test (quad, type, day), so a filtered page reads one key's rows only.
-- Kept ordered by key (store/event_keys.py rewrites it in order), so DuckDB's per-row-group min/max
-- (zone maps) skip every row group of other keys; rows a live writer appends sit in a short unordered tail.
-- The kind prefixes are one letter because DuckDB keeps only the first 8 bytes of a string in its min/max:
-- with 'actor:' every 'actor:A0…' would share one range, and filters could not tell their row groups apart.
-- Why not DuckDB's FTS extension: its index is not updated by inserts (it is rebuilt whole, minutes at 10 M
-- events, on every batch) and it is not in the duckdb wheel (a download, which an offline machine cannot do).

-- The words of a text, as the index and the `text` filter both cut them: lower case, letters and digits.
CREATE MACRO event_words(t) AS
    list_filter(list_distinct(regexp_split_to_array(lower(coalesce(t, '')), '[^\p{L}\p{N}]+')), w -> w <> '');

-- Every filter key of one merged event (NULL parts drop out: 'a:' || NULL is NULL).
CREATE MACRO event_key_list(source, target, type, quad, place, story, words) AS
    list_distinct(list_filter(
        ['a:' || source, 'a:' || target, 's:' || source, 't:' || target,
         'd:' || source || '>' || target, 'y:' || type, 'q:' || quad,
         'p:' || lower(place), 'r:' || story]
        || list_transform(words, w -> 'w:' || w),
        k -> k IS NOT NULL));

CREATE TABLE event_keys (
    key      VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    mentions INTEGER NOT NULL,  -- coalesce(num_mentions, 0): first sort key of the default order
    month    DATE NOT NULL,     -- coalesce(month, 9999-12-31): second sort key
    day      DATE,              -- coalesce(date, month): since/until and the date order
    quad     VARCHAR,
    type     VARCHAR
);

-- Each event keeps the list of its keys, so the writer removes exactly its rows, reading only their row groups.
ALTER TABLE events ADD COLUMN index_keys VARCHAR[];
-- Rows appended since the table was last ordered (store/event_keys.py orders it again past a threshold).
CREATE TABLE event_keys_state (appended BIGINT NOT NULL);
INSERT INTO event_keys_state VALUES (0);

INSERT INTO event_keys
    WITH evidence AS (
        SELECT event_id, string_agg(evidence_text, ' ') AS text FROM event_mentions
        WHERE event_id IS NOT NULL GROUP BY event_id)
    SELECT unnest(event_key_list(e.source, e.target, e.type, e.quad, e.location_name, e.story_id,
                                 event_words(concat_ws(' ', e.text, v.text)))) AS key,
           e.event_id, coalesce(e.num_mentions, 0), coalesce(e.month, DATE '9999-12-31'),
           coalesce(TRY_CAST(e.date AS DATE), e.month), e.quad, e.type
    FROM events e LEFT JOIN evidence v USING (event_id)
    ORDER BY key, 3 DESC, 4, e.event_id;

UPDATE events SET index_keys = k.keys FROM (
    SELECT event_id, list(key ORDER BY key) AS keys FROM event_keys GROUP BY event_id) k
WHERE events.event_id = k.event_id;

-- A page shows 50 events found through event_keys: each is fetched by its id through this index (a point
-- lookup reads one path of the tree; a join on the ids would read every event id).
CREATE INDEX events_event_id ON events (event_id);
