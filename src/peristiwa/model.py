"""The document model that flows through the pipeline.

Every stage takes a `Document`, reads the layers earlier stages wrote and adds its own.
All spans are half-open character offsets into `Document.text` (the clean body), except
`Removed.start/end`, which point into `Document.raw` so a removed line can be audited too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any


@dataclass(slots=True)
class Source:
    """Where an article came from."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    format: str = "txt"
    line: int | None = None  # 1-based line/record number inside a multi-article file


@dataclass(slots=True)
class Removed:
    """A line taken out of the body, with the pattern that matched it."""

    text: str
    reason: str
    rule: str | None = None
    start: int | None = None  # offsets into Document.raw
    end: int | None = None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    """One token of the document's single token layer. The tag and the tree are filled only for the sentences
    some stage asked to parse (`stages.nlp.syntax.parse_sentence`); `head` is a document token index (the
    token itself for a root), -1 while unparsed."""

    start: int
    end: int
    text: str
    upos: str = ""
    head: int = -1
    deprel: str = ""


@dataclass(slots=True)
class NerSpan:
    """A named-entity span proposed by the NER model (before linking)."""

    start: int
    end: int
    text: str
    label: str  # PER | ORG | LOC
    score: float | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str  # PER | ORG | GPE | LOC | EVENT
    actor: str | None = None
    role: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    corrected: bool = False  # an analyst's correction set its fields (as on Event); never the machine


@dataclass(slots=True)
class Reference:
    """A pronoun, role noun or short name that refers back to an entity (coreference)."""

    start: int
    end: int
    text: str
    entity_id: str
    kind: str  # pronoun | role | name | clitic | group


@dataclass(slots=True)
class Quote:
    speaker: str | None
    speaker_id: str | None
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    addressee: str | None = None
    speaker_span: Mention | None = None
    corrected: bool = False  # an analyst's correction set its fields (as on Event); never the machine


@dataclass(slots=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None  # YYYY | YYYY-MM | YYYY-MM-DD | None
    rule: str | None = None
    corrected: bool = False  # an analyst's correction set its value (as on Event); never the machine


@dataclass(slots=True)
class Place:
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Location:
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    precision: str | None = None  # city | region | country | unknown
    source: str | None = None  # clause (the event's own clause names it) | dateline (the report's place)


@dataclass(slots=True)
class Magnitude:
    value: float | None
    unit: str | None
    qualifier: str | None  # more_than | about | almost | at_least | None
    text: str


@dataclass(slots=True)
class Event:
    id: str
    type: str
    source: str | None
    target: str | None
    evidence: Mention
    sentence: Sentence
    mode: str | None = None
    source_entity: str | None = None
    target_entity: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | future | hypothetical
    date: str | None = None  # YYYY-MM-DD | YYYY-MM | YYYY: the best date the text gives the event
    date_source: str = "none"  # clause | sentence | mention | lead | report | none: where `date` came from
    date_precision: str | None = None  # day | week | month | year (None when undated)
    location: Location | None = None
    magnitude: Magnitude | None = None
    quad: str | None = None
    score: float | None = None
    cameo: str | None = None
    rule: str | None = None
    clause: Sentence | None = None  # the trigger's clause, where the event's own date and place are read
    corrected: bool = False  # an analyst's correction (peristiwa corrections) set its fields; never the machine


@dataclass(slots=True)
class Problem:
    """Something a stage could not do; the document still goes on."""

    stage: str
    message: str


@dataclass(slots=True)
class Dateline:
    text: str
    place: str | None
    start: int
    end: int
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Contract:
    """What a stage needs from the document and what it adds, by `Document` field name (as spaCy components
    declare `requires` and `assigns`). The pipeline checks the order of its stages against these when it is
    built: a `requires` field must come from an earlier stage (or from ingest), and no field a stage `reads`
    or requires may be assigned by a later one."""

    assigns: tuple[str, ...]
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # used when present; a stage copes without them
    # Layers made earlier whose items it completes in place, when present: a stage that parses the sentences it
    # needs writes their tags and trees onto `tokens` (parsing every sentence up front costs what most never use).
    annotates: tuple[str, ...] = ()


INGEST_FIELDS = ("id", "raw", "source", "hints")  # what ingest fills in


@dataclass(slots=True)
class Document:
    """One article as it moves through the pipeline."""

    id: str
    raw: str
    source: Source
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_time: str | None = None  # HH:MM with zone, when the page gives it
    byline: str | None = None
    dateline: Dateline | None = None
    origin: str | None = None  # "first published by …" notes
    language: str | None = None
    language_confidence: float | None = None
    text: str = ""
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    ner: list[NerSpan] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)  # metadata the input carried (title, published …)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def add_problem(self, stage: str, message: str) -> None:
        self.problems.append(Problem(stage, message))


# The record (DESIGN §3 and a few more layers): these Document fields, in this order. Everything that spells the
# record (the API schemas, the store rows) derives from the dataclasses above or is checked against them.
RECORD_FIELDS = (
    "id",
    "source",
    "language",
    "title",
    "published",
    "published_time",
    "byline",
    "dateline",
    "origin",
    "text",
    "removed",
    "sentences",
    "entities",
    "references",
    "quotes",
    "dates",
    "places",
    "events",
    "problems",
)


def to_record(doc: Document) -> dict[str, Any]:
    """Serialise a document to its record."""
    return {name: plain(getattr(doc, name)) for name in RECORD_FIELDS}


def plain(value: Any) -> Any:
    """A dataclass as nested dicts, like `dataclasses.asdict` but without its deep copy of every leaf, which
    made serialising a record cost as much as a pipeline stage. Our leaves are immutable (str, int, float,
    None), so sharing them is safe."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))
