-- The first and last day any indexed event has (kept by the writer; they may only grow apart when events go):
-- a date walk with an open end starts or stops there, instead of reading every event's day.
ALTER TABLE event_keys_state ADD COLUMN first_day DATE;
ALTER TABLE event_keys_state ADD COLUMN last_day DATE;
UPDATE event_keys_state SET first_day = (SELECT min(coalesce(TRY_CAST(date AS DATE), month)) FROM events),
                            last_day = (SELECT max(coalesce(TRY_CAST(date AS DATE), month)) FROM events);
