-- Cross-article layer: fingerprints, links between articles, stories and merged events (GDELT's "Events").

CREATE TABLE fingerprints (
    article_id VARCHAR NOT NULL,
    body_hashes UINTEGER[],             -- MinHash of word 5-shingles (near-duplicate test)
    words_hashes UINTEGER[]             -- MinHash of content words (same-story test)
);

CREATE TABLE lsh_bands (article_id VARCHAR NOT NULL, band SMALLINT NOT NULL, key BIGINT NOT NULL);

CREATE TABLE article_keys (article_id VARCHAR NOT NULL, key VARCHAR NOT NULL);  -- actor codes / entity names

CREATE TABLE links (a VARCHAR NOT NULL, b VARCHAR NOT NULL, kind VARCHAR NOT NULL, similarity DOUBLE);

CREATE TABLE stories (
    story_id VARCHAR PRIMARY KEY, title VARCHAR, first_published DATE, last_published DATE,
    num_articles INTEGER, num_reports INTEGER, num_events INTEGER
);

CREATE TABLE events (
    event_id VARCHAR NOT NULL, story_id VARCHAR, type VARCHAR, mode VARCHAR, source VARCHAR, target VARCHAR,
    source_entity VARCHAR, target_entity VARCHAR, negated BOOLEAN, modality VARCHAR,
    date VARCHAR, month DATE, quad VARCHAR, quad_class TINYINT, score DOUBLE, cameo VARCHAR,
    location_name VARCHAR, location_country VARCHAR,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, num_copies INTEGER,
    first_article_id VARCHAR, source_url VARCHAR, text VARCHAR
);
