-- Event filters that read only their own key's rows (issue 21). DuckDB keeps only the first 8 bytes of a string
-- in a row group's min/max, so keys sharing 8 bytes ('p:tempat 5' and 'p:tempat 9', 'w:pemerin…') shared one
-- range and a filter on one of them read the row groups of all of them (221 ms against 1.6 ms for one place of
-- 300 among 5 M rows). Each key row now carries a 64-bit number made from its key, and the table is ordered by
-- it: an integer's min/max is exact, so a filter on `hkey` skips every row group but its key's. The number is
-- the first 16 hex digits of the key's MD5 (stable across DuckDB versions, unlike `hash`); a filter tests
-- `key` too, so two keys sharing a number (about one chance in 10^8 for a million keys) never mix.
CREATE MACRO event_key_hash(k) AS ('0x' || left(md5(k), 16))::UBIGINT;

CREATE TABLE event_keys_hashed (
    key      VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    mentions INTEGER NOT NULL,
    month    DATE NOT NULL,
    day      DATE,
    quad     VARCHAR,
    type     VARCHAR,
    hkey     UBIGINT NOT NULL  -- event_key_hash(key): the order of the table, and what filters test first
);
INSERT INTO event_keys_hashed
    SELECT *, event_key_hash(key) AS hkey FROM event_keys ORDER BY hkey, mentions DESC, month, event_id;
DROP TABLE event_keys;
ALTER TABLE event_keys_hashed RENAME TO event_keys;

-- A page's names (`reads.with_names`) and a literal text test read the mentions of a few events by id: an `IN`
-- list of constants on an indexed column is a few point lookups, where without the index every mention's
-- event_id was read (700 ms for 4.5 M mentions).
CREATE INDEX event_mentions_event_id ON event_mentions (event_id);
