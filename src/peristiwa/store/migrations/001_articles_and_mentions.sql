-- Articles and everything extracted from them, one row per mention (GDELT's "Mentions" side).
-- No foreign keys: a changed article is replaced by deleting its rows by article_id in one transaction.

CREATE TABLE articles (
    id          VARCHAR PRIMARY KEY,   -- content id (hash of normalised text), see stages.ingest.article_id
    source_key  VARCHAR NOT NULL,      -- url, or path[:line]: a new id under the same key replaces the old one
    path        VARCHAR,
    url         VARCHAR,
    outlet      VARCHAR,
    format      VARCHAR,
    language    VARCHAR,
    title       VARCHAR,
    published   DATE,
    byline      VARCHAR,
    text        VARCHAR,
    problems    VARCHAR[],
    dup_of      VARCHAR,               -- canonical article of its near-duplicate group (itself if alone)
    story_id    VARCHAR
);

CREATE TABLE removed (
    article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR, reason VARCHAR, rule VARCHAR
);

CREATE TABLE entities (
    article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, name VARCHAR, type VARCHAR,
    actor VARCHAR, role VARCHAR, sector VARCHAR, kb_id VARCHAR
);

CREATE TABLE entity_mentions (
    article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, start_char INTEGER, end_char INTEGER, text VARCHAR
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, speaker VARCHAR, speaker_id VARCHAR, text VARCHAR,
    start_char INTEGER, end_char INTEGER, direct BOOLEAN, cue VARCHAR
);

CREATE TABLE dates (
    article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR, start_char INTEGER, end_char INTEGER,
    value VARCHAR
);

CREATE TABLE places (
    article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, name VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
    country VARCHAR, feature VARCHAR
);

CREATE TABLE event_mentions (
    article_id VARCHAR NOT NULL, mention_id VARCHAR NOT NULL, type VARCHAR, mode VARCHAR,
    source VARCHAR, target VARCHAR, source_entity VARCHAR, target_entity VARCHAR,
    negated BOOLEAN, modality VARCHAR, date VARCHAR, location_name VARCHAR, location_country VARCHAR,
    lat DOUBLE, lon DOUBLE, magnitude DOUBLE, magnitude_unit VARCHAR,
    evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
    quad VARCHAR, score DOUBLE, cameo VARCHAR, rule VARCHAR,
    event_id VARCHAR                   -- the merged event this mention belongs to
);
