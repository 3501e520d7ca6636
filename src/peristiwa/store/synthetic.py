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
