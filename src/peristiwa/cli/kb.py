"""`peristiwa kb …`: the analysts' knowledge overlay (add, edit, retire, list, show, log, undo, validate, export).

Every change is stored in the database with its author, time and reason; the shipped YAML is never edited. A
change that fails a check prints every problem and changes nothing (exit status 1).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer
from rich.console import Console

from peristiwa import api
from peristiwa.cli.output import output
from peristiwa.errors import PeristiwaError
from peristiwa.settings import Settings
from peristiwa.stages.actors.overlay import NONE_ALLOWED, Choices, KnowledgeEditError, check_entry
from peristiwa.store import knowledge
from peristiwa.store.connection import connection
from peristiwa.store.route import WriteRoute

err = Console(stderr=True)
kb_app = typer.Typer(
    help="The knowledge overlay: analysts' persons and organisations on top of the shipped data.", no_args_is_help=True
)

Db = Annotated[Path, typer.Option("--db", help="The event database file (DuckDB).")]
Author = Annotated[str | None, typer.Option("--author", help="Who makes the change (default: $USER).")]
Reason = Annotated[str | None, typer.Option("--reason", help="Why (kept in the audit log).")]
Names = Annotated[list[str] | None, typer.Option("--alias", help="Another name the news uses (repeatable).")]
Roles = Annotated[
    list[str] | None,
    typer.Option("--role", help="A dated role: 'ROLE,ORG,SECTOR,FROM,TO' (dates YYYY-MM-DD, TO empty: in office)."),
]
SharedAlias = Annotated[bool, typer.Option("--allow-shared-alias", help="Allow a name another entry already has.")]
Overlap = Annotated[bool, typer.Option("--allow-overlap", help="Allow an office two people hold at once.")]
NewCode = Annotated[bool, typer.Option("--new-code", help="Allow an actor code the knowledge base does not know.")]
Token = Annotated[
    str | None, typer.Option("--token", help="Write token of a server that owns --db (default: env PERISTIWA_TOKEN).")
]


def _fail(error: PeristiwaError) -> typer.Exit:
    err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def write_route(db: Path, token: str | None) -> WriteRoute:
    """Where a change goes: the server that owns --db (its write routes), else the file (docs/store.md)."""
    from peristiwa.server.config import resolve_token

    return WriteRoute(db, resolve_token(token))


def author_name(author: str | None) -> str:
    if author:
        return author
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


def _print(row: Any) -> None:
    typer.echo(json.dumps(row, ensure_ascii=False, default=str))


def role_spec(text: str) -> dict[str, Any]:
    """'Foreign Minister,IRN,GOV,2024-08-21,' → the shipped role mapping; a bad spec says how to write it."""
    parts = [p.strip() for p in text.split(",")]
    if not 2 <= len(parts) <= 5 or not parts[0]:
        raise KnowledgeEditError(
            text, ["write a role as 'ROLE,ORG,SECTOR,FROM,TO', e.g. 'Foreign Minister,IRN,GOV,2024-08-21,'"]
        )
    parts += [""] * (5 - len(parts))
    role: dict[str, Any] = {"role": parts[0], "org": parts[1] or None, "sector": parts[2] or None}
    role["from"], role["to"] = _day(parts[3], text), _day(parts[4], text)
    return role


def _day(text: str, spec: str) -> str | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as error:
        raise KnowledgeEditError(spec, [f"{text!r} is not a date: write YYYY-MM-DD"]) from error


def _change(
    route: WriteRoute,
    kind: str,
    body: dict[str, Any] | None,
    key: str,
    action: str,
    author: str | None,
    reason: str | None,
    choices: Choices = NONE_ALLOWED,
) -> None:
    who = author_name(author)

    def local(con: Any) -> dict[str, Any]:
        found_kind = knowledge.entry(con, Settings(), key)[0] if body is None else kind
        number = knowledge.change(con, Settings(), found_kind, body, key=key, action=action, author=who, reason=reason,
                                  choices=choices)  # fmt: skip
        return {"change": number}

    request: dict[str, Any] = {"author": who, "reason": reason}
    if body is None:  # retire
        path = f"/v1/kb/entries/{quote(key, safe='')}/retire"
    else:
        path = "/v1/kb/entries"
        request |= {"kind": kind, "entry": body, "action": action, "allow_shared_alias": choices.shared_alias,
                    "allow_overlap": choices.overlap, "new_code": choices.new_code}  # fmt: skip
    try:
        number = route.change(path, request, local)["change"]
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(
        f"change {number}: {action} {key}; run `peristiwa recode --db {route.db}` to re-code the articles it touches"
    )


@kb_app.command("add")
def add_command(
    kind: Annotated[str, typer.Argument(help="person or organisation")],
    key: Annotated[str, typer.Argument(help="The new id: per.given_family or org.short_name.")],
    name: Annotated[str, typer.Option("--name", help="The name as the news writes it.")],
    alias: Names = None,
    role: Roles = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Organisation: the code it acts as.")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Organisation: GOV MIL IGO REB …")] = None,
    db: Db = api.DEFAULT_DB,
    author: Author = None,
    reason: Reason = None,
    allow_shared_alias: SharedAlias = False,
    allow_overlap: Overlap = False,
    new_code: NewCode = False,
    token: Token = None,
) -> None:
    """Add a person (with dated roles) or an organisation."""
    try:
        if kind == "person":
            body: dict[str, Any] = {
                "id": key,
                "name": name,
                "names": [name, *(alias or [])],
                "type": "PER",
                "roles": [role_spec(r) for r in role or []],
            }
        else:
            body = {
                "id": key,
                "name": name,
                "type": "ORG",
                "actor": actor,
                "sector": sector,
                "aliases": [name, *(alias or [])],
            }
    except PeristiwaError as error:
        raise _fail(error) from error
    choices = Choices(allow_shared_alias, allow_overlap, new_code)
    _change(write_route(db, token), kind, body, key, "add", author, reason, choices)


@kb_app.command("edit")
def edit_command(
    key: Annotated[str, typer.Argument(help="The id of a shipped or added entry.")],
    name: Annotated[str | None, typer.Option("--name", help="A new canonical name.")] = None,
    add_alias: Annotated[list[str] | None, typer.Option("--add-alias", help="Add a name (repeatable).")] = None,
    remove_alias: Annotated[list[str] | None, typer.Option("--remove-alias", help="Remove a name.")] = None,
    add_role: Annotated[list[str] | None, typer.Option("--add-role", help="'ROLE,ORG,SECTOR,FROM,TO'")] = None,
    end_role: Annotated[
        list[str] | None, typer.Option("--end-role", help="'ROLE,ORG,DATE': the open role ends on DATE.")
    ] = None,
    remove_role: Annotated[list[str] | None, typer.Option("--remove-role", help="'ROLE,ORG': drop the role.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Organisation: the code it acts as.")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Organisation: its sector.")] = None,
    db: Db = api.DEFAULT_DB,
    author: Author = None,
    reason: Reason = None,
    allow_shared_alias: SharedAlias = False,
    allow_overlap: Overlap = False,
    new_code: NewCode = False,
    token: Token = None,
) -> None:
    """Change an entry: names, roles (add, end, remove), an organisation's code or sector."""
    route = write_route(db, token)

    def local(con: Any) -> dict[str, Any]:
        found_kind, found, _ = knowledge.entry(con, Settings(), key)
        return {"kind": found_kind, "entry": found}

    try:
        shown = route.read(f"/v1/kb/entries/{quote(key, safe='')}", local)
        kind, body = str(shown["kind"]), shown["entry"]
        if body is None:
            raise KnowledgeEditError(key, ["it is retired; `peristiwa kb undo` brings it back"])
        edited = apply_edits(
            kind,
            body,
            name,
            add_alias or [],
            remove_alias or [],
            add_role or [],
            end_role or [],
            remove_role or [],
            actor,
            sector,
        )
    except PeristiwaError as error:
        raise _fail(error) from error
    _change(route, kind, edited, key, "edit", author, reason, Choices(allow_shared_alias, allow_overlap, new_code))


