-- When (issue 16): where each event's date came from and how precise it is, and where its place came from.
-- date_source: clause | sentence | lead | report | none; date_precision: day | week | month | year;
-- location_source: clause | dateline. dyad_month counts apart the events dated only by their report.
-- Rows stored before this migration were dated from their clause only (the report's month stood in for the
-- merged events that had no date): they are labelled so, and the aggregates are rebuilt with the new column.
ALTER TABLE event_mentions ADD COLUMN date_source VARCHAR;
ALTER TABLE event_mentions ADD COLUMN date_precision VARCHAR;
ALTER TABLE event_mentions ADD COLUMN location_source VARCHAR;
UPDATE event_mentions SET
    date_source = CASE WHEN date IS NULL THEN 'none' ELSE 'clause' END,
    date_precision = CASE length(date) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END;

ALTER TABLE events ADD COLUMN date_source VARCHAR;
ALTER TABLE events ADD COLUMN date_precision VARCHAR;
UPDATE events SET
    date_source = CASE WHEN date IS NOT NULL THEN 'clause' WHEN month IS NOT NULL THEN 'report' ELSE 'none' END,
    date_precision = CASE WHEN date IS NULL AND month IS NOT NULL THEN 'month'
                          ELSE CASE length(date) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END END,
    date = coalesce(date, strftime(month, '%Y-%m'));

ALTER TABLE dyad_month ADD COLUMN reported BIGINT;
DELETE FROM dyad_month;
INSERT INTO dyad_month (source, target, month, quad, events, mentions, reported)
    SELECT source, target, month, quad, count(*), sum(num_mentions), count(*) FILTER (WHERE date_source = 'report')
    FROM events WHERE source IS NOT NULL AND target IS NOT NULL GROUP BY source, target, month, quad;
