-- Pre-aggregations that keep the dyad timeline and actor profile fast on tens of millions of events.
-- Rebuilt for the dyads / actors a batch touched, inside the batch's transaction.

CREATE TABLE dyad_month (
    source VARCHAR NOT NULL, target VARCHAR NOT NULL, month DATE, quad VARCHAR,
    events BIGINT, mentions BIGINT
);

CREATE TABLE actor_partner (
    actor VARCHAR NOT NULL, role VARCHAR NOT NULL, partner VARCHAR, type VARCHAR, quad VARCHAR,
    events BIGINT, mentions BIGINT
);
