"""The actor knowledge base: states, places, organisations, persons and role words, loaded from data files.

Every file is validated with a pydantic schema on load, so a typo in a data file fails loudly with the
file name. `KnowledgeBase.load(data_dir, overlay)` is cached per data directory and overlay value: the files are
read once, and an analyst's overlay (persons and organisations added, edited or retired in the database, never in
the shipped files) replaces the shipped entries with the same id.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from peristiwa.dates.lexicon import load_lexicon as load_calendar
from peristiwa.errors import PeristiwaError
from peristiwa.knowledge import KnowledgeFileError, read_yaml
from peristiwa.settings import KnowledgeOverlay

Sector = Literal["GOV", "MIL", "DIP", "LEG", "JUD", "IGO", "PARTY", "MEDIA", "BUS", "CIV", "REB"]
EntityType = Literal["PER", "ORG", "GPE", "LOC", "EVENT"]


class KnowledgeBaseError(PeristiwaError):
    code = "P011"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Country(_Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    alpha2: str | None = None
    name: str
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


class Region(_Strict):
    m49: str
    name: str
    aliases: tuple[str, ...] = ()

    @field_validator("m49", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> str:
        return str(value).zfill(3)  # YAML may read 009 or 150 as a number


class CountryExtra(_Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str | None = None
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


class Metonym(_Strict):
    name: str
    aliases: tuple[str, ...] = ()
    refers_to: str
    sector: Sector | None = None


class Organisation(_Strict):
    id: str
    name: str
    type: Literal["ORG", "EVENT"] = "ORG"
    actor: str | None
    sector: Sector | None = None
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


class Institution(_Strict):
    id: str
    words: tuple[str, ...]
    name_en: str
    sector: Sector
    named: bool
    named_in_lowercase: bool = False  # "kementerian luar negeri Iran" names the ministry; "kedutaan India" not
    examples: tuple[dict[str, str], ...] = ()


class Place(_Strict):
    name: str
    aliases: tuple[str, ...] = ()


class PersonRole(_Strict):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)  # notes, sources …
    role: str
    org: str | None = None
    sector: Sector | None = None
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")

    def valid_on(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


class Person(_Strict):
    id: str
    name: str
    names: tuple[str, ...] = ()
    type: Literal["PER"] = "PER"
    roles: tuple[PersonRole, ...] = ()
    model_config = ConfigDict(extra="ignore", frozen=True)  # the persons file may carry notes and sources


class RoleWord(_Strict):
    id: str
    words: tuple[str, ...]
    role: str
    sector: Sector
    by_actor: dict[str, str] = {}
    person: bool = True
    portfolio: bool = False
    head: bool = False  # head of a state or government: one per state, never inherited from another head
    rank: bool = False  # a rank, not an office: before a name it is skipped ("Kolonel Olivier Hamuli")
    actor: str | None = None  # the state an office belongs to by definition (Kapolres: Indonesia)
    examples: tuple[dict[str, str | None], ...] = ()

    def title_for(self, actor: str | None) -> str:
        """The English title, as the acting state styles it (Menlu AS → Secretary of State)."""
        return self.by_actor.get(actor or "", self.role)


class RoleModifier(_Strict):
    words: tuple[str, ...]
    role: str = "{role}"
    former: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a name can point to; `kind` says which table it came from."""

    kind: str  # country | region | place | capital | seat | org | person
    key: str  # a stable id: the state code, organisation id, person id, or place name
    name: str
    type: EntityType
    actor: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class KnowledgeBase:
    """All actor knowledge, with an alias index from surface form to entries."""

    countries: dict[str, Country] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, list[Entry]] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    institutions: tuple[Institution, ...] = ()
    roles: tuple[RoleWord, ...] = ()
    modifiers: tuple[RoleModifier, ...] = ()
    qualifiers: frozenset[str] = frozenset()
    geo_nouns: tuple[str, ...] = ()
    place_cues: tuple[str, ...] = ()
    name_modifiers: frozenset[str] = frozenset()
    not_name_words: frozenset[str] = frozenset()
    name_connectors: frozenset[str] = frozenset()
    person_verbs: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    currency_words: frozenset[str] = frozenset()
    direction_words: frozenset[str] = frozenset()
    vehicle_words: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    peoples: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()  # every word of a role ("Emir", "Menteri"): not the start of a name
    calendar_words: frozenset[str] = frozenset()  # day and month names, from the time stage's calendar (casefolded)
    person_cues_before: frozenset[str] = frozenset()
    headline_function_words: frozenset[str] = frozenset()
    role_lead_words: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    posting_words: frozenset[str] = frozenset()
    role_coordinators: frozenset[str] = frozenset()
    coref: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def load(data_dir: Path, overlay: KnowledgeOverlay | None = None) -> KnowledgeBase:
        """The knowledge base in `data_dir` (the `actors` folder of `Settings.data_dir`) with `overlay` on top."""
        return _load_cached(data_dir.resolve(), overlay or KnowledgeOverlay())

    def lookup(self, alias: str) -> list[Entry]:
        return self.aliases.get(alias, [])

    def entry_for_code(self, code: str) -> Entry | None:
        """The state or organisation an actor code names (metonyms refer to codes)."""
        return self.entries.get(f"country:{code}") or next(
            (e for e in self.entries.values() if e.kind == "org" and e.actor == code), None
        )

    def state_name(self, code: str) -> str:
        return self.countries[code].name if code in self.countries else code

    def add(self, entry: Entry, names: tuple[str, ...]) -> None:
        self.entries[f"{entry.kind}:{entry.key}"] = entry
        for name in dict.fromkeys(names):
            bucket = self.aliases.setdefault(name, [])
            if entry not in bucket:
                bucket.append(entry)


