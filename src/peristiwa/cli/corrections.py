"""`peristiwa corrections …`: analysts' corrections of the machine output (add, list, withdraw, export as gold)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from peristiwa import api
from peristiwa.cli.kb import Author, Db, Token, author_name, write_route
from peristiwa.cli.output import output
from peristiwa.errors import PeristiwaError
from peristiwa.settings import Settings
from peristiwa.store import corrections, knowledge
from peristiwa.store.connection import connection

err = Console(stderr=True)
corrections_app = typer.Typer(help="Analysts' corrections of the machine output.", no_args_is_help=True)


def _fail(error: PeristiwaError) -> typer.Exit:
    err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def parse_fields(pairs: list[str]) -> dict[str, Any]:
    """FIELD=VALUE pairs; true/false/null and JSON values are read as such, anything else as text."""
    fields: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise corrections.CorrectionError(f"{pair!r}: write a fix as FIELD=VALUE, e.g. type=ACCUSE or negated=true")
        try:
            fields[name.strip()] = json.loads(value)
        except json.JSONDecodeError:
            fields[name.strip()] = value
    return fields


@corrections_app.command("add")
def add_command(
    article: Annotated[str, typer.Argument(help="The article id.")],
    item: Annotated[str, typer.Argument(help="event, quote, entity or date")],
    target: Annotated[
        str, typer.Argument(help="Its id: an event's mention id, a quote's or date's number, an entity id.")
    ],
    set_: Annotated[list[str] | None, typer.Option("--set", help="FIELD=VALUE to fix (repeatable).")] = None,
    wrong: Annotated[bool, typer.Option("--wrong", help="The item is wrong: leave it out.")] = False,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    db: Db = api.DEFAULT_DB,
    author: Author = None,
    token: Token = None,
) -> None:
    """Mark an item wrong or fix its fields; the correction is applied at once and after every re-run."""
    action, who = "wrong" if wrong else "fix", author_name(author)

    def local(con: Any) -> dict[str, Any]:
        settings = knowledge.with_overlay(con, Settings())
        number = corrections.add(con, settings.data_dir, knowledge.knowledge_base(settings), article, item, target,
                                 action, fields, note, who)  # fmt: skip
        return {"correction": number}

    try:
        fields = parse_fields(set_ or [])
        request = {"article_id": article, "item": item, "target": target, "action": action, "fields": fields,
                   "note": note, "author": who}  # fmt: skip
        number = write_route(db, token).change("/v1/corrections", request, local)["correction"]
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(f"correction {number} stored and applied")


@corrections_app.command("list")
def list_command(
    db: Db = api.DEFAULT_DB,
    article: Annotated[str | None, typer.Option("--article", help="Only this article's.")] = None,
    review: Annotated[bool, typer.Option("--review", help="Only those flagged for review.")] = False,
) -> None:
    """Active corrections (JSON Lines); `review: true` where the machine output under one changed."""
    with connection(db) as con:
        for row in corrections.listing(con, article):
            if row["review"] or not review:
                typer.echo(json.dumps(row, ensure_ascii=False, default=str))


@corrections_app.command("withdraw")
def withdraw_command(
    number: Annotated[int, typer.Argument(help="The correction's id.")], db: Db = api.DEFAULT_DB, token: Token = None
) -> None:
    """Take a correction back (the machine's item returns)."""

    def local(con: Any) -> dict[str, Any]:
        corrections.withdraw(con, Settings().data_dir, number)
        return {"withdrawn": number}

    try:
        write_route(db, token).change(f"/v1/corrections/{number}/withdraw", {}, local)
    except PeristiwaError as error:
        raise _fail(error) from error
    err.print(f"correction {number} withdrawn")


@corrections_app.command("export")
def export_command(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write here instead of standard output.")] = None,
    db: Db = api.DEFAULT_DB,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT.")] = False,
) -> None:
    """The corrected articles as a gold file (GOLD_SCHEMA), for `peristiwa eval GOLD --raw DIR`."""
    with connection(db) as con:
        records = corrections.gold_records(con)
    with output(out, force) as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    err.print(f"{len(records)} corrected article(s) written as gold")
