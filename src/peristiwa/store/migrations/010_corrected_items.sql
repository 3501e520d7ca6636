-- Issue 17: quotes, entities and dates carry the `corrected` flag events have (migration 008): an analyst's
-- correction set this item's fields. The machine never sets it; `store/corrections.py` does, and again after
-- every re-run of the article. (Number 010: 009 is left to the store work running beside this branch.)
ALTER TABLE quotes ADD COLUMN corrected BOOLEAN DEFAULT false;
ALTER TABLE entities ADD COLUMN corrected BOOLEAN DEFAULT false;
ALTER TABLE dates ADD COLUMN corrected BOOLEAN DEFAULT false;
UPDATE quotes SET corrected = false;
UPDATE entities SET corrected = false;
UPDATE dates SET corrected = false;
