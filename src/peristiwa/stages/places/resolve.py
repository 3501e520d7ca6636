"""Choose the gazetteer entry a place mention names, from the article's context and the places' prominence.

Mordecai's lesson, kept small: a name alone is weak evidence. The states the article names, a state written
right after the name ("Tapa, Estonia", "Jenewa, Swiss"), a noun before it ("negara bagian Georgia") and the
place's size decide; when nothing in the text ties an obscure name to one of its namesakes, the mention stays
unresolved rather than pinned to the wrong town.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from peristiwa.stages.places.gazetteer import CITY_FEATURES, COUNTRY, GeoEntry
from peristiwa.stages.places.names import lookup_key

PROMINENT_POPULATION = 100_000  # a town this large is "the" bearer of its name without other evidence
KNOWN_POPULATION = 15_000  # the only bearer of a name must still be a real town to stand without context
FEATURE_BONUS = {COUNTRY: 5.0, "CONT": 4.0, "PPLC": 2.0}
CURATED_WEIGHT = 6.0  # our own seas and regions carry no population; weigh them like a large town


@dataclass(frozen=True, slots=True)
class Context:
    """What the article says around a mention."""

    countries: frozenset[str] = frozenset()  # states the article names (alpha-3)
    near: str | None = None  # a state written right after the mention
    kind: str | None = None  # "city" or "region" when a noun before the name says so
    home: str | None = None  # the press's own country: a tie-breaker only


@dataclass(frozen=True, slots=True)
class Choice:
    entry: GeoEntry | None
    reason: str  # context | near | prominent | only | ambiguous | unknown


def choose(key: str, candidates: list[GeoEntry], context: Context) -> Choice:
    """The best candidate for `key`, or none when the text does not single one out."""
    pool = _by_kind(_cities_over_regions(candidates, context), context.kind)
    if not pool:
        return Choice(None, "unknown")
    if context.near:
        pool = [c for c in pool if c.country == context.near] or pool
    ranked = sorted(pool, key=lambda c: -score(key, c, context))
    best = ranked[0]
    if context.near and best.country == context.near:
        return Choice(best, "near")
    if best.country in context.countries and best.feature != COUNTRY:
        return Choice(best, "context")
    if _prominent(key, best):
        return Choice(best, "prominent")
    if len(ranked) == 1 and best.population >= KNOWN_POPULATION and _primary(key, best):
        return Choice(best, "only")
    return Choice(None, "ambiguous")


def score(key: str, entry: GeoEntry, context: Context) -> float:
    weight = CURATED_WEIGHT if entry.curated else math.log10(entry.population + 10)
    bonus = FEATURE_BONUS.get(entry.feature, 0.0) + (2.0 if key in entry.preferred else 0.0)
    if entry.country and entry.country in context.countries and entry.feature != COUNTRY:
        bonus += 3.0
    if entry.country and entry.country == context.home:
        bonus += 0.5
    return weight + bonus


def _prominent(key: str, entry: GeoEntry) -> bool:
    return (
        entry.feature in FEATURE_BONUS
        or entry.curated
        or key in entry.preferred
        or entry.population >= PROMINENT_POPULATION
    )


def _primary(key: str, entry: GeoEntry) -> bool:
    """The place's own or Indonesian name, not one of GeoNames' many variants ("Bazar" for Bazar-Korgon)."""
    return key in entry.preferred or key == lookup_key(entry.name)


def _by_kind(candidates: list[GeoEntry], kind: str | None) -> list[GeoEntry]:
    """A noun before the name ("kota", "provinsi") keeps the candidates of that kind, if there are any."""
    if kind == "city":
        return [c for c in candidates if c.feature in CITY_FEATURES] or candidates
    if kind == "region":
        return [c for c in candidates if c.feature not in CITY_FEATURES and c.feature != COUNTRY] or candidates
    return candidates


def _cities_over_regions(candidates: list[GeoEntry], context: Context) -> list[GeoEntry]:
    """ "New York", "Aleppo", "Washington": a city and a division of the same state share the name; without a
    noun saying "province", the name is the city's."""
    if context.kind == "region":
        return candidates
    city_states = {c.country for c in candidates if c.feature in CITY_FEATURES}
    return [c for c in candidates if not (c.feature == "ADM1" and c.country in city_states)]
