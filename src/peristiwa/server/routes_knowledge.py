"""Routes for living knowledge: the knowledge overlay (read freely; change with the write token), re-coding, and
analysts' corrections. A change that fails a check answers 422 with every problem and changes nothing."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from peristiwa.server.auth import require_writer
from peristiwa.server.deps import NOT_FOUND, READ_ERRORS, WRITE_ERRORS, extractor, store
from peristiwa.server.errors import ApiError
from peristiwa.settings import Settings
from peristiwa.stages.actors.overlay import Choices, KnowledgeEditError
from peristiwa.store import corrections, knowledge, proposals
from peristiwa.store.recode import recode

reads = APIRouter(prefix="/v1", responses=READ_ERRORS, tags=["knowledge"])
writes = APIRouter(
    prefix="/v1", responses={**READ_ERRORS, **WRITE_ERRORS}, dependencies=[Depends(require_writer)], tags=["knowledge"]
)


class Change(BaseModel):
    author: str = Field(min_length=1, max_length=100, description="Who makes the change.")
    reason: str | None = Field(None, max_length=1000)


class EntryIn(Change):
    kind: str = Field(description="person or organisation")
    entry: dict[str, Any] = Field(description="The whole entry in the shipped YAML format (as `kb show` gives it).")
    allow_shared_alias: bool = False
    allow_overlap: bool = False
    new_code: bool = False
    action: Literal["add", "edit"] | None = Field(
        None, description="add (refused when the id exists) or edit (refused when it does not); left out: either."
    )


class UndoIn(Change):
    change: int | None = Field(None, description="The change to undo; the latest when left out.")


class CorrectionIn(BaseModel):
    article_id: str
    item: str = Field(description="event, quote, entity or date")
    target: str = Field(description="An event's mention_id, a quote's or date's number, an entity id.")
    action: str = Field(description="wrong or fix")
    fields: dict[str, Any] = {}
    note: str | None = Field(None, max_length=2000)
    author: str = Field(min_length=1, max_length=100)


def _settings(request: Request) -> Settings:
    settings: Settings | None = getattr(request.app.state, "settings", None)
    return settings or Settings()


@reads.get("/kb/overlay")
def list_overlay(request: Request) -> list[dict[str, Any]]:
    """The whole overlay as stored (kind, key, body as JSON text; body null for a retired entry): a client that
    codes articles for this database (`peristiwa ingest --db` while the server owns the file) codes with it."""
    entries = store(request).read(knowledge.overlay).entries
    return [{"kind": e.kind, "key": e.key, "body": e.body} for e in entries]


@reads.get("/kb/entries/{key}", responses=NOT_FOUND)
def show_entry(request: Request, key: str) -> dict[str, Any]:
    """One person or organisation as the pipeline sees it (shipped, overlaid or retired), with its changes."""

    def run(con: Any) -> dict[str, Any]:
        kind, body, where = knowledge.entry(con, _settings(request), key)
        return {"key": key, "kind": kind, "from": where, "entry": body, "changes": knowledge.changes(con, key)}

    try:
        return store(request).read(run)
    except KnowledgeEditError as error:
        raise ApiError(404, error.problems[0]) from error


@reads.get("/kb/changes")
def list_changes(request: Request) -> list[dict[str, Any]]:
    """The audit log of the knowledge overlay, newest first."""
    return store(request).read(lambda con: knowledge.changes(con))


class DecisionIn(BaseModel):
    key: str = Field(description="The proposal's key (GET /v1/kb/proposals).")
    author: str = Field(min_length=1, max_length=100)
    overrides: dict[str, str] = Field({}, description="id, actor, sector of the new entry.")
    new_code: bool = False
    allow_shared_alias: bool = False


@reads.get("/kb/proposals")
def list_proposals(request: Request) -> list[dict[str, Any]]:
    """What the stored articles suggest adding (new office holders, recurring unknown persons and organisations),
    with sentences and article counts; decided ones are left out."""
    return store(request).read(lambda con: proposals.proposals(con, _settings(request)))


@writes.post("/kb/proposals/accept")
def accept_proposal(request: Request, body: DecisionIn) -> dict[str, Any]:
    """Accept a proposal: it becomes overlay entries; run /v1/recode afterwards."""

    def run(con: Any) -> list[int]:
        choices = Choices(shared_alias=body.allow_shared_alias, new_code=body.new_code)
        return proposals.accept(con, _settings(request), body.key, body.author, body.overrides, choices)

    return _knowledge_changed(request, {"changes": _checked(lambda: store(request).change(run))})


@writes.post("/kb/proposals/reject")
def reject_proposal(request: Request, body: DecisionIn) -> dict[str, Any]:
    _checked(
        lambda: store(request).change(lambda con: proposals.reject(con, _settings(request), body.key, body.author))
    )
    return {"rejected": body.key}


@writes.post("/kb/entries")
def save_entry(request: Request, body: EntryIn) -> dict[str, Any]:
    """Add an entry, or replace one (shipped or added) by its id; run /v1/recode afterwards."""
    key = str(body.entry.get("id") or "")

    def run(con: Any) -> int:
        action = body.action or _add_or_edit(con, _settings(request), key)
        choices = Choices(body.allow_shared_alias, body.allow_overlap, body.new_code)
        return knowledge.change(con, _settings(request), body.kind, body.entry, action=action, author=body.author,
                                reason=body.reason, choices=choices)  # fmt: skip

    return _knowledge_changed(request, {"change": _checked(lambda: store(request).change(run)), "key": key})


def _add_or_edit(con: Any, settings: Settings, key: str) -> str:
    try:
        knowledge.entry(con, settings, key)
    except KnowledgeEditError:
        return "add"
    return "edit"


@writes.post("/kb/entries/{key}/retire")
def retire_entry(request: Request, key: str, body: Change) -> dict[str, Any]:
    def run(con: Any) -> int:
        kind, _, _ = knowledge.entry(con, _settings(request), key)
        return knowledge.change(con, _settings(request), kind, None, key=key, action="retire", author=body.author,
                                reason=body.reason)  # fmt: skip

    return _knowledge_changed(request, {"change": _checked(lambda: store(request).change(run)), "key": key})


@writes.post("/kb/undo")
def undo_change(request: Request, body: UndoIn) -> dict[str, Any]:
    number = _checked(
        lambda: store(request).change(lambda con: knowledge.undo(con, body.author, body.change, body.reason))
    )
    return _knowledge_changed(request, {"change": number})


class RecodeIn(BaseModel):
    names: list[str] = Field(default_factory=list, description="Also re-code the articles naming any of these.")
    keys: list[str] = Field(
        default_factory=list, description="Also re-code the articles naming any name of these entries."
    )


@writes.post("/recode")
def recode_articles(request: Request, body: RecodeIn | None = None) -> dict[str, Any]:
    """Re-code the articles that name what the knowledge changes touched; answer the events each lost and gained."""
    asked = body or RecodeIn()
    return _checked(
        lambda: store(request).change(lambda con: recode(con, _settings(request), asked.names, asked.keys).as_dict())
    )


@writes.post("/corrections")
def add_correction(request: Request, body: CorrectionIn) -> dict[str, Any]:
    """Mark an item of an article wrong or fix its fields; applied at once, and again after every re-run."""

    def run(con: Any) -> int:
        settings = knowledge.with_overlay(con, _settings(request))
        return corrections.add(con, settings.data_dir, knowledge.knowledge_base(settings), body.article_id, body.item,
                               body.target, body.action, body.fields, body.note, body.author)  # fmt: skip

    return {"correction": _checked(lambda: store(request).change(run))}


@writes.post("/corrections/{number}/withdraw")
def withdraw_correction(request: Request, number: int) -> dict[str, Any]:
    _checked(lambda: store(request).change(lambda con: corrections.withdraw(con, _settings(request).data_dir, number)))
    return {"withdrawn": number}


def _knowledge_changed(request: Request, answer: dict[str, Any]) -> dict[str, Any]:
    """New articles (POST /v1/extract, /v1/articles) are coded with the changed knowledge from now on."""
    found = extractor(request)
    found.use_settings(store(request).read(lambda con: knowledge.with_overlay(con, found.settings)))
    return answer


def _checked(run: Any) -> Any:
    try:
        return run()
    except KnowledgeEditError as error:
        raise ApiError(422, str(error).split("] ", 1)[-1], detail=error.problems, code="invalid_change") from error
    except corrections.CorrectionError as error:
        raise ApiError(422, str(error).split("] ", 1)[-1], code="invalid_correction") from error
