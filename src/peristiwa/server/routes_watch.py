"""Routes of the watcher: the state of the watched feeds, watch lists and alerts, and what changed lately
(the web UI polls `/v1/updates` to refresh its tables without a reload)."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from peristiwa.server.auth import require_writer
from peristiwa.server.deps import NOT_FOUND, READ_ERRORS, WRITE_ERRORS, store
from peristiwa.server.errors import ApiError
from peristiwa.store import watch_state, watchlists
from peristiwa.store.watch_state import utc_now

router = APIRouter(prefix="/v1", responses=READ_ERRORS, tags=["watch"])
Name = Annotated[str, Path(min_length=1, max_length=80)]


class Feed(BaseModel):
    url: str
    kind: str | None = Field(None, description="feed | sitemap | page, as the last successful poll found it")
    added: str | None = None
    last_poll: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    failures: int | None = Field(None, description="Consecutive failed polls (the next poll backs off).")
    next_poll: str | None = None
    articles: int | None = Field(None, description="Articles stored from this source.")
    failed_pages: int | None = Field(None, description="Pages of this source given up on (404, no article …).")


class WatchQueryIn(BaseModel):
    actors: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list, max_length=50)
    source: str | None = Field(None, max_length=64)
    target: str | None = Field(None, max_length=64)
    types: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list, max_length=50)
    quad: str | None = Field(None, max_length=16)
    place: str | None = Field(None, max_length=200)
    keywords: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list, max_length=20)


class WatchListIn(BaseModel):
    name: str = Field(min_length=1, max_length=80, examples=["Laut China Selatan"])
    query: WatchQueryIn
    webhook: str | None = Field(None, max_length=2000, description="POST each alert as JSON to this URL.")


class WatchList(BaseModel):
    name: str
    query: dict[str, Any]
    webhook: str | None = None
    created: str | None = None
    alerts: int


class Alert(BaseModel):
    watchlist: str
    event_id: str
    article_id: str | None = None
    created: str | None = None
    event: dict[str, Any]
    delivered: str | None = None
    attempts: int | None = None
    last_error: str | None = None


class Updates(BaseModel):
    token: str = Field(description="Changes whenever articles, events or alerts change; pass it back as `since`.")
    changed: bool = Field(description="Whether anything changed since the `since` token (true without one).")
    articles: int
    events: int
    alerts: int


@router.get("/feeds", response_model=list[Feed])
def feeds(request: Request) -> list[dict[str, Any]]:
    """Each watched source with its state: last success, last error, next poll, articles stored."""
    return store(request).read(watch_state.status)


@router.get("/watchlists", response_model=list[WatchList])
def list_watchlists(request: Request) -> list[dict[str, Any]]:
    """The saved watch lists, with how many alerts each raised."""
    return store(request).read(watchlists.listed)


@router.get("/alerts", response_model=list[Alert])
def alerts(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    """The latest alerts, newest first, with their webhook delivery state."""
    return store(request).read(lambda con: watchlists.recent(con, limit))


@router.get("/updates", response_model=Updates)
def updates(request: Request, since: Annotated[str | None, Query(max_length=100)] = None) -> dict[str, Any]:
    """A cheap answer to "anything new?": counts and a token; poll it and reload only when `changed`."""
    articles, events, alerts_count = store(request).read(_counts)
    token = f"{articles}.{events}.{alerts_count}"
    return {"token": token, "changed": since != token, "articles": articles, "events": events, "alerts": alerts_count}


def _counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    row = con.execute(
        """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
                  (SELECT count(*) FROM alerts)"""
    ).fetchone()
    return (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)


@router.post(
    "/watchlists",
    response_model=WatchList,
    status_code=201,
    dependencies=[Depends(require_writer)],
    responses={**WRITE_ERRORS},
)
def save_watchlist(request: Request, body: WatchListIn) -> dict[str, Any]:
    """Create (or replace, by name) a watch list: a new event matching every given part raises an alert."""
    q = body.query
    # A value that cannot be used raises BadFilter: answered 422 in the shape of a validation error.
    query = watchlists.watch_query(q.actors, q.source, q.target, q.types, q.quad, q.place, q.keywords)
    name = watchlists.check_name(body.name)
    hook = watchlists.check_webhook(body.webhook)
    now = utc_now()
    store(request).run_write(lambda con: watchlists.save(con, name, query, hook, now))
    saved = store(request).read(watchlists.listed)
    return next(w for w in saved if w["name"] == name)


@router.delete(
    "/watchlists/{name}",
    status_code=204,
    dependencies=[Depends(require_writer)],
    responses={**WRITE_ERRORS, **NOT_FOUND},
)
def delete_watchlist(request: Request, name: Name) -> Response:
    """Delete a watch list; its past alerts stay."""
    if not store(request).run_write(lambda con: watchlists.remove(con, name)):
        raise ApiError(404, f"no watch list named {name!r}; GET /v1/watchlists lists them", code="not_found")
    return Response(status_code=204)
