"""POST routes: extract one article (nothing stored), ingest articles, store finished records.

Every route that changes the database goes through `ServerStore.write` (its one writer thread); see
docs/store.md. `POST /v1/records` is what `peristiwa ingest --db F` calls when this server owns F."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from peristiwa.errors import InputError, NoArticleBody
from peristiwa.server.auth import require_writer
from peristiwa.server.deps import READ_ERRORS, WRITE_ERRORS, extractor, store
from peristiwa.server.errors import ApiError
from peristiwa.server.extractor import PipelineUnavailable
from peristiwa.server.models import (
    ArticleIn,
    ArticlesIn,
    IngestOut,
    KnownIn,
    KnownOut,
    RecordOut,
    RecordsIn,
    RecordsOut,
)
from peristiwa.server.store import known_ids

router = APIRouter(prefix="/v1", responses={**READ_ERRORS, **WRITE_ERRORS}, dependencies=[Depends(require_writer)])


def _require_json(request: Request) -> None:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise ApiError(415, f"send the body as JSON with 'Content-Type: application/json' (got {kind or 'none'!r})")


@router.post("/extract", response_model=RecordOut, dependencies=[Depends(_require_json)], tags=["extract"])
def extract(request: Request, article: ArticleIn) -> Response:
    """Run the pipeline on one article and answer its record (DESIGN §3); nothing is stored."""
    # Already JSON (and cached as such): no second serialisation; the spec still shows RecordOut.
    encoded = _extract(request, article.model_dump(), as_json=True)
    return Response(encoded, media_type="application/json")


def _extract(request: Request, article: dict[str, Any], as_json: bool = False) -> Any:
    try:
        found = extractor(request)
        return found.extract_json(article) if as_json else found.extract(article)
    except NoArticleBody as error:
        raise ApiError(422, f"{error.reason}; send the article's own text", code="no_article_body") from error
    except InputError as error:
        raise ApiError(400, f"{error.reason}; send the article as 'text' instead") from error
    except PipelineUnavailable as error:
        raise ApiError(503, str(error), code="pipeline_unavailable") from error


@router.post("/articles", response_model=IngestOut, dependencies=[Depends(_require_json)], tags=["ingest"])
def ingest(request: Request, body: ArticlesIn) -> dict[str, Any]:
    """Run the pipeline on each article and store it; content already stored is skipped."""
    records, ids, errors = [], [], []
    for number, article in enumerate(body.articles):
        try:
            record = _extract(request, article.model_dump())
        except ApiError as error:
            if error.status == 503:
                raise
            errors.append(f"articles[{number}]: {error.message}")
            continue
        records.append(record)
        ids.append(record["id"])
    already = store(request).read(lambda con: known_ids(con, ids))
    fresh = [r for r in records if r["id"] not in already]
    report = store(request).store_records(fresh) if fresh else None
    return {
        "added": report.added if report else 0,
        "replaced": report.replaced if report else 0,
        "skipped": len(records) - len(fresh) + (report.skipped if report else 0),
        "failed": len(errors),
        "events": report.events if report else 0,
        "ids": ids,
        "errors": errors,
    }


@router.post("/records", response_model=RecordsOut, dependencies=[Depends(_require_json)], tags=["ingest"])
def store_records(request: Request, body: RecordsIn) -> dict[str, Any]:
    """Store extract records as one batch (one transaction); content already stored is skipped."""
    for number, record in enumerate(body.records):
        if not isinstance(record.get("id"), str) or not isinstance(record.get("text"), str):
            raise ApiError(422, f"records[{number}] is not an extract record: it needs a string 'id' and 'text'")
    written = store(request).store_records(body.records)
    return {
        "added": written.added,
        "replaced": written.replaced,
        "skipped": written.skipped,
        "events": written.events,
        "added_ids": written.added_ids,
    }


@router.post("/records/known", response_model=KnownOut, dependencies=[Depends(_require_json)], tags=["ingest"])
def known_records(request: Request, body: KnownIn) -> dict[str, Any]:
    """Which of these article ids are stored (a writer asks before running the pipeline on an article)."""
    found = store(request).read(lambda con: known_ids(con, body.ids))
    return {"known": [i for i in body.ids if i in found]}
