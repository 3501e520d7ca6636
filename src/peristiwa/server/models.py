"""Request and response models: they make the OpenAPI spec precise and check what the routes return."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

T = TypeVar("T")
Quad = Literal["V-coop", "M-coop", "V-conf", "M-conf"]
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
    """One article: `text` (plain) or `html` (a web page), with optional metadata."""

    # The spec says "text or html, not blank" too, so generated clients and fuzzers send valid articles.
    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"anyOf": [{"required": ["text"]}, {"required": ["html"]}]})
    text: str | None = Field(None, max_length=MAX_TEXT, pattern=NOT_BLANK, description="Plain text of the article.")
    html: str | None = Field(None, max_length=MAX_TEXT, pattern=NOT_BLANK,
                             description="An HTML page (its main text and metadata are extracted).")
    url: str | None = Field(None, max_length=2048)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40, description="Publication date, e.g. 2022-03-02.")
    outlet: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def _has_body(self) -> ArticleIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("give a non-empty 'text' or 'html'")
        return self


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


# -- the extract record (DESIGN §3) ---------------------------------------------------------------------------
class Span(BaseModel):
    start: int
    end: int
    text: str


class Offsets(BaseModel):
    start: int
    end: int


class SourceOut(Open):
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    format: str | None = None
    line: int | None = None


class EntityOut(Open):
    id: str
    name: str
    type: str
    actor: str | None = None
    role: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    mentions: list[Span] = []


class QuoteOut(Open):
    speaker: str | None = None
    speaker_id: str | None = None
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None


class DateOut(Open):
    text: str
    start: int
    end: int
    value: str | None = None


class PlaceOut(Open):
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None


class RecordEvent(Open):
    id: str
    type: str
    source: str | None = None
    target: str | None = None
    evidence: Span
    sentence: Offsets | None = None
    mode: str | None = None
    source_entity: str | None = None
    target_entity: str | None = None
    negated: bool = False
    modality: str | None = None
    date: str | None = None
    date_source: str | None = Field(None, description="Where `date` came from: clause, sentence, lead, report "
                                    "(the report's own date, no better evidence) or none.")
    date_precision: str | None = Field(None, description="How precise `date` is: day, week, month or year.")
    location: dict[str, Any] | None = None
    magnitude: dict[str, Any] | None = None
    quad: str | None = None
    score: float | None = None
    cameo: str | None = None
    rule: str | None = None


class RemovedOut(Open):
    text: str
    reason: str | None = None
    rule: str | None = None


class ProblemOut(Open):
    stage: str
    message: str


class RecordOut(Open):
    id: str
    source: SourceOut
    language: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    text: str
    removed: list[RemovedOut] = []
    entities: list[EntityOut] = []
    quotes: list[QuoteOut] = []
    dates: list[DateOut] = []
    places: list[PlaceOut] = []
    events: list[RecordEvent] = []
    problems: list[ProblemOut] = []


class IngestOut(BaseModel):
    added: int
    replaced: int
    skipped: int
    failed: int
    events: int = Field(description="Merged events rebuilt by this write.")
    ids: list[str] = Field(description="Content ids of the submitted articles that could be read, in order.")
    errors: list[str]


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
    date_source: str | None = Field(None, description="Where `date` came from: clause, sentence, lead, report "
                                    "(the report's own date, no better evidence) or none.")
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
    source_name: str | None = Field(None, description="Name of the entity `source_entity` stands for.")
    target_name: str | None = Field(None, description="Name of the entity `target_entity` stands for.")


class EventPage(Page[EventRow]):
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class EventMentionRef(BaseModel):
    article_id: str
    mention_id: str
    title: str | None = None
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
    article_id: str
    title: str | None = None
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
    date_source: str | None = Field(None, description="Where `date` came from: clause, sentence, lead, report "
                                    "(the report's own date, no better evidence) or none.")
    date_precision: str | None = Field(None, description="How precise `date` is: day, week, month or year.")
    quad: str | None = None
    score: float | None = None
    cameo: str | None = None
    location: dict[str, Any]
    magnitude: dict[str, Any]
    evidence: Span | None = None
    rule: str | None = None


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


class SearchArticle(BaseModel):
    id: str
    title: str | None = None
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