def apply_edits(
    kind: str,
    body: dict[str, Any],
    name: str | None,
    add_alias: list[str],
    remove_alias: list[str],
    add_role: list[str],
    end_role: list[str],
    remove_role: list[str],
    actor: str | None,
    sector: str | None,
) -> dict[str, Any]:
    """The entry after the edits; an edit that names nothing in the entry is an error."""
    body = dict(body)
    names_field = "names" if kind == "person" else "aliases"
    names = list(body.get(names_field) or [])
    if name is not None:
        body["name"] = name
        names = [name, *names]
    for gone in remove_alias:
        if gone not in names:
            raise KnowledgeEditError(str(body["id"]), [f"{gone!r} is not one of its names: {names}"])
        names = [n for n in names if n != gone]
    body[names_field] = list(dict.fromkeys([*names, *add_alias]))
    if kind == "organisation":
        body.update({k: v for k, v in (("actor", actor), ("sector", sector)) if v is not None})
        return body
    roles = [dict(r) for r in body.get("roles") or []]
    for spec in end_role:
        roles = _ended(roles, spec, str(body["id"]))
    for spec in remove_role:
        title, org = (p.strip() for p in (spec.split(",") + [""])[:2])
        kept = [r for r in roles if not (r.get("role") == title and (r.get("org") or "") == org)]
        if len(kept) == len(roles):
            raise KnowledgeEditError(str(body["id"]), [f"it holds no role {title!r} of {org or '-'}"])
        roles = kept
    body["roles"] = roles + [role_spec(r) for r in add_role]
    return body


