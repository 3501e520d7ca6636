"""GET routes: events, actors, dyads, network, quotes, stories, articles, search, health."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from peristiwa import __version__
from peristiwa.server import cursors
from peristiwa.server.deps import NOT_FOUND, READ_ERRORS, Limit, Offset, page, store
from peristiwa.server.errors import ApiError
from peristiwa.server.models import (
    ActorProfile,
    ActorRow,
    ArticleDetail,
    ArticleRow,
    DyadTimeline,
    EventDetail,
    EventPage,
    Health,
    Network,
    Page,
    PlaceMap,
    QuoteRow,
    SearchResult,
    StoryDetail,
    StoryRow,
)
from peristiwa.store import article_reads, filters, queries, reads
from peristiwa.store.geojson import events_by_place
from peristiwa.store.queries import Row

router = APIRouter(prefix="/v1", responses=READ_ERRORS)
Id = Annotated[str, Path(min_length=1, max_length=128)]
Words = Annotated[str | None, Query(max_length=200)]


DATE_DOC = "YYYY-MM-DD, YYYY-MM, or a relative date: 'kemarin', '7 hari terakhir', 'yesterday' …"
Since = Annotated[str | None, Query(max_length=40, description=f"From this date: {DATE_DOC}", examples=["2022-03-01"])]
Until = Annotated[str | None, Query(max_length=40, description=f"Up to this date: {DATE_DOC}", examples=["2022-03-31"])]
QuadParam = Annotated[
    str | None,
    Query(
        max_length=16,
        json_schema_extra={"enum": list(filters.QUADS)},
        description="PLOVER quad: V-coop | M-coop | V-conf | M-conf.",
    ),
]


def event_filter(
    actor: Annotated[str | None, Query(max_length=64, description="Actor code as source or target.")] = None,
    source: Annotated[str | None, Query(max_length=64)] = None,
    target: Annotated[str | None, Query(max_length=64)] = None,
    type: Annotated[str | None, Query(max_length=64, description="PLOVER type, e.g. ACCUSE.")] = None,
    quad: QuadParam = None,
    since: Since = None,
    until: Until = None,
    text: Words = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name of the event, any case.")] = None,
) -> queries.EventFilter:
    """The filters GET /v1/events and GET /v1/events/geo share, checked as the CLI checks them."""
    return filters.event_filter(actor, source, target, type, quad, since, until, text, place=place)


EventFilters = Annotated[queries.EventFilter, Depends(event_filter)]
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "A page of events (JSON, or CSV with `format=csv`).",
    }
}


@router.get("/health", response_model=Health, tags=["meta"])
def health(request: Request) -> dict[str, object]:
    """Whether the server is up, what database it serves and whether /v1/extract is ready."""
    counts = store(request).read(queries.counts)
    return {
        "status": "ok",
        "version": __version__,
        "database": str(store(request).db),
        "extract_ready": request.app.state.extractor.ready,
        "counts": counts,
    }


@router.get("/events", response_model=EventPage, responses=CSV_RESPONSE, tags=["events"])
def list_events(
    request: Request,
    where: EventFilters,
    story_id: Annotated[str | None, Query(max_length=128)] = None,
    order: Literal["mentions", "date"] = "mentions",
    format: Literal["json", "csv"] = "json",
    limit: Limit = 50,
    offset: Offset = 0,
    cursor: Annotated[
        str | None,
        Query(
            max_length=500,
            description="`next_cursor` of the previous page: "
            "the next page, as fast as the first (`offset` then counts from it).",
        ),
    ] = None,
) -> object:
    """Merged events by actor, dyad, type, quad, date range, text, place and story; paged, as JSON or CSV."""
    where = replace(where, limit=limit)
    after = cursors.decode(order, cursor) if cursor else None
    total, items, last = store(request).read(
        lambda con: _named(con, queries.events_page(con, where, offset, order, story_id, after))
    )
    following = cursors.encode(order, last) if last is not None and len(items) == limit else None
    if format == "csv":
        headers = {"X-Total-Count": str(total), "Content-Disposition": 'attachment; filename="events.csv"'}
        if following:
            headers["X-Next-Cursor"] = following
        return Response(_csv(items), media_type="text/csv; charset=utf-8", headers=headers)
    return {**page(total, limit, offset, items), "next_cursor": following}


def _named(con: duckdb.DuckDBPyConnection, found: tuple[int, list[Row], Any]) -> tuple[int, list[Row], Any]:
    total, items, last = found
    return total, reads.with_names(con, items), last


def _csv(items: list[dict[str, object]]) -> str:
    out = io.StringIO()
    columns = [*queries.EVENT_FIELDS, "source_name", "target_name"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(items)
    return out.getvalue()


@router.get("/events/geo", response_model=PlaceMap, tags=["events"])
def events_geo(
    request: Request,
    where: EventFilters,
    limit: Annotated[int, Query(ge=1, le=5000, description="Most places returned.")] = 500,
) -> object:
    """Events with a location, one GeoJSON point per place with its counts; the filters of GET /v1/events."""
    return store(request).read(lambda con: events_by_place(con, where, limit))


@router.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"])
def get_event(request: Request, event_id: Id) -> object:
    """One merged event with each of its mentions (article and evidence span)."""
    found = store(request).read(lambda con: reads.event_detail(con, event_id))
    return _found(found, f"no event {event_id!r}; list events with GET /v1/events")


@router.get("/actors", response_model=Page[ActorRow], tags=["actors"])
def list_actors(request: Request, q: Words = None, limit: Limit = 50, offset: Offset = 0) -> object:
    """Actors with their event counts, most active first."""
    total, items = store(request).read(lambda con: reads.actors_page(con, q, limit, offset))
    return page(total, limit, offset, items)


@router.get("/actors/{code}", response_model=ActorProfile, responses=NOT_FOUND, tags=["actors"])
def get_actor(request: Request, code: Annotated[str, Path(min_length=1, max_length=64)]) -> object:
    """An actor's profile: events as source and target, by type, partners, people, months."""
    known = filters.actor_code("code", code)
    return store(request).read(lambda con: reads.actor_profile(con, known or code))


