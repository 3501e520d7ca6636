"""One JSON error shape for every 4xx and 5xx: {"error": {"code", "message", "detail"}}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from peristiwa.store.errors import BadFilter, BadQuery, StoreError

log = logging.getLogger("peristiwa.server")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    503: "database_unavailable",
}


class ApiError(Exception):
    """An error a route raises on purpose; the handler turns it into the shared shape."""

    def __init__(self, status: int, message: str, detail: Any = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail
        self.code = code or CODES.get(status, "error")


def error_response(
    status: int, message: str, detail: Any = None, code: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code or CODES.get(status, "error"), "message": message, "detail": detail}}
    return JSONResponse(body, status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(_: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status, error.message, error.detail, error.code)


async def _http_error(_: Request, error: HTTPException) -> JSONResponse:
    message = error.detail if isinstance(error.detail, str) else CODES.get(error.status_code, "error")
    return error_response(error.status_code, message, headers=getattr(error, "headers", None))


async def _validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
    # Only the parts that are always JSON-safe: `ctx` may hold exception objects.
    detail = [
        {
            "loc": list(e.get("loc", ())),
            "msg": str(e.get("msg", "")).removeprefix("Value error, "),
            "type": str(e.get("type", "")),
        }
        for e in error.errors()
    ]
    first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(part) for part in first["loc"])
    return error_response(422, f"invalid request: {where}: {first['msg']}; see /openapi.json", detail)


async def _store_error(_: Request, error: StoreError) -> JSONResponse:
    if isinstance(error, BadFilter):  # the same check and words as the CLI, in the validation error shape
        detail = [{"loc": ["query", error.path], "msg": error.problem, "type": "value_error"}]
        return error_response(422, f"invalid request: query.{error.path}: {error.problem}", detail)
    if isinstance(error, BadQuery):
        return error_response(404, error.problem)
    return error_response(503, str(error))


async def _unexpected(_: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return error_response(500, f"internal error ({type(error).__name__}); the server log has the details")
