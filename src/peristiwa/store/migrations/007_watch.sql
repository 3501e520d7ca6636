-- Following feeds (issue 18): the state of each watched source and of each URL seen, saved queries (watch
-- lists) and the alerts they raise. All of it lives in the database so that a killed watcher resumes where
-- its last transaction left it: a URL is marked only after its article is stored, and the article write is
-- idempotent by content id, so a restart neither loses nor duplicates an article.
CREATE TABLE watch_sources (
    url VARCHAR PRIMARY KEY,            -- a feed, news sitemap or article page, as the user gave it
    kind VARCHAR,                       -- feed | sitemap | page (what the last successful fetch held)
    etag VARCHAR,                       -- for conditional GET
    last_modified VARCHAR,
    added TIMESTAMP,
    last_poll TIMESTAMP,
    last_success TIMESTAMP,
    last_error VARCHAR,
    last_error_at TIMESTAMP,
    failures INTEGER DEFAULT 0,         -- consecutive failures: the backoff grows with them
    next_poll TIMESTAMP,
    articles INTEGER DEFAULT 0          -- articles stored from this source
);

CREATE TABLE watch_urls (
    url VARCHAR PRIMARY KEY,            -- an article page, once fetched (stored, or given up on)
    source VARCHAR,
    first_seen TIMESTAMP,
    status VARCHAR,                     -- stored | failed
    article_id VARCHAR,                 -- the content id when stored
    error VARCHAR,
    attempts INTEGER DEFAULT 0
);

CREATE TABLE watchlists (
    name VARCHAR PRIMARY KEY,
    query VARCHAR,                      -- JSON: actors, source, target, types, quad, place, keywords
    webhook VARCHAR,                    -- URL an alert is POSTed to as JSON, or NULL
    created TIMESTAMP
);

CREATE TABLE alerts (
    watchlist VARCHAR,
    event_id VARCHAR,
    article_id VARCHAR,                 -- the new article that raised it
    created TIMESTAMP,
    body VARCHAR,                       -- JSON: the event as /v1/events gives it, and the watch list
    delivered TIMESTAMP,                -- when the webhook answered 2xx (NULL: pending or no webhook)
    attempts INTEGER DEFAULT 0,
    last_error VARCHAR,
    PRIMARY KEY (watchlist, event_id)   -- one alert per event and watch list, however many reports follow
);