def _ended(roles: list[dict[str, Any]], spec: str, key: str) -> list[dict[str, Any]]:
    parts = [p.strip() for p in spec.split(",")]
    if len(parts) != 3:
        raise KnowledgeEditError(key, ["write --end-role as 'ROLE,ORG,YYYY-MM-DD'"])
    title, org, day = parts[0], parts[1], _day(parts[2], spec)
    open_roles = [r for r in roles if r.get("role") == title and (r.get("org") or "") == org and not r.get("to")]
    if not open_roles:
        raise KnowledgeEditError(key, [f"it holds no open role {title!r} of {org or '-'} to end"])
    open_roles[-1]["to"] = day
    return roles


@kb_app.command("retire")
def retire_command(
    key: Annotated[str, typer.Argument(help="The id of a shipped or added entry.")],
    db: Db = api.DEFAULT_DB,
    author: Author = None,
    reason: Reason = None,
    token: Token = None,
) -> None:
    """Retire an entry: the pipeline no longer knows it (undo brings it back)."""
    _change(write_route(db, token), "", None, key, "retire", author, reason)


@kb_app.command("list")
def list_command(db: Db = api.DEFAULT_DB) -> None:
    """The overlay's entries (JSON Lines), each with the change that made it."""
    with connection(db) as con:
        for row in knowledge.entries(con):
            _print(row)


@kb_app.command("show")
def show_command(key: Annotated[str, typer.Argument(help="An entry id.")], db: Db = api.DEFAULT_DB) -> None:
    """One entry as the pipeline sees it (shipped, overlaid or retired) and its change history."""
    try:
        with connection(db) as con:
            kind, body, where = knowledge.entry(con, Settings(), key)
            history = knowledge.changes(con, key)
    except PeristiwaError as error:
        raise _fail(error) from error
    _print({"key": key, "kind": kind, "from": where, "entry": body, "changes": history})


@kb_app.command("log")
def log_command(db: Db = api.DEFAULT_DB, limit: Annotated[int, typer.Option(help="Most changes.")] = 100) -> None:
    """The audit log, newest first."""
    with connection(db) as con:
        for row in knowledge.changes(con, limit=limit):
            _print(row)


@kb_app.command("undo")
def undo_command(
    change: Annotated[int | None, typer.Argument(help="The change to undo (default: the latest).")] = None,
    db: Db = api.DEFAULT_DB,
    author: Author = None,
    reason: Reason = None,
    token: Token = None,
) -> None:
    """Undo a change (it stays in the log, with the undo after it)."""
    who = author_name(author)
    try:
        number = write_route(db, token).change(
            "/v1/kb/undo",
            {"author": who, "change": change, "reason": reason},
            lambda con: {"change": knowledge.undo(con, who, change, reason)},
        )["change"]
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(f"change {number} undoes {change if change is not None else 'the latest change'}")


@kb_app.command("validate")
def validate_command(db: Db = api.DEFAULT_DB) -> None:
    """Check every overlay entry against the shipped data and the rest of the overlay (after an upgrade, say)."""
    problems = 0
    with connection(db) as con:
        settings = knowledge.with_overlay(con, Settings())
        kb = knowledge.knowledge_base(settings)
        for row in knowledge.entries(con):
            if row["entry"] is None:
                continue
            try:
                check_entry(kb, row["kind"], row["entry"], row["entry"], Choices(overlap=False))
            except KnowledgeEditError as error:
                problems += 1
                err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    err.print(f"{problems} entr{'y' if problems == 1 else 'ies'} with problems")
    if problems:
        raise typer.Exit(1)


