"""Event locations: where the clause says an event happened, else the dateline's place, else nothing.

The events coder calls `clause_location` with the trigger's clause; `locate_events` then gives the events
the clause left unplaced the dateline's place ("Brussel –"). A place counts when a locative preposition
governs it, across the words that may stand between ("bertemu di Jenewa", "di bandara Tallinn", "di dekat
perbatasan timur Ukraina", "di sela-sela Sidang Umum PBB di New York"); of several, the most precise wins
(a base or a city over the state it lies in: "di Pangkalan Angkatan Darat Tapa di Estonia utara"), then the
one nearest the trigger. "ke Polandia" (a visit, a deployment) counts only when no "di" place is there.
A state is a location only when the text puts the event in it ("serangan Rusia di Ukraina"), with precision
"country"; an event the text does not place keeps location null, never a country's centre.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peristiwa.knowledge import load_yaml
from peristiwa.model import Document, Location, Place

PRECISION_RANK = {"city": 0, "region": 1, "country": 2, "unknown": 3}
_WORDS = re.compile(r"[\w-]+")
_APPOSITION = re.compile(r"\s*,\s*")


@dataclass(frozen=True, slots=True)
class LocativeCues:
    at: frozenset[str]
    toward: frozenset[str]
    between: frozenset[str]
    topic_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Spot:
    """A place mention in a clause, with the kind of preposition that governs it."""

    place: Place
    start: int
    strength: int  # 0: "di …", 1: "ke …"


@cache
def load_cues(data_dir: Path) -> LocativeCues:
    raw = load_yaml(data_dir / "places" / "cues.yaml")
    return LocativeCues(frozenset(raw["at"]), frozenset(raw["toward"]), frozenset(raw["between"]),
                        frozenset(raw.get("topic_nouns", [])))


def clause_location(text: str, places: list[Place], start: int, end: int, anchor: int,
                    cues: LocativeCues | None) -> Location | None:
    """The location that the clause text[start:end] gives an event whose trigger is at `anchor`; without
    locative cues (a lexicon read from no data directory) there is none."""
    if cues is None:
        return None
    index = _mention_index(places)
    after = index.mentions[bisect_left(index.starts, start):]
    spots: list[Spot] = []
    previous: tuple[int, int] | None = None  # end and strength of the last governed mention
    for m_start, m_end, place in after:
        apposition = previous is not None and _APPOSITION.fullmatch(text, previous[0], m_start) is not None
        if m_end > end and not apposition:
            break  # past the clause, only "…, Jawa Barat" after a governed name still belongs to it
        strength = governed_by(text, m_start, start, cues) if m_end <= end else None
        if strength is None and apposition and previous:
            strength = previous[1]  # "di Istana Bogor, Jawa Barat": the name after the comma is governed too
        if strength is not None:
            spots.append(Spot(place, m_start, strength))
            previous = (m_end, strength)
    if not spots:
        return None
    strongest = min(s.strength for s in spots)
    best = min((s for s in spots if s.strength == strongest),
               key=lambda s: (PRECISION_RANK[precision(s.place)], abs(s.start - anchor)))
    return location_of(best.place)


@dataclass(slots=True)
class _Index:
    """The place mentions of one document in text order, so each clause finds its own by bisection."""

    places: list[Place]
    mentions: list[tuple[int, int, Place]]
    starts: list[int]


_last: list[_Index] = []  # the index of the document being coded (one clause after another, same places)


def _mention_index(places: list[Place]) -> _Index:
    if _last and _last[0].places is places and len(_last[0].mentions) == sum(len(p.mentions) for p in places):
        return _last[0]
    mentions = sorted(((m.start, m.end, p) for p in places for m in p.mentions), key=lambda t: t[0])
    _last[:] = [_Index(places, mentions, [m[0] for m in mentions])]
    return _last[0]


def locate_events(doc: Document) -> None:
    """Events the clause did not place take the dateline's place, when the places stage resolved it, unless
    the event is dated well away from the report ("mencaplok Krimea pada 2014" in a 2022 story from Brussel
    did not happen in Brussel)."""
    fallback = _dateline_location(doc)
    if fallback is None:
        return
    # Without a publication date, the latest date the text gives stands in for the time of the report.
    anchor = doc.published or max((d.value for d in doc.dates if d.value), default=None)
    for event in doc.events:
        if event.location is None and _near_publication(event.date, anchor):
            event.location = fallback


def _near_publication(date: str | None, published: str | None, days: int = 7) -> bool:
    """True for an undated event, or one whose date (day, month or year) reaches within `days` of publication."""
    if date is None or published is None:
        return True
    try:
        day = dt.date.fromisoformat(published if len(published) == 10 else (published + "-01-01")[:10])
        if len(date) == 10:
            return abs((dt.date.fromisoformat(date) - day).days) <= days
        if len(date) == 7:
            return date == published[:7] or abs((dt.date.fromisoformat(date + "-15") - day).days) <= 15 + days
        return date == published[:4]
    except ValueError:
        return True


def precision(place: Place) -> str:
    if place.lat is None:
        return "unknown"
    if place.feature == "PCLI":
        return "country"
    return "city" if (place.feature or "").startswith("PPL") or place.feature == "MILB" else "region"


def location_of(place: Place) -> Location:
    return Location(place.name, place.lat, place.lon, place.country, precision(place))


def governed_by(text: str, start: int, floor: int, cues: LocativeCues) -> int | None:
    """0 when a locative preposition ("di") governs the name at `start`, 1 for "ke", else None."""
    words = [w.casefold() for w in _WORDS.findall(text[max(floor, start - 60):start])][-4:]
    while words:
        last, two = words[-1], " ".join(words[-2:])
        if last in cues.at or two in cues.at:
            size = 2 if two in cues.at and last not in cues.at else 1
            before = words[-size - 1] if len(words) > size else ""
            return None if before in cues.topic_nouns else 0  # "situasi di X" describes, it does not locate
        if last in cues.toward or two in cues.toward:
            return 1
        if last not in cues.between and two not in cues.between:
            return None
        words.pop()
    return None


def _dateline_location(doc: Document) -> Location | None:
    line = doc.dateline
    if line is None or not line.place:
        return None
    for place in doc.places:
        if place.lat is not None and any(line.start <= m.start < line.end for m in place.mentions):
            return location_of(place)
    return None
