-- Places (issue 9): how precise an event's location is, the GeoNames id behind it, and how often each
-- place is named in its article. Precision: city | region | country | unknown (a named place the gazetteer
-- could not pin down); NULL location = the text does not place the event.
ALTER TABLE event_mentions ADD COLUMN location_precision VARCHAR;
ALTER TABLE places ADD COLUMN mentions INTEGER;
ALTER TABLE places ADD COLUMN first_start INTEGER;
