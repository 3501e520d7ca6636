"""Places: resolve the places an article names to gazetteer entries (GeoNames plus our own names).

Requires `doc.entities` from the actors stage (which decides place or actor), and uses `doc.dateline`.
Assigns `doc.places`: one `Place` per gazetteer entry with all its mentions, and one per name the gazetteer
does not know or the text does not pin down (geonameid and coordinates null: unresolved, never guessed).
Event locations are read from this layer after the events stage (`locate.locate_events`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peristiwa.knowledge import load_yaml
from peristiwa.model import Contract, Document, Mention, Place
from peristiwa.settings import Settings
from peristiwa.stages.actors.kb import KnowledgeBase
from peristiwa.stages.nlp.words import Words
from peristiwa.stages.places.gazetteer import Gazetteer, GeoEntry
from peristiwa.stages.places.mentions import Cues, PlaceMention, place_mentions
from peristiwa.stages.places.names import lookup_key
from peristiwa.stages.places.resolve import Choice, Context, choose

__all__ = ["PlacesStage", "make_stage"]


@dataclass(slots=True)
class PlacesStage:
    gazetteer: Gazetteer
    kb: KnowledgeBase
    cues: Cues
    home: str | None = None
    prepositions: frozenset[str] = frozenset()  # "di", "ke" …: a name after one is looked up even if NER missed it
    state_after: re.Pattern[str] = re.compile(r"\s*,?\s*")  # what may stand between a place and its state
    name: str = "places"

    def __call__(self, doc: Document) -> None:
        mentions = place_mentions(doc, self.kb, self.gazetteer.curated_names, self.prepositions)
        states = frozenset(m.code for m in mentions if m.code and self.gazetteer.country(m.code))
        starts = {m.start: m.code for m in mentions if m.code}
        words = Words.of(doc)
        resolved = [(m, self.resolve(doc.text, words, m, states, starts)) for m in mentions]
        implied = states | _implied_states(resolved) | _dateline_state(doc, resolved)
        if implied != states:  # "Tallinn" says Estonia as clearly as "Estonia": look at the doubtful again
            resolved = [
                (m, self.resolve(doc.text, words, m, implied, starts) if c.entry is None else c) for m, c in resolved
            ]
        doc.places = group_places([(m, c) for m, c in resolved if not m.proposed or _pinned(c)])

    def resolve(
        self, text: str, words: Words, mention: PlaceMention, states: frozenset[str], state_at: dict[int, str]
    ) -> Choice:
        kind = self.cues.kind_before(words, mention.start)
        if mention.code and kind != "region":
            country = self.gazetteer.country(mention.code)
            return Choice(country, "state") if country else Choice(None, "unknown")
        context = Context(states, self._state_after(text, mention.end, state_at), kind, self.home)
        key = lookup_key(mention.text)
        candidates = self.gazetteer.lookup(key)
        for bare, noun_kind in [] if candidates else self.cues.bare_forms(mention.text):
            key, candidates = lookup_key(bare), self.gazetteer.lookup(lookup_key(bare))
            if candidates:
                context = Context(states, context.near, noun_kind or kind, self.home)
                break
        return choose(key, candidates, context)

    def _state_after(self, text: str, end: int, state_at: dict[int, str]) -> str | None:
        """The state named right after a place ("Jenewa, Swiss", "Tapa di Estonia")."""
        gap = self.state_after.match(text, end)
        return state_at.get(gap.end()) if gap else None


def _pinned(choice: Choice) -> bool:
    """A name the NER did not see is kept only when the article ties it to its state or it is well known."""
    return choice.entry is not None and choice.reason in {"context", "near", "prominent"}


def _implied_states(resolved: list[tuple[PlaceMention, Choice]]) -> frozenset[str]:
    """States of the capitals and curated places the article names without doubt."""
    return frozenset(
        c.entry.country
        for _, c in resolved
        if c.entry
        and c.entry.country
        and c.reason in {"near", "prominent"}
        and (c.entry.feature == "PPLC" or c.entry.curated)
    )


def _dateline_state(doc: Document, resolved: list[tuple[PlaceMention, Choice]]) -> frozenset[str]:
    """The state of the dateline's place ("Bandung –" says Indonesia for the rest of the article)."""
    line = doc.dateline
    if line is None:
        return frozenset()
    return frozenset(
        c.entry.country for m, c in resolved if c.entry and c.entry.country and line.start <= m.start < line.end
    )


def group_places(resolved: list[tuple[PlaceMention, Choice]]) -> list[Place]:
    """One place per entry (or per unresolved name), in order of first mention."""
    places: dict[str, Place] = {}
    for mention, choice in resolved:
        key = choice.entry.id if choice.entry else f"?{lookup_key(mention.text)}"
        place = places.get(key)
        if place is None:
            place = places[key] = _place(choice.entry, mention.text)
        place.mentions.append(Mention(mention.start, mention.end, mention.text))
    return list(places.values())


def _place(entry: GeoEntry | None, text: str) -> Place:
    if entry is None:
        return Place(text)
    return Place(entry.name, entry.geonameid, entry.lat, entry.lon, entry.country, entry.feature)


def load_cues(data_dir: Path, kb: KnowledgeBase) -> tuple[Cues, dict[str, Any]]:
    raw = load_yaml(data_dir / "places" / "cues.yaml")
    cues = Cues(
        tuple(raw["region_nouns"]),
        tuple(raw["city_nouns"]),
        tuple(n.casefold() for n in kb.geo_nouns),
        tuple(raw.get("directions", ())),
    )
    return cues, raw


# Without the nlp stage's tokens (a pipeline configured without it) the stage tokenises with the same tokenizer.
CONTRACT = Contract(assigns=("places",), requires=("text",), reads=("tokens", "entities", "dateline", "published"))


def make_stage(settings: Settings) -> PlacesStage:
    kb = KnowledgeBase.load(settings.data_dir / "actors", settings.overlay)
    cues, raw = load_cues(settings.data_dir, kb)
    prepositions = frozenset(w for w in (*raw["at"], *raw["toward"]) if " " not in w)
    words = "|".join(re.escape(w) for w in raw.get("state_after", []))
    state_after = re.compile(rf"\s*,?\s*(?:(?:{words})\s+)?" if words else r"\s*,?\s*")
    return PlacesStage(Gazetteer.load(settings.data_dir), kb, cues, raw.get("home_country"), prepositions, state_after)
