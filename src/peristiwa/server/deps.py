"""What routes share: the store, the extractor, paging parameters and the error responses they document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request

from peristiwa.server.extractor import Extractor
from peristiwa.server.models import ErrorBody
from peristiwa.server.store import ServerStore

MAX_LIMIT = 1000
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most rows to return.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip (for paging).")]


def error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


READ_ERRORS: dict[int | str, dict[str, Any]] = {
    400: error("A parameter has a valid type but cannot be used (e.g. a cursor from another order)."),
    422: error("A parameter is invalid."),
    500: error("Unexpected error."),
    503: error("The database cannot be read (locked by another process, damaged)."),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: error("Nothing with that id.")}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: error("The article cannot be read."),
    401: error("Missing or wrong token."),
    403: error("A server without a token takes writes only for its own address (Host header)."),
    413: error("The request body is too large."),
    415: error("The body is not JSON."),
}


def store(request: Request) -> ServerStore:
    return request.app.state.store  # type: ignore[no-any-return]


def extractor(request: Request) -> Extractor:
    return request.app.state.extractor  # type: ignore[no-any-return]


def page(total: int, limit: int, offset: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}
