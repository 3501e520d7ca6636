-- Living knowledge (issue 17): analysts' knowledge overlay with its audit log, their corrections of the machine's
-- output, and the knowledge the stream proposes. The shipped YAML is never edited: kb_overlay holds whole entries
-- in the shipped format (JSON) that replace or add to the shipped ones by id; a NULL body retires the entry.

CREATE TABLE kb_overlay (
    key        VARCHAR PRIMARY KEY,    -- per.… / org.…: the entry's id
    kind       VARCHAR NOT NULL,       -- person | organisation
    body       VARCHAR,                -- the entry as JSON in the shipped format; NULL: retired
    change_id  INTEGER NOT NULL        -- the kb_changes row that made this state
);

-- Every change, with who, when and why; `before` is the overlay row the change replaced (JSON {"body": …}, NULL when
-- the key had no overlay row), so a change can be undone. `recoded` is set when `peristiwa recode` has re-run the
-- articles that mention the names the change touched.
CREATE TABLE kb_changes (
    id         INTEGER PRIMARY KEY,
    made_at    TIMESTAMP NOT NULL,
    author     VARCHAR NOT NULL,
    reason     VARCHAR,
    action     VARCHAR NOT NULL,       -- add | edit | retire | undo | accept
    kind       VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    before     VARCHAR,
    after      VARCHAR,
    undoes     INTEGER,                -- for an undo: the change it reverted
    recoded    BOOLEAN NOT NULL DEFAULT false
);

-- An analyst's correction of one item of one article's machine output. `target` names the item the way the
-- machine output does (event: mention_id; quote, date: seq; entity: entity_id); `machine` is the item as the
-- machine had it when the correction was made, so a re-run that changes it flags the correction for review.
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    item       VARCHAR NOT NULL,       -- event | quote | entity | date
    target     VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,       -- wrong | fix
    fields     VARCHAR,                -- JSON of the fixed fields (fix)
    note       VARCHAR,
    author     VARCHAR NOT NULL,
    made_at    TIMESTAMP NOT NULL,
    machine    VARCHAR,                -- JSON of the machine's item at correction time
    review     BOOLEAN NOT NULL DEFAULT false,  -- the machine output under the correction changed since
    withdrawn  BOOLEAN NOT NULL DEFAULT false,
    source_key VARCHAR                 -- the article's source: a changed version (new id) takes the corrections along
);

-- Knowledge proposed by the stream, with its evidence; a decision (accepted / rejected) is remembered so a rejected
-- proposal is not offered again.
CREATE TABLE kb_proposals (
    key        VARCHAR PRIMARY KEY,    -- what is proposed, e.g. "holder:Foreign Minister:IRN:Abbas Araghchi"
    kind       VARCHAR NOT NULL,       -- holder | organisation | person
    name       VARCHAR NOT NULL,
    role       VARCHAR,
    actor      VARCHAR,
    sector     VARCHAR,
    first_date DATE,
    evidence   VARCHAR NOT NULL,       -- JSON list of {article_id, sentence, date}
    count      INTEGER NOT NULL,
    status     VARCHAR NOT NULL DEFAULT 'open',  -- open | accepted | rejected
    decided_by VARCHAR,
    decided_at TIMESTAMP
);

-- The flag exports and the API carry: an analyst's correction set this mention's (or merged event's) fields.
ALTER TABLE event_mentions ADD COLUMN corrected BOOLEAN DEFAULT false;
ALTER TABLE events ADD COLUMN corrected BOOLEAN DEFAULT false;
UPDATE event_mentions SET corrected = false;
UPDATE events SET corrected = false;
