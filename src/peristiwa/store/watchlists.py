"""Watch lists (saved queries over merged events) and the alerts they raise, in the database.

A watch list names what to look for: any of some actors (as source or target), a dyad (source → target),
event types, a quad, a place (part of its name) and keywords (in the event's evidence). Every given part must
match. When articles are stored, `raise_alerts` looks at the events those articles report and stores one
alert per watch list and event: a second report of the same event raises nothing new.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

from peristiwa.store import filters
from peristiwa.store.bulk import Keys
from peristiwa.store.errors import BadFilter
from peristiwa.store.queries import EVENT_FIELDS

MAX_ATTEMPTS = 5  # webhook deliveries tried per alert before it is left as failed
_NAME = re.compile(r"[\w][\w .:-]{0,79}")


@dataclass(frozen=True, slots=True)
class WatchQuery:
    actors: tuple[str, ...] = ()
    source: str | None = None
    target: str | None = None
    types: tuple[str, ...] = ()
    quad: str | None = None
    place: str | None = None
    keywords: tuple[str, ...] = field(default=())

    def is_empty(self) -> bool:
        return not any(asdict(self).values())


def watch_query(
    actors: Sequence[str] = (),
    source: str | None = None,
    target: str | None = None,
    types: Sequence[str] = (),
    quad: str | None = None,
    place: str | None = None,
    keywords: Sequence[str] = (),
) -> WatchQuery:
    """A watch list query with every part checked as the event filters check it; BadFilter otherwise."""
    query = WatchQuery(
        tuple(c for a in actors if (c := filters.actor_code("actors", a))),
        filters.actor_code("source", source),
        filters.actor_code("target", target),
        tuple(t for name in types if (t := filters.event_type(name))),
        filters.quad_of(quad),
        place.strip() or None if place else None,
        tuple(k.strip() for k in keywords if k.strip()),
    )
    if query.is_empty():
        raise BadFilter("watch list", "give at least one of actors, source, target, types, quad, place, keywords")
    return query


def check_name(name: str) -> str:
    cleaned = name.strip()
    if not _NAME.fullmatch(cleaned):
        raise BadFilter("name", f"{name!r} is not a usable name: 1-80 letters, digits, spaces or . : - _")
    return cleaned


def check_webhook(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    if not re.match(r"https?://[^\s/]+", url.strip()):
        raise BadFilter("webhook", f"{url!r} is not an http(s) URL")
    return url.strip()


def save(con: duckdb.DuckDBPyConnection, name: str, query: WatchQuery, webhook: str | None, now: dt.datetime) -> None:
    """Create or replace the watch list `name`."""
    con.execute(
        """INSERT INTO watchlists (name, query, webhook, created) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET query = excluded.query, webhook = excluded.webhook""",
        [check_name(name), json.dumps(asdict(query)), check_webhook(webhook), now],
    )


def remove(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute("SELECT count(*) FROM watchlists WHERE name = ?", [name]).fetchone()
    con.execute("DELETE FROM watchlists WHERE name = ?", [name])
    return bool(found and found[0])


def listed(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = con.execute(
        """SELECT w.name, w.query, w.webhook, w.created, count(a.event_id) AS alerts
           FROM watchlists w LEFT JOIN alerts a ON a.watchlist = w.name GROUP BY ALL ORDER BY w.name"""
    ).fetchall()
    return [
        {"name": r[0], "query": json.loads(r[1]), "webhook": r[2], "created": _iso(r[3]), "alerts": r[4]} for r in rows
    ]


def _query_of(stored: str) -> WatchQuery:
    data: dict[str, Any] = json.loads(stored)
    return WatchQuery(
        tuple(data.get("actors") or ()),
        data.get("source"),
        data.get("target"),
        tuple(data.get("types") or ()),
        data.get("quad"),
        data.get("place"),
        tuple(data.get("keywords") or ()),
    )


def _clauses(query: WatchQuery) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if query.actors:
        clauses.append("(e.source IN (SELECT unnest(?::VARCHAR[])) OR e.target IN (SELECT unnest(?::VARCHAR[])))")
        params += [list(query.actors), list(query.actors)]
    for column, value in (("source", query.source), ("target", query.target), ("quad", query.quad)):
        if value:
            clauses.append(f"e.{column} = ?")
            params.append(value)
    if query.types:
        clauses.append("e.type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(query.types))
    if query.place:
        clauses.append("e.location_name ILIKE ?")
        params.append(f"%{query.place}%")
    for keyword in query.keywords:
        clauses.append(
            "(e.text ILIKE ? OR e.event_id IN (SELECT event_id FROM event_mentions m WHERE m.evidence_text ILIKE ?))"
        )
        params += [f"%{keyword}%", f"%{keyword}%"]
    return clauses, params


def raise_alerts(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], now: dt.datetime) -> list[dict[str, Any]]:
    """Alerts for the events the new articles report that match a watch list; only the ones not raised before."""
    lists = con.execute("SELECT name, query, webhook FROM watchlists ORDER BY name").fetchall()
    if not lists or not article_ids:
        return []
    raised: list[dict[str, Any]] = []
    with Keys(con, ["article_id"], [(a,) for a in article_ids]) as new:
        for name, stored, webhook in lists:
            clauses, params = _clauses(_query_of(stored))
            rows = con.execute(
                f"""SELECT {", ".join(f"e.{f}" for f in EVENT_FIELDS)}, min(m.article_id) AS article_id
                    FROM events e JOIN event_mentions m ON m.event_id = e.event_id JOIN {new} n
                      ON n.article_id = m.article_id
                    WHERE {" AND ".join(clauses) or "true"}
                      AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.watchlist = ? AND a.event_id = e.event_id)
                    GROUP BY ALL ORDER BY e.event_id""",
                [*params, name],
            ).fetchall()
            for row in rows:
                event = {k: _iso(v) for k, v in zip(EVENT_FIELDS, row[:-1], strict=True)}
                raised.append({"watchlist": name, "webhook": webhook, "article_id": row[-1], "event": event})
    if not raised:
        return raised
    con.executemany(
        "INSERT INTO alerts (watchlist, event_id, article_id, created, body, attempts) VALUES (?, ?, ?, ?, ?, 0) "
        "ON CONFLICT DO NOTHING",
        [(a["watchlist"], a["event"]["event_id"], a["article_id"], now, json.dumps(_body(a, now))) for a in raised],
    )
    return raised


def _body(alert: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    return {
        "watchlist": alert["watchlist"],
        "raised": _iso(now),
        "article_id": alert["article_id"],
        "event": alert["event"],
    }


def undelivered(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    """(watch list, event id, webhook, JSON body) of alerts whose webhook has not taken them yet."""
    return [
        (r[0], r[1], r[2], r[3])
        for r in con.execute(
            """SELECT a.watchlist, a.event_id, w.webhook, a.body FROM alerts a JOIN watchlists w ON w.name = a.watchlist
               WHERE w.webhook IS NOT NULL AND a.delivered IS NULL AND a.attempts < ? ORDER BY a.created""",
            [MAX_ATTEMPTS],
        ).fetchall()
    ]


def record_delivery(
    con: duckdb.DuckDBPyConnection, watchlist: str, event_id: str, error: str | None, now: dt.datetime
) -> None:
    con.execute(
        """UPDATE alerts SET attempts = attempts + 1, delivered = CASE WHEN ? IS NULL THEN ? END, last_error = ?
           WHERE watchlist = ? AND event_id = ?""",
        [error, now, error, watchlist, event_id],
    )


def recent(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[dict[str, Any]]:
    """The latest alerts, newest first, with their delivery state."""
    rows = con.execute(
        """SELECT watchlist, event_id, article_id, created, body, delivered, attempts, last_error
           FROM alerts ORDER BY created DESC, event_id LIMIT ?""",
        [limit],
    ).fetchall()
    return [
        {
            "watchlist": r[0],
            "event_id": r[1],
            "article_id": r[2],
            "created": _iso(r[3]),
            "event": json.loads(r[4])["event"],
            "delivered": _iso(r[5]),
            "attempts": r[6],
            "last_error": r[7],
        }
        for r in rows
    ]


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat() + "Z"
    return value.isoformat() if isinstance(value, dt.date) else value