def roles_on(person: Person, when: dt.date | None) -> list[PersonRole]:
    """The person's roles valid on `when`; every role when the date is unknown, most recent first."""
    roles = [r for r in person.roles if when is None or r.valid_on(when)]
    return sorted(roles, key=lambda r: r.start or dt.date.min, reverse=True)


def _read(path: Path, required: bool = True) -> Any:
    if not path.exists():
        if required:
            raise KnowledgeBaseError(f"knowledge base file {path} is missing; reinstall or rebuild the data")
        return None
    try:
        return read_yaml(path)
    except KnowledgeFileError as err:
        raise KnowledgeBaseError(str(err).removeprefix(f"[{err.code}] ")) from err


def _parse(model: type[BaseModel], items: list[Any], path: Path) -> list[Any]:
    try:
        return [model.model_validate(item) for item in items or []]
    except ValidationError as err:
        raise KnowledgeBaseError(f"{path} does not match its schema: {err}") from err


def overlaid(items: list[Any], replacements: dict[str, str | None]) -> list[Any]:
    """Shipped entries with the overlay's entries of the same kind on top: same id replaces, None retires,
    a new id is added at the end."""
    kept = []
    for item in items:
        key = item.get("id") if isinstance(item, dict) else None
        if key not in replacements:
            kept.append(item)
        elif replacements[key] is not None:
            kept.append(json.loads(replacements[key] or "null"))
    shipped = {item.get("id") for item in items if isinstance(item, dict)}
    kept += [json.loads(body) for key, body in replacements.items() if key not in shipped and body is not None]
    return kept


def _calendar_words(data_dir: Path) -> frozenset[str]:
    """Day and month names from the time stage's calendar; none for an actors folder read on its own."""
    if not (data_dir / "time" / "lexicon.yaml").exists():
        return frozenset()
    calendar = load_calendar(data_dir)
    return frozenset(calendar.weekday_names) | frozenset(calendar.month_names)


@lru_cache(maxsize=8)  # a few overlays at a time (a recode compares two); each KB is a few MB
def _load_cached(data_dir: Path, overlay: KnowledgeOverlay) -> KnowledgeBase:
    kb = KnowledgeBase()
    _load_states(kb, data_dir)
    _load_places(kb, data_dir)
    _load_organisations(kb, data_dir, overlay.of_kind("organisation"))
    _load_metonyms(kb, data_dir)
    _load_persons(kb, data_dir, overlay.of_kind("person"))
    _load_roles(kb, data_dir)
    kb.coref = _read(data_dir / "coref.yaml")
    kb.calendar_words = _calendar_words(data_dir.parent)  # data_dir is the actors folder of Settings.data_dir
    names = _read(data_dir / "names.yaml")
    kb.not_name_words = frozenset(names["not_name_words"])
    kb.name_connectors = frozenset(names["name_connectors"])
    kb.person_verbs = frozenset(names.get("person_verbs", []))
    kb.org_words = frozenset(names.get("org_words", []))
    kb.currency_words = frozenset(names.get("currency_words", []))
    kb.direction_words = frozenset(names.get("direction_words", []))
    kb.vehicle_words = frozenset(w.casefold() for w in names.get("vehicle_words", []))
    kb.platforms = frozenset(names.get("platforms", []))
    kb.peoples = frozenset(names.get("peoples", []))
    kb.person_cues_before = frozenset(names.get("person_cues_before", []))
    kb.headline_function_words = frozenset(names.get("headline_function_words", []))
    kb.role_lead_words = frozenset(names.get("role_lead_words", []))
    kb.place_prepositions = frozenset(names.get("place_prepositions", []))
    kb.posting_words = frozenset(names.get("posting_words", []))
    kb.role_coordinators = frozenset(names.get("role_coordinators", []))
    return kb