@kb_app.command("export")
def export_command(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write here instead of standard output.")] = None,
    db: Db = api.DEFAULT_DB,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT.")] = False,
) -> None:
    """The overlay as YAML in the shipped format (persons:, organisations:, retired:), to contribute back."""
    with connection(db) as con:
        text = knowledge.export_yaml(con)
    with output(out, force) as handle:
        handle.write(text)


def recode_command(
    db: Db = api.DEFAULT_DB,
    name: Annotated[list[str] | None, typer.Option("--name", help="Also re-code articles naming this.")] = None,
    key: Annotated[list[str] | None, typer.Option("--key", help="Also re-code articles naming this entry.")] = None,
    token: Token = None,
) -> None:
    """Re-run the articles that mention names the knowledge changes touched; print what changed (JSON)."""
    from peristiwa.store.recode import recode

    names, keys = name or [], key or []
    try:
        report = write_route(db, token).change(
            "/v1/recode", {"names": names, "keys": keys}, lambda con: recode(con, Settings(), names, keys).as_dict()
        )
    except PeristiwaError as error:
        raise _fail(error) from error
    for change in report["changed"]:
        err.print(f"{change['article_id'][:12]} {change['title'] or ''}", highlight=False, soft_wrap=True)
        for line in change["lost"]:
            err.print(f"  - {line}", highlight=False, soft_wrap=True)
        for line in change["gained"]:
            err.print(f"  + {line}", highlight=False, soft_wrap=True)
    err.print(
        f"{report['articles']} article(s) re-coded for {len(report['changes'])} knowledge change(s); "
        f"{len(report['changed'])} with changed events"
    )
    _print(report)


@kb_app.command("proposals")
def proposals_command(
    db: Db = api.DEFAULT_DB,
    all_: Annotated[bool, typer.Option("--all", help="Include accepted and rejected ones.")] = False,
) -> None:
    """What the stored articles suggest adding: new office holders, recurring unknown persons and organisations,
    each with its sentences and the number of articles (JSON Lines, most supported first)."""
    from peristiwa.store.proposals import proposals

    with connection(db) as con:
        for row in proposals(con, Settings(), include_decided=all_):
            _print(row)


@kb_app.command("accept")
def accept_command(
    key: Annotated[str, typer.Argument(help="The proposal's key (kb proposals).")],
    db: Db = api.DEFAULT_DB,
    author: Author = None,
    new_id: Annotated[str | None, typer.Option("--id", help="The id of the new entry.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Organisation: the code it acts as.")] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="Organisation: its sector.")] = None,
    new_code: NewCode = False,
    allow_shared_alias: SharedAlias = False,
    token: Token = None,
) -> None:
    """Accept a proposal: it becomes overlay entries (a new office holder also ends the old holder's term)."""
    from peristiwa.store.proposals import accept

    overrides = {k: v for k, v in (("id", new_id), ("actor", actor), ("sector", sector)) if v}
    who, choices = author_name(author), Choices(shared_alias=allow_shared_alias, new_code=new_code)
    request = {"key": key, "author": who, "overrides": overrides, "new_code": new_code,
               "allow_shared_alias": allow_shared_alias}  # fmt: skip
    try:
        made = write_route(db, token).change(
            "/v1/kb/proposals/accept",
            request,
            lambda con: {"changes": accept(con, Settings(), key, who, overrides, choices)},
        )["changes"]
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(f"accepted as change(s) {', '.join(map(str, made))}; run `peristiwa recode --db {db}`")


@kb_app.command("reject")
def reject_command(
    key: Annotated[str, typer.Argument(help="The proposal's key (kb proposals).")],
    db: Db = api.DEFAULT_DB,
    author: Author = None,
    token: Token = None,
) -> None:
    """Reject a proposal; it is remembered and not proposed again."""
    from peristiwa.store.proposals import reject

    who = author_name(author)

    def local(con: Any) -> dict[str, Any]:
        reject(con, Settings(), key, who)
        return {"rejected": key}

    try:
        write_route(db, token).change("/v1/kb/proposals/reject", {"key": key, "author": who}, local)
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(f"rejected {key}")
