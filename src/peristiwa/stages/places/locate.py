"""Event locations: where the clause says an event happened, else the dateline's place, else nothing.

`locate_events` (run by the situate stage, after the events are coded and dated) reads each event's place from
its trigger's clause (`clause_location`), and gives the events the clause left unplaced the dateline's place
("Brussel –"); `Location.source` says which. A place counts when a locative preposition
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
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from peristiwa.knowledge import load_yaml
from peristiwa.model import Document, Event, Location, Place
from peristiwa.stages.nlp.words import Spanned, Words, tokenize

PRECISION_RANK = {"city": 0, "region": 1, "country": 2, "unknown": 3}
_APPOSITION = re.compile(r"\s*,\s*")


@dataclass(frozen=True, slots=True)
class LocativeCues:
    at: frozenset[str]
    toward: frozenset[str]
    between: frozenset[str]
    topic_nouns: frozenset[str] = frozenset()
    predicates: frozenset[str] = frozenset()  # "berlangsung di X": the place of the event noun before them
    transparent: frozenset[str] = frozenset()  # "pada April lalu di X": passed over to find the word before


# Whether the word at text[start:end] belongs to the event (its phrase, a participant, a place, a date).
Attached = Callable[[int, int], bool]


@dataclass(frozen=True, slots=True)
class Spot:
    """A place mention in a clause, with the kind of preposition that governs it."""

    place: Place
    start: int
    strength: int  # 0: "di …", 1: "ke …"


@cache
def load_cues(data_dir: Path) -> LocativeCues:
    raw = load_yaml(data_dir / "places" / "cues.yaml")
    return LocativeCues(
        frozenset(raw["at"]),
        frozenset(raw["toward"]),
        frozenset(raw["between"]),
        frozenset(raw.get("topic_nouns", [])),
        frozenset(raw.get("event_predicates", [])),
        frozenset(raw.get("transparent", [])),
    )


def clause_location(
    text: str,
    places: list[Place],
    start: int,
    end: int,
    anchor: int,
    cues: LocativeCues | None,
    attached: Attached | None = None,
    words: Words | None = None,
) -> Location | None:
    """The location that the clause text[start:end] gives an event whose trigger is at `anchor`; without
    locative cues (a lexicon read from no data directory) there is none. With `attached`, a "di" phrase counts
    only after a word of the event (see `governed_by`). `words`: the document's (else `text` is tokenised)."""
    if cues is None:
        return None
    words = words if words is not None else Words(tokenize(text))
    index = _mention_index(places)
    after = index.mentions[bisect_left(index.starts, start) :]
    spots: list[Spot] = []
    previous: tuple[int, int] | None = None  # end and strength of the last governed mention
    for m_start, m_end, place in after:
        apposition = previous is not None and _APPOSITION.fullmatch(text, previous[0], m_start) is not None
        if m_end > end and not apposition:
            break  # past the clause, only "…, Jawa Barat" after a governed name still belongs to it
        strength = governed_by(words, m_start, start, cues, attached) if m_end <= end else None
        if strength is None and apposition and previous:
            strength = previous[1]  # "di Istana Bogor, Jawa Barat": the name after the comma is governed too
        if strength is not None:
            spots.append(Spot(place, m_start, strength))
            previous = (m_end, strength)
    if not spots:
        return None
    strongest = min(s.strength for s in spots)
    best = min(
        (s for s in spots if s.strength == strongest),
        key=lambda s: (PRECISION_RANK[precision(s.place)], abs(s.start - anchor)),
    )
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


def locate_events(doc: Document, data_dir: Path) -> None:
    """Each event's place: the one its clause names, else the dateline's place when the places stage resolved
    it, unless the event is dated well away from the report ("mencaplok Krimea pada 2014" in a 2022 story from
    Brussel did not happen in Brussel), else none. A statement, a demand or an agreement happens where it is
    made: the place of what it is about ("mengecam China atas insiden di Laut China Selatan", "sepakat memperkuat
    patroli di Selat Malaka") is not its place."""
    cues = load_cues(data_dir)
    fallback = _dateline_location(doc)
    # Without a publication date, the latest date the text gives stands in for the time of the report.
    anchor = doc.published or max((d.value for d in doc.dates if d.value), default=None)
    spans = _named_spans(doc)
    words = Words.of(doc)
    for event in doc.events:
        clause = event.clause or event.sentence
        attached = _attached_to(event, spans) if (event.quad or "").startswith("V-") else None
        found = clause_location(
            doc.text, doc.places, clause.start, clause.end, event.evidence.start, cues, attached, words
        )
        if found is not None:
            event.location = replace(found, source="clause")
        elif fallback is not None and _near_publication(event.date, anchor):
            event.location = replace(fallback, source="dateline")
        else:
            event.location = None


def _named_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the text names an actor, a place or a date: words that a "di" phrase after them still locates."""
    spans = [(m.start, m.end) for e in doc.entities for m in e.mentions]
    spans += [(r.start, r.end) for r in doc.references]
    spans += [(m.start, m.end) for p in doc.places for m in p.mentions]
    spans += [(d.start, d.end) for d in doc.dates]
    return spans


def _attached_to(event: Event, spans: list[tuple[int, int]]) -> Attached:
    evidence = event.evidence

    def attached(start: int, end: int) -> bool:
        inside = evidence.start <= start and end <= evidence.end
        return inside or any(s <= start and end <= e for s, e in spans)

    return attached


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


def governed_by(
    words: Words, start: int, floor: int, cues: LocativeCues, attached: Attached | None = None
) -> int | None:
    """0 when a locative preposition ("di") governs the name at `start`, 1 for "ke", else None. A "di" phrase
    after a topic noun ("situasi di X") describes that noun; with `attached`, so does one after any word that is
    not the event's own (its phrase, a participant, a place, a date) or a predicate of the event ("berlangsung")."""
    found = words.between(max(floor, start - 80), start)[-8:]
    end, stop = len(found), max(0, len(found) - 4)  # the four words before the name, read backwards
    while end > stop:
        last = found[end - 1].text.casefold()
        two = " ".join(w.text.casefold() for w in found[max(stop, end - 2) : end])
        for strength, prepositions in ((0, cues.at), (1, cues.toward)):
            if last in prepositions or two in prepositions:
                size = 2 if two in prepositions and last not in prepositions else 1
                before = _word_before(found[: end - size], cues)
                return strength if _locates(before, cues, attached, strength) else None
        if last not in cues.between and two not in cues.between:
            return None
        end -= 1
    return None


def _word_before(found: list[Spanned], cues: LocativeCues) -> Spanned | None:
    """The last of `found` that is not a date's tail or a determiner."""
    words = [w for w in found if w.text.casefold() not in cues.transparent]
    return words[-1] if words else None


def _locates(before: Spanned | None, cues: LocativeCues, attached: Attached | None, strength: int) -> bool:
    """Whether the preposition after the word `before` places the event (see `governed_by`)."""
    word = before.text.casefold() if before else ""
    if strength == 0 and word in cues.topic_nouns:
        return False  # "situasi di X" describes, it does not locate
    return not (attached and before and word not in cues.predicates and not attached(before.start, before.end))


def _dateline_location(doc: Document) -> Location | None:
    line = doc.dateline
    if line is None or not line.place:
        return None
    for place in doc.places:
        if place.lat is not None and any(line.start <= m.start < line.end for m in place.mentions):
            return location_of(place)
    return None