def _load_states(kb: KnowledgeBase, data_dir: Path) -> None:
    path = data_dir / "countries.yaml"
    raw = _read(path)
    extras = {
        e.code: e
        for e in _parse(
            CountryExtra, _read(data_dir / "countries_extra.yaml")["countries"], data_dir / "countries_extra.yaml"
        )
    }
    unknown = set(extras) - {c["code"] for c in raw["countries"]}
    if unknown:
        raise KnowledgeBaseError(f"countries_extra.yaml names codes not in countries.yaml: {sorted(unknown)}")
    for country in _parse(Country, raw["countries"], path):
        extra = extras.get(country.code, CountryExtra(code=country.code))
        country = country.model_copy(
            update={"name": extra.name or country.name, "aliases": (country.name, *country.aliases, *extra.aliases)}
        )
        kb.countries[country.code] = country
        entry = Entry("country", country.code, country.name, "GPE", country.code)
        kb.add(entry, (country.name, *country.aliases))
    for region in _parse(Region, raw["regions"], path):
        kb.add(Entry("region", region.m49, region.name, "LOC"), (region.name, *region.aliases))


def _load_places(kb: KnowledgeBase, data_dir: Path) -> None:
    raw = _read(data_dir / "places.yaml")
    for place in _parse(Place, raw["places"], data_dir / "places.yaml"):
        kb.add(Entry("place", place.name, place.name, "LOC"), (place.name, *place.aliases))
    kb.geo_nouns = tuple(raw.get("geo_nouns", ()))


def _load_organisations(kb: KnowledgeBase, data_dir: Path, overlay: dict[str, str | None]) -> None:
    path = data_dir / "organisations.yaml"
    for org in _parse(Organisation, overlaid(_read(path)["organisations"], overlay), path):
        kb.add(Entry("org", org.id, org.name, org.type, org.actor, org.sector), (org.name, *org.aliases))
    path = data_dir / "institutions.yaml"
    kb.institutions = tuple(_parse(Institution, _read(path)["institutions"], path))


def _load_metonyms(kb: KnowledgeBase, data_dir: Path) -> None:
    path = data_dir / "metonyms.yaml"
    raw = _read(path)
    kb.place_cues = tuple(raw.get("place_cues", ()))
    kb.name_modifiers = frozenset(w.casefold() for w in raw.get("name_modifiers", ()))
    for kind, key in (("capital", "capitals"), ("seat", "seats")):
        for metonym in _parse(Metonym, raw[key], path):
            if kb.entry_for_code(metonym.refers_to) is None:
                raise KnowledgeBaseError(f"{path}: {metonym.name} names an unknown actor {metonym.refers_to}")
            entry_type: EntityType = "ORG" if kind == "seat" else "LOC"
            entry = Entry(kind, metonym.name, metonym.name, entry_type, metonym.refers_to, metonym.sector)
            kb.add(entry, (metonym.name, *metonym.aliases))


def _load_persons(kb: KnowledgeBase, data_dir: Path, overlay: dict[str, str | None]) -> None:
    """Office holders; the file is optional so the stage works before it is written."""
    path = data_dir / "persons.yaml"
    for person in _parse(Person, overlaid(shipped_persons(data_dir), overlay), path):
        kb.persons[person.id] = person
        kb.add(Entry("person", person.id, person.name, "PER"), (person.name, *person.names))


def shipped_persons(data_dir: Path) -> list[Any]:
    raw = _read(data_dir / "persons.yaml", required=False)
    items = raw.get("persons", []) if isinstance(raw, dict) else raw
    return list(items or [])


def shipped_items(data_dir: Path, kind: str) -> list[dict[str, Any]]:
    """The shipped entries of one overlay kind (person | organisation), as their YAML file has them."""
    items = shipped_persons(data_dir) if kind == "person" else _read(data_dir / "organisations.yaml")["organisations"]
    return [item for item in items if isinstance(item, dict)]


def _load_roles(kb: KnowledgeBase, data_dir: Path) -> None:
    path = data_dir / "roles.yaml"
    raw = _read(path)
    kb.roles = tuple(_parse(RoleWord, raw["roles"], path))
    kb.title_words = frozenset(
        w.casefold() for role in kb.roles if role.person for phrase in role.words for w in phrase.split()
    )
    kb.modifiers = tuple(_parse(RoleModifier, raw.get("modifiers", []), path))
    kb.qualifiers = frozenset(raw.get("qualifiers", []))