@router.get("/dyads/{a}/{b}/timeline", response_model=DyadTimeline, responses=NOT_FOUND, tags=["actors"])
def dyad_timeline(
    request: Request,
    a: Annotated[str, Path(min_length=1, max_length=64)],
    b: Annotated[str, Path(min_length=1, max_length=64)],
    both: Annotated[bool, Query(description="Count both directions.")] = False,
) -> object:
    """Events from actor `a` to actor `b` per month and quad; 404 for an actor the database does not know."""
    source, target = filters.actor_code("a", a) or a, filters.actor_code("b", b) or b
    months = store(request).read(lambda con: queries.dyad_timeline(con, source, target, both))
    return {"source": source, "target": target, "both": both, "months": months}


@router.get("/network", response_model=Network, tags=["actors"])
def get_network(
    request: Request,
    since: Since = None,
    until: Until = None,
    quad: QuadParam = None,
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=5000, description="Most edges.")] = 200,
) -> object:
    """Actor-pair edges with event counts by quad, and the actors they connect."""
    first, last = filters.date_range(since, until)
    which = filters.quad_of(quad)
    return store(request).read(lambda con: reads.network(con, first, last, which, min_events, limit))


@router.get("/quotes", response_model=Page[QuoteRow], tags=["quotes"])
def list_quotes(
    request: Request,
    speaker: Words = None,
    q: Words = None,
    article_id: Annotated[str | None, Query(max_length=128)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> object:
    """Quotations by speaker, words and article, newest first."""
    total, items = store(request).read(lambda con: reads.quotes_page(con, speaker, q, article_id, limit, offset))
    return page(total, limit, offset, items)


@router.get("/stories", response_model=Page[StoryRow], tags=["stories"])
def list_stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> object:
    """Stories with the most independent reports first."""
    total, items = store(request).read(lambda con: reads.stories_page(con, limit, offset))
    return page(total, limit, offset, items)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND, tags=["stories"])
def get_story(request: Request, story_id: Id) -> object:
    """A story with its articles (copies marked by `dup_of`) and its merged events."""

    def story_with_names(con: duckdb.DuckDBPyConnection) -> Row:
        story = queries.story(con, story_id)
        reads.with_names(con, story["events"])
        return story

    return store(request).read(story_with_names)


@router.get("/articles", response_model=Page[ArticleRow], tags=["articles"])
def list_articles(
    request: Request,
    q: Words = None,
    story_id: Annotated[str | None, Query(max_length=128)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> object:
    """Stored articles, newest first."""
    first, last = filters.date_range(since, until)
    total, items = store(request).read(
        lambda con: reads.articles_page(con, q, story_id, outlet, first, last, limit, offset)
    )
    return page(total, limit, offset, items)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def get_article(request: Request, article_id: Id) -> object:
    """One article: clean text and every span (entities, quotes, dates, places, events with evidence)."""
    found = store(request).read(lambda con: article_reads.article_detail(con, article_id))
    return _found(found, f"no article {article_id!r}; list articles with GET /v1/articles")


@router.get("/search", response_model=SearchResult, tags=["search"])
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
    limit: Annotated[int, Query(ge=1, le=100, description="Most results per group.")] = 10,
) -> object:
    """Articles (title and text), actors (code and names) and quotes (speaker and text) containing `q`."""
    return store(request).read(lambda con: article_reads.search(con, q, limit))


def _found(found: object, message: str) -> object:
    if found is None:
        raise ApiError(404, message)
    return found
