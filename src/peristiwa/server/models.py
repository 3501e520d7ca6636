"""Request and response models: they make the OpenAPI spec precise and check what the routes return."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeAlias, TypeVar, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, field_validator, model_validator

from peristiwa import model as record
from peristiwa.dates.published import published_from_text
from peristiwa.knowledge import reference_file
from peristiwa.stages.time.query_dates import typed_day

T = TypeVar("T")
MAX_TEXT = 2_000_000  # characters in one article's text or html
NOT_BLANK = r"\S"  # at least one non-space character somewhere


class Open(BaseModel):
    """A response object that may gain fields later (the record grows as stages grow)."""

    model_config = ConfigDict(extra="allow")


# -- errors ---------------------------------------------------------------------------------------------------
class ErrorInfo(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    error: ErrorInfo


# -- requests -------------------------------------------------------------------------------------------------
class ArticleIn(BaseModel):
    """One article: `text` (plain) or `html` (a web page), not both, with optional metadata."""

    # The spec says "text or html, not blank" too, so generated clients and fuzzers send valid articles; the
    # validators below say in words what is wrong.
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["html"]}]}
    )
    text: str | None = Field(
        None, max_length=MAX_TEXT, json_schema_extra={"pattern": NOT_BLANK}, description="Plain text of the article."
    )
    html: str | None = Field(
        None,
        max_length=MAX_TEXT,
        json_schema_extra={"pattern": NOT_BLANK},
        description="An HTML page (its main text and metadata are extracted).",
    )
    url: str | None = Field(None, max_length=2048)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(
        None,
        max_length=40,
        description="Publication date: 2022-03-02, a date line ('Jumat, 04 Maret 2022 | "
        "08:45 WIB') or one day relative to today ('kemarin', 'yesterday'); anything else is refused.",
    )
    outlet: str | None = Field(None, max_length=200)

    @field_validator("text", "html")
    @classmethod
    def _not_blank(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not value.strip():
            raise ValueError(f"'{info.field_name}' is empty (or only spaces): send the article's {info.field_name}")
        return value

    @field_validator("published")
    @classmethod
    def _a_readable_day(cls, value: str | None) -> str | None:
        """Kept as given when the pipeline reads it as a date; a relative day becomes YYYY-MM-DD; else refused."""
        if value is None or not value.strip() or published_from_text(value, reference_file())[0]:
            return value or None
        day = typed_day(value, dt.date.today())
        if day is None:
            raise ValueError(
                f"cannot read {value!r} as a publication date: give YYYY-MM-DD, a date line such as "
                "'Jumat, 04 Maret 2022', or one day such as 'kemarin'"
            )
        return day.isoformat()

    @model_validator(mode="after")
    def _has_one_body(self) -> ArticleIn:
        if self.text is None and self.html is None:
            raise ValueError("give the article as 'text' (plain text) or as 'html' (a web page)")
        if self.text is not None and self.html is not None:
            raise ValueError("give either 'text' or 'html', not both: one article has one body")
        return self


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


# -- the extract record (DESIGN §3) ---------------------------------------------------------------------------
# Declared once, in model.py; these response schemas are derived from its dataclasses, so a field added there
# appears here (and in the OpenAPI spec) by itself. Schema names are kept stable for API clients.
SCHEMA_NAMES = {
    record.Mention: "Span",
    record.Sentence: "Offsets",
    record.Source: "SourceOut",
    record.Entity: "EntityOut",
    record.Quote: "QuoteOut",
    record.DateMention: "DateOut",
    record.Place: "PlaceOut",
    record.Event: "RecordEvent",
    record.Removed: "RemovedOut",
    record.Problem: "ProblemOut",
    record.Location: "LocationOut",
    record.Magnitude: "MagnitudeOut",
    record.Dateline: "DatelineOut",
    record.Reference: "ReferenceOut",
}


@cache
def response_model(cls: type) -> type[BaseModel]:
    """The response schema of a record dataclass: the same fields, types and defaults, nested dataclasses
    mapped to their own schemas; open to fields the record may gain."""
    hints = get_type_hints(cls)
    fields: dict[str, Any] = {}
    for item in dataclasses.fields(cls):
        if item.default is not dataclasses.MISSING:
            default: Any = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=item.default_factory)
        else:
            default = ...
        fields[item.name] = (_schema_type(hints[item.name]), default)
    return create_model(SCHEMA_NAMES.get(cls, f"{cls.__name__}Out"), __base__=Open, **fields)


def _schema_type(annotation: Any) -> Any:
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return response_model(annotation)
    args = get_args(annotation)
    if get_origin(annotation) is list:
        return list[_schema_type(args[0])]  # type: ignore[misc]
    if get_origin(annotation) in (Union, UnionType):
        return Union[tuple(_schema_type(a) for a in args)]  # noqa: UP007 - built from a tuple of types
    return annotation


if TYPE_CHECKING:  # mypy cannot follow models made at run time: to it they are open models
    Span: TypeAlias = Open
    SourceOut: TypeAlias = Open
    EntityOut: TypeAlias = Open
    QuoteOut: TypeAlias = Open
    DateOut: TypeAlias = Open
    PlaceOut: TypeAlias = Open
    RemovedOut: TypeAlias = Open
    RecordOut: TypeAlias = Open
else:
    Span = response_model(record.Mention)
    SourceOut = response_model(record.Source)
    EntityOut = response_model(record.Entity)
    QuoteOut = response_model(record.Quote)
    DateOut = response_model(record.DateMention)
    PlaceOut = response_model(record.Place)
    RemovedOut = response_model(record.Removed)
    _document = get_type_hints(record.Document)
    RecordOut = create_model(
        "RecordOut", __base__=Open, **{name: (_schema_type(_document[name]), ...) for name in record.RECORD_FIELDS}
    )


class IngestOut(BaseModel):
    added: int
    replaced: int
    skipped: int
    failed: int
    events: int = Field(description="Merged events rebuilt by this write.")
    ids: list[str] = Field(description="Content ids of the submitted articles that could be read, in order.")
    errors: list[str]


class RecordsIn(BaseModel):
    """Records that `peristiwa extract` (or `ingest` in another process) already produced, to store as one batch."""

    model_config = ConfigDict(extra="forbid")
    records: list[dict[str, Any]] = Field(
        min_length=1, max_length=1000, description="Extract records (DESIGN §3), each with its `id` and `text`."
    )


class RecordsOut(BaseModel):
    added: int
    replaced: int
    skipped: int
    events: int = Field(description="Merged events rebuilt by this write.")
    added_ids: list[str] = Field(description="Ids of the records that were new.")


class KnownIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[str] = Field(max_length=10_000, description="Article content ids.")


class KnownOut(BaseModel):
    known: list[str] = Field(description="Those of the given ids that are stored.")


# -- reads ----------------------------------------------------------------------------------------------------
class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class EventRow(BaseModel):
    event_id: str
    story_id: str | None = None
    type: str | None = None
    mode: str | None = None
    source: str | None = None
    target: str | None = None
    source_entity: str | None = None
    target_entity: str | None = None
    negated: bool | None = None
    modality: str | None = None
    date: str | None = None
    date_source: str | None = Field(
        None,
        description="Where `date` came from: clause, sentence, mention (another sentence about the same event), "
        "lead, report "
        "(the report's own date, no better evidence) or none.",
    )
    date_precision: str | None = Field(None, description="How precise `date` is: day, week, month or year.")
    month: str | None = Field(None, description="The month the timelines plot the event in (from `date`).")
    quad: str | None = None
    score: float | None = None
    cameo: str | None = None
    location_name: str | None = None
    num_mentions: int | None = None
    num_articles: int | None = None
    num_sources: int | None = None
    num_copies: int | None = None
    source_url: str | None = None
    text: str | None = None
    corrected: bool | None = Field(None, description="An analyst's correction set this event's fields.")
    source_name: str | None = Field(None, description="Name of the entity `source_entity` stands for.")
    target_name: str | None = Field(None, description="Name of the entity `target_entity` stands for.")


class EventPage(Page[EventRow]):
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class EventMentionRef(BaseModel):
    article_id: str
    mention_id: str
    title: str | None = None
    lead: str | None = Field(None, description="An article without a title: its first sentence, to name it by.")
    published: str | None = None
    source: str | None = None
    evidence: Span | None = None
    rule: str | None = None


class EventDetail(BaseModel):
    event: EventRow
    mentions: list[EventMentionRef]


class ActorRow(BaseModel):
    code: str
    name: str | None = None
    events: int
    as_source: int
    as_target: int
    mentions: int


class RoleTotal(BaseModel):
    role: str
    events: int
    mentions: int


class TypeCount(BaseModel):
    role: str
    type: str | None = None
    quad: str | None = None
    events: int


class Partner(BaseModel):
    partner: str
    events: int
    as_source: int | None = None
    as_target: int | None = None


class Person(BaseModel):
    name: str | None = None
    role: str | None = None
    sector: str | None = None
    articles: int


class ActorMonth(BaseModel):
    month: str | None = None
    quad: str | None = None
    as_source: int
    as_target: int
    reported_as_source: int = Field(0, description="Of `as_source`, the events dated only by their report.")
    reported_as_target: int = Field(0, description="Of `as_target`, the events dated only by their report.")


class ActorProfile(BaseModel):
    actor: str
    name: str | None = None
    totals: list[RoleTotal]
    by_type: list[TypeCount]
    partners: list[Partner]
    people: list[Person]
    timeline: list[ActorMonth]


class DyadMonth(BaseModel):
    month: str | None = None
    quad: str | None = None
    events: int
    mentions: int
    reported: int = Field(0, description="Of `events`, those dated only by their report.")


class DyadTimeline(BaseModel):
    source: str
    target: str
    both: bool
    months: list[DyadMonth]


class NetworkNode(BaseModel):
    id: str
    name: str | None = None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    mentions: int
    by_quad: dict[str, int]


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class QuoteRow(BaseModel):
    speaker: str | None = None
    speaker_id: str | None = None
    text: str | None = None
    direct: bool | None = None
    cue: str | None = None
    start: int | None = None
    end: int | None = None
    corrected: bool | None = Field(None, description="An analyst's correction set this quote's fields.")
    article_id: str
    title: str | None = None
    lead: str | None = Field(None, description="An article without a title: its first sentence, to name it by.")
    published: str | None = None
    source: str | None = None


class StoryRow(BaseModel):
    story_id: str
    title: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    num_articles: int | None = None
    num_reports: int | None = None
    num_events: int | None = None


class StoryArticle(BaseModel):
    id: str
    title: str | None = None
    lead: str | None = Field(None, description="An article without a title: its first sentence, to name it by.")
    published: str | None = None
    outlet: str | None = None
    source: str | None = None
    dup_of: str | None = None


class StoryDetail(StoryRow):
    articles: list[StoryArticle]
    events: list[EventRow]


class ArticleRow(BaseModel):
    id: str
    title: str | None = None
    lead: str | None = Field(None, description="An article without a title: its first sentence, to name it by.")
    published: str | None = None
    outlet: str | None = None
    source: str | None = None
    story_id: str | None = None
    dup_of: str | None = None
    language: str | None = None
    num_entities: int
    num_quotes: int
    num_events: int


class ArticleEvent(BaseModel):
    mention_id: str
    event_id: str | None = None
    type: str | None = None
    mode: str | None = None
    source: str | None = None
    target: str | None = None
    source_entity: str | None = None
    target_entity: str | None = None
    negated: bool | None = None
    modality: str | None = None
    date: str | None = None
    date_source: str | None = Field(
        None,
        description="Where `date` came from: clause, sentence, mention (another sentence about the same event), "
        "lead, report "
        "(the report's own date, no better evidence) or none.",
    )
    date_precision: str | None = Field(None, description="How precise `date` is: day, week, month or year.")
    quad: str | None = None
    score: float | None = None
    cameo: str | None = None
    location: dict[str, Any]
    magnitude: dict[str, Any]
    evidence: Span | None = None
    rule: str | None = None
    corrected: bool | None = Field(None, description="An analyst's correction set this event's fields.")


class CorrectionOut(BaseModel):
    id: int
    article_id: str
    item: str = Field(description="event, quote, entity or date")
    target: str = Field(description="The item: an event's mention_id, a quote's or date's number, an entity id.")
    action: str = Field(description="wrong (left out) or fix (fields set)")
    fields: dict[str, Any] = {}
    note: str | None = None
    author: str
    made_at: str | None = None
    machine: dict[str, Any] | None = Field(None, description="The item as the machine had it.")
    review: bool = Field(False, description="The machine's item under the correction changed since.")


class ArticleDetail(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    language: str | None = None
    story_id: str | None = None
    dup_of: str | None = None
    text: str
    problems: list[str]
    removed: list[RemovedOut]
    entities: list[EntityOut]
    quotes: list[QuoteOut]
    dates: list[DateOut]
    places: list[PlaceOut]
    events: list[ArticleEvent]
    corrections: list[CorrectionOut] = []


class SearchArticle(BaseModel):
    id: str
    title: str | None = None
    lead: str | None = Field(None, description="An article without a title: its first sentence, to name it by.")
    published: str | None = None
    snippet: str | None = None


class SearchActor(BaseModel):
    code: str
    name: str | None = None
    events: int


class SearchQuote(BaseModel):
    speaker: str | None = None
    text: str | None = None
    article_id: str
    start: int | None = None
    end: int | None = None


class SearchResult(BaseModel):
    q: str
    articles: list[SearchArticle]
    actors: list[SearchActor]
    quotes: list[SearchQuote]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str
    extract_ready: bool
    counts: dict[str, int]


# -- the map of events (issue 9) --------------------------------------------------------------------------------
class PlacePoint(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: list[float] = Field(min_length=2, max_length=2, description="[longitude, latitude]")


class PlaceTopEvent(BaseModel):
    event_id: str
    type: str | None
    source: str | None
    target: str | None


class PlaceEvents(BaseModel):
    name: str
    country: str | None = Field(description="ISO alpha-3 code; null for seas and regions across states.")
    precision: Literal["city", "region", "country", "unknown"] | None
    events: int
    quads: list[str]
    types: list[str]
    top: list[PlaceTopEvent] = Field(description="Up to five of its most reported events.")


class PlaceFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    geometry: PlacePoint
    properties: PlaceEvents


class PlaceMap(BaseModel):
    """Placed events grouped by place, as a GeoJSON FeatureCollection of points."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[PlaceFeature]
