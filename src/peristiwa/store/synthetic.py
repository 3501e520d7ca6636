"""Synthetic extract records for load tests and benchmarks: stories, syndicated copies, merged events.

Deterministic for a given seed. Texts are word salad from a fixed vocabulary, but shaped like news:
articles of one story share actors, names and many words; a syndicated copy repeats a body with other
page furniture around it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from typing import Any

import duckdb

ACTORS = (
    "IDN",
    "MYS",
    "SGP",
    "THA",
    "PHL",
    "VNM",
    "MMR",
    "KHM",
    "LAO",
    "BRN",
    "CHN",
    "USA",
    "RUS",
    "UKR",
    "JPN",
    "KOR",
    "PRK",
    "IND",
    "AUS",
    "GBR",
    "FRA",
    "DEU",
    "IRN",
    "ISR",
    "PSE",
    "SAU",
    "TUR",
    "EGY",
    "ASEAN",
    "UN",
    "EU",
    "NATO",
)
TYPES = (
    "CONSULT",
    "AGREE",
    "SUPPORT",
    "ACCUSE",
    "REQUEST",
    "REJECT",
    "THREATEN",
    "COOPERATE",
    "AID",
    "MOBILIZE",
    "SANCTION",
    "ASSAULT",
    "COERCE",
    "PROTEST",
    "CONCEDE",
    "RETREAT",
)
_SYLLABLES = (
    "ka",
    "ma",
    "ta",
    "ra",
    "sa",
    "na",
    "la",
    "ba",
    "da",
    "ga",
    "pe",
    "ri",
    "to",
    "ku",
    "ngan",
    "an",
    "kan",
    "si",
    "lu",
    "wa",
    "ja",
    "ya",
    "di",
    "me",
    "be",
)
FURNITURE = (
    "Baca juga: berita terkait lainnya",
    "Simak video pilihan di bawah ini",
    "Ikuti kanal kami untuk berita terkini",
    "Editor: redaksi",
)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _sentence(rng: random.Random, vocabulary: list[str], length: int = 14) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(length)).capitalize() + "."


def synthetic_records(
    articles: int,
    seed: int = 7,
    events_per_article: int = 5,
    copy_share: float = 0.15,
    start: dt.date = dt.date(2015, 1, 1),
    days: int = 3650,
) -> Iterator[dict[str, Any]]:
    """`articles` records grouped in stories of about five articles, some of them syndicated copies."""
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(3000)]
    produced = 0
    story = 0
    while produced < articles:
        story += 1
        for record in _story(rng, vocabulary, story, events_per_article, copy_share, start, days):
            if produced >= articles:
                return
            produced += 1
            yield record


def _story(
    rng: random.Random,
    vocabulary: list[str],
    number: int,
    events_per_article: int,
    copy_share: float,
    start: dt.date,
    days: int,
) -> Iterator[dict[str, Any]]:
    source, target = rng.sample(ACTORS, 2)
    day = start + dt.timedelta(days=rng.randrange(days))
    story_words = rng.sample(vocabulary, 60)
    facts = [_sentence(rng, story_words) for _ in range(8)]
    kinds = [(rng.choice(TYPES), source, target) for _ in range(max(1, events_per_article))]
    body = ""
    for index in range(rng.randint(3, 7)):
        published = day + dt.timedelta(days=rng.randint(0, 2))
        if index and rng.random() < copy_share:
            text = f"{rng.choice(FURNITURE)}\n{body}"  # syndicated copy of the previous body
        else:
            text = " ".join(rng.sample(facts, 5) + [_sentence(rng, vocabulary) for _ in range(3)])
            body = text
        outlet = f"outlet{rng.randrange(40)}"
        yield _record(text, f"https://{outlet}.example/{number}/{index}", outlet, published, kinds, day)


def _record(
    text: str, url: str, outlet: str, published: dt.date, kinds: list[tuple[str, str, str]], day: dt.date
) -> dict[str, Any]:
    events = [
        {
            "id": f"e{i}",
            "type": etype,
            "mode": None,
            "source": source,
            "target": target,
            "negated": False,
            "modality": "asserted",
            "date": day.isoformat(),
            "location": None,
            "magnitude": None,
            "evidence": {"start": 0, "end": 10, "text": text[:10]},
            "sentence": {"start": 0, "end": 10},
            "quad": None,
            "score": None,
            "cameo": None,
            "rule": "synthetic",
        }
        for i, (etype, source, target) in enumerate(kinds)
    ]
    entities = [
        {
            "id": f"n{i}",
            "name": code,
            "type": "GPE",
            "actor": code,
            "role": None,
            "sector": None,
            "mentions": [{"start": 0, "end": 3, "text": code}],
        }
        for i, code in enumerate(sorted({kinds[0][1], kinds[0][2]}))
    ]
    return {
        "id": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        "source": {"path": None, "url": url, "outlet": outlet, "format": "jsonl", "line": None},
        "language": "id",
        "title": text[:40],
        "published": published.isoformat(),
        "byline": None,
        "text": text,
        "removed": [],
        "entities": entities,
        "quotes": [],
        "dates": [],
        "places": [],
        "events": events,
        "problems": [],
    }


# The quad of each of TYPES, in the same order (synthetic: the real mapping is data/events/types.yaml).
QUADS = (
    "V-coop",
    "V-coop",
    "V-coop",
    "V-conf",
    "V-conf",
    "V-conf",
    "V-conf",
    "M-coop",
    "M-coop",
    "M-conf",
    "M-conf",
    "M-conf",
    "M-conf",
    "M-conf",
    "V-coop",
    "M-coop",
)
BIG_ACTORS = (*ACTORS, *(f"A{i:03d}" for i in range(170)))  # 202 actors, the first few far more active
PLACES = 300

# An event's key list as `event_key_list` (migration 011) makes it and `events.index_keys` sorts it, written out
# in sorted order (the kinds' letters are in alphabetical order; list_sort on every event's 19 keys was most of
# the generation time). tests/store/test_bulk_build.py checks it against the store's own derivation.
KEY_LIST = """['a:' || least(source, target)]
    || CASE WHEN source <> target THEN ['a:' || greatest(source, target)] ELSE [] END
    || ['d:' || source || '>' || target, 'e:', 'm:' || strftime(day, '%Y-%m'), 'p:' || lower(place), 'q:' || quad,
        'r:' || story_id, 's:' || source, 't:' || target]
    || list_sort(list_distinct(word_keys)) || ['y:' || type]"""

# Merged events `start` … `start + count - 1` of a big synthetic database, generated in SQL from the event's
# number (hash-derived, so any range of numbers gives the same rows whichever batch makes them). Each event has
# 8 words of evidence drawn Zipf-like from `words`, 1-5 mentions (each quoting 3 of its words), a story of 4
# events, one of PLACES places and one of 3,650 days. Its key list (`index_keys`) is written with it, so the
# index is then built from the lists (event_keys.index_all) without reading any text.
_EVENTS = """
    INSERT INTO events (event_id, story_id, type, source, target, source_entity, target_entity, negated, modality,
                        date, date_source, date_precision, month, quad, quad_class, score, cameo, num_mentions,
                        num_articles, num_sources, num_copies, first_article_id, source_url, text, location_name,
                        corrected, index_keys)
    SELECT event_id, story_id, type, source, target, 'n0', 'n1', false, 'asserted', day::VARCHAR, 'text', 'day',
           date_trunc('month', day)::DATE, quad, 1, 0.0, '040', mentions, 1 + (i % 3), 1 + (i % 4), 1,
           'a' || i, 'https://example.org/' || i, array_to_string(words, ' '), place, false,
           {KEY_LIST}
    FROM _synthetic_events""".replace("{KEY_LIST}", KEY_LIST)
_MENTIONS = """
    INSERT INTO event_mentions (article_id, mention_id, type, source, target, source_entity, target_entity,
                                negated, modality, date, date_source, date_precision, location_name,
                                evidence_text, quad, score, cameo, rule, event_id, corrected)
    SELECT CASE WHEN m = 0 THEN 'a' || i ELSE 'a' || i || '-' || m END, 'e' || (i % 4), type, source, target,
           'n0', 'n1', false, 'asserted', day::VARCHAR, 'text', 'day', place,
           array_to_string(words[1 + m:3 + m], ' '), quad, 0.0, '040', 'synthetic', event_id, false
    FROM _synthetic_events, range(mentions) r(m)"""
# The i-th event's 8 words: each picked by number from `_synthetic_words` (word, n), one join per word (a
# list of 20,000 words given to a lambda is copied for every row, minutes per million events).
_WORD_PICKS = 8
_PICK = "1 + CAST(floor(pow((hash(i * 31 + {j}) % 1000003) / 1000003.0, 3) * {size}) AS INTEGER)"
_GENERATED = """
    CREATE OR REPLACE TEMP TABLE _synthetic_events AS
    SELECT i, 'ev_' || i AS event_id, 'st_' || (i // 4) AS story_id, t.type, t.quad, s.code AS source,
           r.code AS target, g.day, (1 + i % 5)::INTEGER AS mentions,
           'Tempat ' || (hash(i * 13) % {places}) AS place, [{words}] AS words, [{word_keys}] AS word_keys
    FROM (SELECT i, hash(i) AS h, DATE '2015-01-01' + CAST(hash(i * 7) % 3650 AS INTEGER) AS day
          FROM range({start}, {stop}) r(i)) g
    JOIN _synthetic_actors s
      ON s.n = 1 + CAST(least({actors} - 1, floor(pow((g.h % 1000003) / 1000003.0, 2.5) * 200)) AS INTEGER)
    JOIN _synthetic_actors r ON r.n = 1 + CAST((g.h // 1000003) % {actors} AS INTEGER)
    JOIN _synthetic_types t ON t.n = 1 + CAST((g.h // 7) % {types} AS INTEGER)
    {joins}"""
# Stories as the writer's `_write_stories` sums them (titles and articles are not generated).
_STORIES = """
    INSERT INTO stories (story_id, title, first_published, last_published, num_articles, num_reports, num_events)
    SELECT story_id, NULL, min(day), max(day), sum(mentions), sum(mentions), count(*)
    FROM _synthetic_events GROUP BY story_id"""


def build_events(
    con: duckdb.DuckDBPyConnection, events: int, words: list[str], batch: int = 2_000_000, start: int = 0
) -> None:
    """Generate `events` merged events (numbers `start` onwards) with their mentions and stories, in batches of
    `batch` (each in its own transaction). The derived tables are left to the store's own set-wise builders:
    `event_keys.index_all` and `derive.rebuild_aggregates`."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _synthetic_words AS SELECT word, 'w:' || word AS key, n FROM ("
        "SELECT unnest(?::VARCHAR[]) AS word, generate_subscripts(?::VARCHAR[], 1) AS n)",
        [words, words],
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _synthetic_actors AS SELECT unnest(?::VARCHAR[]) AS code, "
        "generate_subscripts(?::VARCHAR[], 1) AS n",
        [list(BIG_ACTORS), list(BIG_ACTORS)],
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _synthetic_types AS SELECT unnest(?::VARCHAR[]) AS type, "
        "unnest(?::VARCHAR[]) AS quad, generate_subscripts(?::VARCHAR[], 1) AS n",
        [list(TYPES), list(QUADS), list(TYPES)],
    )
    for first in range(start, start + events, batch):
        stop = min(start + events, first + batch)
        con.execute("BEGIN TRANSACTION")
        con.execute(_generated(first, stop, len(words)))
        for sql in (_EVENTS, _MENTIONS, _STORIES):
            con.execute(sql)
        con.execute("DROP TABLE _synthetic_events")
        con.execute("COMMIT")


def _generated(start: int, stop: int, vocabulary: int) -> str:
    joins = "\n".join(
        f"JOIN _synthetic_words w{j} ON w{j}.n = {_PICK.format(j=j, size=vocabulary)}" for j in range(_WORD_PICKS)
    )
    words = ", ".join(f"w{j}.word" for j in range(_WORD_PICKS))
    word_keys = ", ".join(f"w{j}.key" for j in range(_WORD_PICKS))
    return _GENERATED.format(
        places=PLACES,
        start=start,
        stop=stop,
        actors=len(BIG_ACTORS),
        types=len(TYPES),
        joins=joins,
        words=words,
        word_keys=word_keys,
    )
