"""The knowledge overlay and its audit log in the database (migration 008).

Plain functions on a DuckDB connection: the caller decides who owns the file (the CLI opens it, the server runs
them through its writer). Every change is checked first (`stages.actors.overlay.check_entry`), then written with
its audit row in one transaction; a change that fails a check raises and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb

from peristiwa.settings import KnowledgeOverlay, OverlayEntry, Settings
from peristiwa.stages.actors.kb import KnowledgeBase
from peristiwa.stages.actors.overlay import (
    NONE_ALLOWED,
    Choices,
    KnowledgeEditError,
    check_entry,
    names_of,
    shipped_entry,
)

CHANGE_FIELDS = ("id", "made_at", "author", "reason", "action", "kind", "key", "before", "after", "undoes", "recoded")


def overlay(con: duckdb.DuckDBPyConnection) -> KnowledgeOverlay:
    """The database's overlay as a value for `Settings.overlay` (sorted, so equal overlays are equal values)."""
    rows = con.execute("SELECT kind, key, body FROM kb_overlay ORDER BY key").fetchall()
    return KnowledgeOverlay(tuple(OverlayEntry(kind, key, body) for kind, key, body in rows))


def with_overlay(con: duckdb.DuckDBPyConnection, settings: Settings) -> Settings:
    from dataclasses import replace

    return replace(settings, overlay=overlay(con))


def knowledge_base(settings: Settings) -> KnowledgeBase:
    return KnowledgeBase.load(settings.data_dir / "actors", settings.overlay)


def entry(con: duckdb.DuckDBPyConnection, settings: Settings, key: str) -> tuple[str, dict[str, Any] | None, str]:
    """(kind, entry now, where it comes from: overlay | shipped | retired); KnowledgeEditError when unknown."""
    row = con.execute("SELECT kind, body FROM kb_overlay WHERE key = ?", [key]).fetchone()
    if row:
        return row[0], (json.loads(row[1]) if row[1] else None), ("overlay" if row[1] else "retired")
    for kind in ("person", "organisation"):
        shipped = shipped_entry(settings.data_dir / "actors", kind, key)
        if shipped is not None:
            return kind, _plain(shipped), "shipped"
    raise KnowledgeEditError(key, [f"no person or organisation has the id {key!r}; see `peristiwa kb list --all`"])


def change(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    kind: str,
    body: dict[str, Any] | None,
    *,
    key: str | None = None,
    action: str,
    author: str,
    reason: str | None = None,
    choices: Choices = NONE_ALLOWED,
) -> int:
    """Check and store one change (body None retires `key`); return the id of its audit row."""
    key = key or str((body or {}).get("id") or "")
    previous = _previous(con, settings, kind, key, action)
    if body is not None:
        body = _plain(body)
        check_entry(knowledge_base(with_overlay(con, settings)), kind, body, previous, choices)
    elif previous is None:
        raise KnowledgeEditError(key, ["it is already retired; `peristiwa kb undo` brings back what a change took"])
    if not author.strip():
        raise KnowledgeEditError(key, ["no author: pass --author NAME (or set USER)"])
    with _transaction(con):
        return _write(con, kind, key, body, action, author, reason)


def _previous(
    con: duckdb.DuckDBPyConnection, settings: Settings, kind: str, key: str, action: str
) -> dict[str, Any] | None:
    try:
        found_kind, body, where = entry(con, settings, key)
    except KnowledgeEditError:
        if action in ("add", "accept"):  # an accepted proposal may add an entry
            return None
        raise
    if action == "add" and where != "retired":
        raise KnowledgeEditError(key, [f"the id is taken ({where}); use `peristiwa kb edit {key}` or another id"])
    if found_kind != kind:
        raise KnowledgeEditError(key, [f"{key} is a {found_kind}, not a {kind}"])
    return body


def _write(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    key: str,
    body: dict[str, Any] | None,
    action: str,
    author: str,
    reason: str | None,
    undoes: int | None = None,
) -> int:
    before = _state(con, key)
    after = None if body is None else json.dumps(body, ensure_ascii=False)
    number = _next_id(con)
    con.execute(
        "INSERT INTO kb_changes (id, made_at, author, reason, action, kind, key, before, after, undoes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [number, _now(), author, reason, action, kind, key, before, json.dumps({"body": after}), undoes],
    )
    _set_state(con, kind, key, json.dumps({"body": after}), number)
    return number


