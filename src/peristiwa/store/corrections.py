"""Analysts' corrections of the machine's output, kept on top of it (migration 008).

A correction marks one item of one article wrong (its row is left out) or fixes some of its fields. It names the
item as the machine output does (an event by its mention id, a quote or date by its number, an entity by its id)
and keeps the item as the machine had it. Whenever the article's rows are written again (re-ingest of a changed
version, `peristiwa recode`), the writer calls `reapply`: the corrections are applied to the new machine output,
and one whose item the machine now gives differently (or no longer gives) is flagged for review. Plain functions
on a connection: the caller owns the file and the transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import duckdb

from peristiwa.errors import PeristiwaError
from peristiwa.stages.actors.kb import EntityType, KnowledgeBase
from peristiwa.stages.actors.overlay import known_code
from peristiwa.store import derive
from peristiwa.stories.ontology import plover_types

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CORRECTION_FIELDS = (
    "id", "article_id", "item", "target", "action", "fields", "note", "author", "made_at", "machine", "review",
    "withdrawn", "source_key",
)  # fmt: skip


_MARKS = ", ".join("?" * len(CORRECTION_FIELDS))


class CorrectionError(PeristiwaError):
    """A correction that cannot be stored; nothing was changed."""

    code = "P014"


@dataclass(frozen=True, slots=True)
class Item:
    """Where one kind of item lives: its table, the column that names it, the columns a correction may set, the
    columns whose change under a correction means the machine now says something else, and the span that finds
    the item again when its id changed (an event's id hashes its actors)."""

    table: str
    key: str
    editable: tuple[str, ...]
    compared: tuple[str, ...]
    span: tuple[str, str] | None


ITEMS = {
    "event": Item(
        "event_mentions",
        "mention_id",
        ("type", "source", "target", "negated", "date", "mode", "modality"),
        ("type", "source", "target", "negated", "date", "modality", "evidence_start", "evidence_end"),
        ("evidence_start", "evidence_end"),
    ),
    "quote": Item(
        "quotes",
        "seq",
        ("speaker", "speaker_id", "direct"),
        ("speaker", "text", "start_char", "end_char"),
        ("start_char", "end_char"),
    ),  # fmt: skip
    "entity": Item(
        "entities",
        "entity_id",
        ("name", "type", "actor", "role", "sector"),
        ("name", "type", "actor", "role", "sector"),
        None,
    ),  # fmt: skip
    "date": Item("dates", "seq", ("value",), ("text", "value", "start_char", "end_char"), ("start_char", "end_char")),
}
ACTIONS = ("wrong", "fix")


def add(
    con: duckdb.DuckDBPyConnection,
    data_dir: Path,
    kb: KnowledgeBase,
    article_id: str,
    item: str,
    target: str,
    action: str,
    fields: dict[str, Any] | None = None,
    note: str | None = None,
    author: str = "",
) -> int:
    """Check and store one correction, apply it and rebuild the article's merged events; return its id."""
    fields = dict(fields or {})
    shape = _check(con, data_dir, kb, article_id, item, target, action, fields, author)
    row = _current(con, shape, article_id, target)
    earlier = _active(con, article_id, item, target)
    machine = earlier["machine"] if earlier else json.dumps(row, default=str)
    if row is None and earlier is None:
        raise CorrectionError(f"{article_id}: no {item} {target!r} in its machine output; see GET /v1/articles/{{id}}")
    source_key = con.execute("SELECT source_key FROM articles WHERE id = ?", [article_id]).fetchone()
    con.execute("BEGIN TRANSACTION")
    try:
        if earlier:  # the new correction replaces it: the machine's row comes back first, then the new one applies
            con.execute("UPDATE corrections SET withdrawn = true WHERE id = ?", [earlier["id"]])
            _restore(con, shape, article_id, target, json.loads(earlier["machine"]))
        number = _next_id(con)
        con.execute(
            f"INSERT INTO corrections ({', '.join(CORRECTION_FIELDS)}) VALUES ({_MARKS})",
            [number, article_id, item, target, action, json.dumps(fields), note, author, _now(), machine, False,
             False, source_key[0] if source_key else None],
        )  # fmt: skip
        _apply(con, data_dir, shape, article_id, target, action, fields)
        _rebuild(con, data_dir, [article_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return number


def withdraw(con: duckdb.DuckDBPyConnection, data_dir: Path, number: int) -> None:
    """Take a correction back: the machine's item returns."""
    row = con.execute("SELECT article_id, item, target, machine FROM corrections WHERE id = ? AND NOT withdrawn",
                      [number]).fetchone()  # fmt: skip
    if row is None:
        raise CorrectionError(f"no active correction {number}; see `peristiwa corrections list`")
    article_id, item, target, machine = row
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE corrections SET withdrawn = true WHERE id = ?", [number])
        _restore(con, ITEMS[item], article_id, target, json.loads(machine))
        _rebuild(con, data_dir, [article_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def reapply(con: duckdb.DuckDBPyConnection, data_dir: Path, written: dict[str, str]) -> None:
    """Apply the corrections of freshly written articles (id → source key) to their new machine rows, inside the
    writer's transaction and before their merged events are built. Corrections of an earlier version of the same
    source follow it to its new id and are flagged for review."""
    if not written:
        return
    for article_id, key in written.items():
        con.execute(
            "UPDATE corrections SET article_id = ?, review = true WHERE source_key = ? AND article_id <> ? "
            "AND NOT withdrawn",
            [article_id, key, article_id],
        )
    marks = ", ".join("?" * len(written))
    rows = con.execute(
        f"SELECT id, article_id, item, target, action, fields, machine FROM corrections "
        f"WHERE NOT withdrawn AND article_id IN ({marks}) ORDER BY id",
        list(written),
    ).fetchall()
    for number, article_id, item, target, action, fields, machine in rows:
        shape = ITEMS[item]
        found = _current(con, shape, article_id, target)
        before = json.loads(machine) if machine else None
        if found is None and before and shape.span:
            found, target = _by_span(con, shape, article_id, before)
        if found is None or _differs(shape, found, before):
            con.execute("UPDATE corrections SET review = true WHERE id = ?", [number])
        if found is not None:
            con.execute("UPDATE corrections SET target = ? WHERE id = ?", [target, number])
            _apply(con, data_dir, shape, article_id, target, action, json.loads(fields or "{}"))


def listing(
    con: duckdb.DuckDBPyConnection, article_id: str | None = None, include_withdrawn: bool = False
) -> list[dict[str, Any]]:
    clauses = [] if include_withdrawn else ["NOT withdrawn"]
    params: list[Any] = []
    if article_id:
        clauses.append("article_id = ?")
        params.append(article_id)
    rows = con.execute(
        f"SELECT {', '.join(CORRECTION_FIELDS)} FROM corrections WHERE {' AND '.join(clauses) or 'true'} ORDER BY id",
        params,
    ).fetchall()
    found = [dict(zip(CORRECTION_FIELDS, r, strict=True)) for r in rows]
    for row in found:
        row["fields"] = json.loads(row["fields"] or "{}")
        row["machine"] = json.loads(row["machine"]) if row["machine"] else None
    return found


def _check(
    con: duckdb.DuckDBPyConnection,
    data_dir: Path,
    kb: KnowledgeBase,
    article_id: str,
    item: str,
    target: str,
    action: str,
    fields: dict[str, Any],
    author: str,
) -> Item:
    problems = []
    if item not in ITEMS:
        raise CorrectionError(f"unknown item {item!r}: correct an event, quote, entity or date")
    shape = ITEMS[item]
    if not con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone():
        raise CorrectionError(f"no article {article_id!r} in the database; give the id GET /v1/articles lists")
    if action not in ACTIONS:
        problems.append(f"unknown action {action!r}: mark the item wrong, or fix its fields")
    if action == "fix" and not fields:
        problems.append(f"a fix needs at least one field: {', '.join(shape.editable)}")
    if action == "wrong" and fields:
        problems.append("a 'wrong' mark takes no fields; use 'fix' to change them")
    for name, value in fields.items():
        problems += _field_problems(data_dir, kb, shape, name, value)
    if not author.strip():
        problems.append("no author: say who makes the correction")
    if target == "":
        problems.append(f"no target: name the {item} ({shape.key})")
    if problems:
        raise CorrectionError(f"{article_id} {item} {target}: nothing was changed: " + "; ".join(problems))
    return shape


def _field_problems(data_dir: Path, kb: KnowledgeBase, shape: Item, name: str, value: Any) -> list[str]:
    if name not in shape.editable:
        return [f"field {name!r} cannot be corrected here; choose from {', '.join(shape.editable)}"]
    if name == "type" and shape.table == "event_mentions" and value not in plover_types(data_dir):
        return [f"{value!r} is not a PLOVER event type ({', '.join(sorted(plover_types(data_dir)))})"]
    if name == "type" and shape.table == "entities" and value not in get_args(EntityType):
        return [f"{value!r} is not an entity type ({', '.join(get_args(EntityType))})"]
    if name in ("name", "speaker") and value is not None and not str(value).strip():
        return [f"{name} is empty: give the name as the article writes it"]
    if name in ("source", "target", "actor") and value is not None and not known_code(kb, str(value)):
        return [f"{name} {value!r} is not a known actor code (a state code such as IDN, or an organisation's)"]
    if name in ("date", "value") and value is not None and not _is_date(str(value)):
        return [f"{name} {value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"]
    if name in ("negated", "direct") and not isinstance(value, bool):
        return [f"{name} must be true or false"]
    return []


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _key(shape: Item, target: str) -> Any:
    return int(target) if shape.key == "seq" and target.isdigit() else target


def _current(con: duckdb.DuckDBPyConnection, shape: Item, article_id: str, target: str) -> dict[str, Any] | None:
    cursor = con.execute(
        f"SELECT * FROM {shape.table} WHERE article_id = ? AND {shape.key} = ? LIMIT 1",
        [article_id, _key(shape, target)],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return json.loads(json.dumps(dict(zip([d[0] for d in cursor.description], row, strict=True)), default=str))


def _by_span(
    con: duckdb.DuckDBPyConnection, shape: Item, article_id: str, machine: dict[str, Any]
) -> tuple[dict[str, Any] | None, str]:
    """The item now at the span the machine's item had (an event re-coded with other actors has a new id)."""
    assert shape.span is not None
    start, end = shape.span
    row = con.execute(
        f"SELECT {shape.key} FROM {shape.table} WHERE article_id = ? AND {start} = ? AND {end} = ? LIMIT 1",
        [article_id, machine.get(start), machine.get(end)],
    ).fetchone()
    if row is None:
        return None, ""
    target = str(row[0])
    return _current(con, shape, article_id, target), target


def _differs(shape: Item, now: dict[str, Any], before: dict[str, Any] | None) -> bool:
    return before is None or any(now.get(c) != before.get(c) for c in shape.compared)


def _active(con: duckdb.DuckDBPyConnection, article_id: str, item: str, target: str) -> dict[str, Any] | None:
    row = con.execute(
        "SELECT id, machine FROM corrections WHERE article_id = ? AND item = ? AND target = ? AND NOT withdrawn",
        [article_id, item, target],
    ).fetchone()
    return {"id": row[0], "machine": row[1]} if row else None


def _apply(
    con: duckdb.DuckDBPyConnection,
    data_dir: Path,
    shape: Item,
    article_id: str,
    target: str,
    action: str,
    fields: dict[str, Any],
) -> None:
    where = f"WHERE article_id = ? AND {shape.key} = ?"
    params = [article_id, _key(shape, target)]
    if action == "wrong":
        con.execute(f"DELETE FROM {shape.table} {where}", params)
        return
    values = {**fields, "corrected": True}
    if shape.table == "quotes" and "speaker" in values and "speaker_id" not in values:
        values["speaker_id"] = _entity_named(con, article_id, values["speaker"])  # the old link named another
    if shape.table == "event_mentions":
        if values.get("date"):  # a date the analyst gives is as precise as it is written
            values["date_precision"] = {10: "day", 7: "month", 4: "year"}[len(str(values["date"]))]
        if "type" in values:  # the type's quad, score and CAMEO code go with it
            info = plover_types(data_dir)[values["type"]]
            values.update(quad=info.quad, score=info.score, cameo=info.cameo)
    assignments = ", ".join(f"{name} = ?" for name in values)
    con.execute(f"UPDATE {shape.table} SET {assignments} {where}", [*values.values(), *params])


def _entity_named(con: duckdb.DuckDBPyConnection, article_id: str, name: Any) -> str | None:
    """The id of the article's entity of that name (a speaker the analyst named), if it has one."""
    row = con.execute(
        "SELECT entity_id FROM entities WHERE article_id = ? AND lower(name) = lower(?) ORDER BY entity_id LIMIT 1",
        [article_id, str(name or "")],
    ).fetchone()
    return str(row[0]) if row else None


def _restore(
    con: duckdb.DuckDBPyConnection, shape: Item, article_id: str, target: str, machine: dict[str, Any] | None
) -> None:
    """Put the machine's row back as it was when the first correction of the item was made."""
    con.execute(
        f"DELETE FROM {shape.table} WHERE article_id = ? AND {shape.key} = ?", [article_id, _key(shape, target)]
    )
    if machine:
        columns = list(machine)
        con.execute(
            f"INSERT INTO {shape.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [machine[c] for c in columns],
        )


def _rebuild(con: duckdb.DuckDBPyConnection, data_dir: Path, article_ids: Iterable[str]) -> None:
    """Merged events, stories and aggregates of the articles, from their (corrected) mentions."""
    ids = list(article_ids)
    found = con.execute(f"SELECT story_id FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchall()
    stories = {r[0] for r in found if r[0]}
    touched = derive.recompute(con, ids, stories, plover_types(data_dir))
    derive.refresh_aggregates(con, touched.dyads, touched.actors)


def _next_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(id), 0) + 1 FROM corrections").fetchone()
    return int(row[0]) if row else 1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def gold_records(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every article with an active correction, as a gold record (shared/eval/GOLD_SCHEMA.md): what is stored for
    it (the machine output with the analysts' corrections applied), so `peristiwa eval` scores any version of the
    pipeline against what the analysts accepted or corrected."""
    ids = [r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM corrections WHERE NOT withdrawn ORDER BY article_id").fetchall()]  # fmt: skip
    return [_gold(con, aid) for aid in ids if con.execute("SELECT 1 FROM articles WHERE id = ?", [aid]).fetchone()]


def _gold(con: duckdb.DuckDBPyConnection, aid: str) -> dict[str, Any]:
    path, url, title, published = con.execute(
        "SELECT path, url, title, published FROM articles WHERE id = ?", [aid]
    ).fetchone() or (None, None, None, None)
    aliases: dict[str, list[str]] = {}
    for entity_id, text in con.execute(
        "SELECT entity_id, text FROM entity_mentions WHERE article_id = ? ORDER BY start_char", [aid]
    ).fetchall():
        aliases.setdefault(entity_id, []).append(text)
    entities = [
        {"name": name, "type": kind, "aliases": list(dict.fromkeys(aliases.get(eid, [name]))), "actor": actor,
         "role": role}
        for eid, name, kind, actor, role in con.execute(
            "SELECT entity_id, name, type, actor, role FROM entities WHERE article_id = ? ORDER BY entity_id", [aid]
        ).fetchall()
    ]  # fmt: skip
    quotes = [
        {"speaker": speaker, "start": " ".join(str(text or "").split()[:4]), "direct": bool(direct)}
        for speaker, text, direct in con.execute(
            "SELECT speaker, text, direct FROM quotes WHERE article_id = ? ORDER BY start_char", [aid]
        ).fetchall()
    ]
    events = [
        {"source": source, "type": kind, "target": target, "mode": mode, "negated": bool(negated),
         "evidence": evidence, "date": date}
        for source, kind, target, mode, negated, evidence, date in con.execute(
            "SELECT source, type, target, mode, negated, evidence_text, date FROM event_mentions "
            "WHERE article_id = ? ORDER BY evidence_start", [aid]
        ).fetchall()
    ]  # fmt: skip
    dates = [
        {"text": text, "value": value}
        for text, value in con.execute(
            "SELECT text, value FROM dates WHERE article_id = ? ORDER BY start_char", [aid]
        ).fetchall()
    ]
    return {
        "id": aid,
        "source_file": Path(path).name if path else (url or aid),
        "published": published.isoformat() if published else None,
        "title": title,
        "boilerplate": [],
        "body_must_keep": [],
        "entities": entities,
        "quotes": quotes,
        "events": events,
        "dates": dates,
    }
