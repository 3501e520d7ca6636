-- Pages with no filter key did not read the index but the whole `events` table (issue 21): no filter, a date
-- range alone, `order=date`, their cursor pages and deep offsets took a scan that grows with the table (0.3 to
-- 0.7 s at 1 M events). Two more keys per event make them index reads:
--   'e:'         every event: its rows are in the default page order (mentions DESC, month, event_id), so an
--                unfiltered page reads a window of them (queries.events_page) instead of sorting every event;
--   'm:YYYY-MM'  the month of the event's day ('m:-' when it has none): a date range reads only its months'
--                rows, and `order=date` walks the months newest first.
CREATE OR REPLACE MACRO event_key_list(source, target, type, quad, place, story, day, words) AS
    list_distinct(list_filter(
        ['a:' || source, 'a:' || target, 's:' || source, 't:' || target,
         'd:' || source || '>' || target, 'y:' || type, 'q:' || quad,
         'p:' || lower(place), 'r:' || story, 'e:', 'm:' || coalesce(strftime(day, '%Y-%m'), '-')]
        || list_transform(words, w -> 'w:' || w),
        k -> k IS NOT NULL));

CREATE TABLE event_keys_months (
    key      VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    mentions INTEGER NOT NULL,
    month    DATE NOT NULL,
    day      DATE,
    quad     VARCHAR,
    type     VARCHAR,
    hkey     UBIGINT NOT NULL
);
INSERT INTO event_keys_months
    WITH added AS (
        SELECT unnest(['e:', 'm:' || coalesce(strftime(coalesce(TRY_CAST(date AS DATE), month), '%Y-%m'), '-')])
                   AS key,
               event_id, coalesce(num_mentions, 0) AS mentions, coalesce(month, DATE '9999-12-31') AS month,
               coalesce(TRY_CAST(date AS DATE), month) AS day, quad, type
        FROM events),
    hashed AS (SELECT key, event_key_hash(key) AS hkey FROM (SELECT DISTINCT key FROM added))
    SELECT * FROM (SELECT * FROM event_keys UNION ALL SELECT a.*, h.hkey FROM added a JOIN hashed h USING (key))
    ORDER BY hkey, mentions DESC, month, event_id;
DROP TABLE event_keys;
ALTER TABLE event_keys_months RENAME TO event_keys;
UPDATE event_keys_state SET appended = 0;

UPDATE events SET index_keys = list_sort(list_distinct(coalesce(index_keys, []) || ['e:',
    'm:' || coalesce(strftime(coalesce(TRY_CAST(date AS DATE), month), '%Y-%m'), '-')]));