def _state(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """The overlay row of `key` as JSON {"body": …}, or None when the key has no overlay row."""
    row = con.execute("SELECT body FROM kb_overlay WHERE key = ?", [key]).fetchone()
    return None if row is None else json.dumps({"body": row[0]})


def _set_state(con: duckdb.DuckDBPyConnection, kind: str, key: str, state: str | None, number: int) -> None:
    con.execute("DELETE FROM kb_overlay WHERE key = ?", [key])
    if state is not None:
        con.execute("INSERT INTO kb_overlay VALUES (?, ?, ?, ?)", [key, kind, json.loads(state)["body"], number])


def undo(con: duckdb.DuckDBPyConnection, author: str, change_id: int | None = None, reason: str | None = None) -> int:
    """Revert one change (the latest when `change_id` is None) by restoring the overlay row it replaced; the undo is
    itself a change in the log. Only the latest change of a key can be undone (undo the later ones first)."""
    latest_open = (
        "WHERE action <> 'undo' AND id NOT IN (SELECT undoes FROM kb_changes WHERE undoes IS NOT NULL) "
        "ORDER BY id DESC LIMIT 1"
    )
    row = con.execute(
        "SELECT id, kind, key, before, after FROM kb_changes "
        + ("WHERE id = ?" if change_id is not None else latest_open),
        [change_id] if change_id is not None else [],
    ).fetchone()
    if row is None:
        what = f"change {change_id}" if change_id is not None else "any change"
        raise KnowledgeEditError(str(change_id or "-"), [f"there is no {what} to undo; see `peristiwa kb log`"])
    number, kind, key, before, after = row
    if _state(con, key) != after:
        later = con.execute("SELECT max(id) FROM kb_changes WHERE key = ?", [key]).fetchone()
        raise KnowledgeEditError(
            key, [f"change {later[0] if later else '?'} changed {key} after change {number}: undo it first"]
        )
    with _transaction(con):
        current = _state(con, key)
        new = _next_id(con)
        con.execute(
            "INSERT INTO kb_changes (id, made_at, author, reason, action, kind, key, before, after, undoes) "
            "VALUES (?, ?, ?, ?, 'undo', ?, ?, ?, ?, ?)",
            [new, _now(), author, reason, kind, key, current, before, number],
        )
        _set_state(con, kind, key, before, new)
    return new


def changes(con: duckdb.DuckDBPyConnection, key: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The audit log, newest first."""
    where, params = ("WHERE key = ?", [key]) if key else ("", [])
    rows = con.execute(
        f"SELECT {', '.join(CHANGE_FIELDS)} FROM kb_changes {where} ORDER BY id DESC LIMIT ?", [*params, limit]
    ).fetchall()
    found = [dict(zip(CHANGE_FIELDS, r, strict=True)) for r in rows]
    for row in found:
        row["before"], row["after"] = _body_of(row["before"]), _body_of(row["after"])
    return found


def _body_of(state: str | None) -> dict[str, Any] | None:
    """The entry an overlay state holds (None: no overlay row, or retired)."""
    body = json.loads(state)["body"] if state else None
    return json.loads(body) if body else None


def entries(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The overlay's entries with the change that made each."""
    rows = con.execute(
        "SELECT o.key, o.kind, o.body, c.id, c.made_at, c.author, c.reason, c.action FROM kb_overlay o "
        "JOIN kb_changes c ON c.id = o.change_id ORDER BY o.key"
    ).fetchall()
    return [
        {
            "key": key,
            "kind": kind,
            "status": "active" if body else "retired",
            "entry": json.loads(body) if body else None,
            "change": number,
            "made_at": at,
            "author": author,
            "reason": reason,
            "action": action,
        }
        for key, kind, body, number, at, author, reason, action in rows
    ]


def pending(con: duckdb.DuckDBPyConnection) -> tuple[list[int], list[str]]:
    """The changes not yet re-coded, and the entries they changed."""
    rows = con.execute("SELECT id, key FROM kb_changes WHERE NOT recoded ORDER BY id").fetchall()
    return [r[0] for r in rows], sorted({r[1] for r in rows})


def mark_recoded(con: duckdb.DuckDBPyConnection, ids: list[int]) -> None:
    if ids:
        con.execute(f"UPDATE kb_changes SET recoded = true WHERE id IN ({', '.join('?' * len(ids))})", ids)


def names_of_entries(con: duckdb.DuckDBPyConnection, settings: Settings, keys: list[str]) -> set[str]:
    """Every name the given entries have had: shipped, and before and after each change."""
    names: set[str] = set()
    for key in keys:
        for kind in ("person", "organisation"):
            shipped = shipped_entry(settings.data_dir / "actors", kind, key)
            if shipped:
                names.update(names_of(kind, shipped))
    for row in (
        con.execute(
            f"SELECT kind, before, after FROM kb_changes WHERE key IN ({', '.join('?' * len(keys))})", keys
        ).fetchall()
        if keys
        else []
    ):
        for state in row[1:]:
            body = json.loads(state)["body"] if state else None
            if body:
                names.update(names_of(row[0], json.loads(body)))
    return {n for n in names if n.strip()}


_IN_TRANSACTION: set[int] = set()  # connections inside `transaction`: the changes join it


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction for several changes (accepting a proposal ends one term and starts another): all or none."""
    if id(con) in _IN_TRANSACTION:
        yield
        return
    con.execute("BEGIN TRANSACTION")
    _IN_TRANSACTION.add(id(con))
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        _IN_TRANSACTION.discard(id(con))


_transaction = transaction


def _next_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(id), 0) + 1 FROM kb_changes").fetchone()
    return int(row[0]) if row else 1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _plain(value: Any) -> Any:
    """YAML's dates as ISO text, so an entry reads the same from YAML, JSON and the database."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def export_yaml(con: duckdb.DuckDBPyConnection) -> str:
    """The overlay in the shipped files' format: `persons:` and `organisations:` lists (and the ids it retires),
    ready to be contributed back to data/actors/."""
    import yaml

    found = entries(con)
    document: dict[str, Any] = {
        "persons": [e["entry"] for e in found if e["kind"] == "person" and e["entry"]],
        "organisations": [e["entry"] for e in found if e["kind"] == "organisation" and e["entry"]],
        "retired": [e["key"] for e in found if not e["entry"]],
    }
    header = "# Knowledge overlay exported by `peristiwa kb export`: entries in the shipped format of data/actors/\n"
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)
