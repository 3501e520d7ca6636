"""Read-side queries. Each returns plain dicts (JSON-ready) and runs on a read-only connection.

The dyad timeline and the actor profile read the pre-aggregated tables (`dyad_month`,
`actor_partner`), so they stay fast however many events the database holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from peristiwa.store.errors import BadQuery

Row = dict[str, Any]
# The name an actor code is best known by: its state or organisation entity, else its most cited person.
ACTOR_NAMES = """actor_names AS (
    SELECT actor, arg_max(name, (type IN ('GPE', 'ORG'))::INT * 1000000 + n) AS name FROM (
        SELECT actor, name, type, count(*) AS n FROM entities WHERE actor IS NOT NULL GROUP BY ALL
    ) GROUP BY actor)"""


def lead(alias: str = "a") -> str:
    """SQL naming an article without a title (of table alias `alias`): its first sentence, else its first line."""
    text = f"{alias}.text"
    sentence = f"nullif(regexp_extract({text}, '^\\s*([^\\n]{{1,200}}?[.!?])(\\s|$)', 1), '')"
    return (
        f"CASE WHEN nullif(trim({alias}.title), '') IS NULL THEN "
        f"coalesce({sentence}, left(trim(split_part(ltrim({text}), chr(10), 1)), 160)) END"
    )


EVENT_FIELDS = (
    "event_id",
    "story_id",
    "type",
    "mode",
    "source",
    "target",
    "source_entity",
    "target_entity",
    "negated",
    "modality",
    "date",
    "date_source",
    "date_precision",
    "month",
    "quad",
    "score",
    "cameo",
    "location_name",
    "num_mentions",
    "num_articles",
    "num_sources",
    "num_copies",
    "source_url",
    "text",
    "corrected",
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # as source or target
    source: str | None = None
    target: str | None = None
    type: str | None = None
    quad: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    limit: int = 100


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[Row]:
    names = [d[0] for d in cursor.description or []]
    return [{k: _jsonable(v) for k, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def events(con: duckdb.DuckDBPyConnection, where: EventFilter) -> list[Row]:
    """Merged events matching every given filter, most reported first."""
    clauses, params = _event_clauses(where)
    sql = (
        f"SELECT {', '.join(EVENT_FIELDS)} FROM events e WHERE {' AND '.join(clauses) or 'true'} "
        "ORDER BY num_mentions DESC, month, event_id LIMIT ?"
    )
    return _rows(con.execute(sql, [*params, where.limit]))


def _event_clauses(where: EventFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("source", where.source),
        ("target", where.target),
        ("type", _upper(where.type)),
        ("quad", where.quad),
    ):
        if value:
            clauses.append(f"e.{column} = ?")
            params.append(value)
    if where.actor:
        clauses.append("(e.source = ? OR e.target = ?)")
        params += [where.actor, where.actor]
    day = "coalesce(TRY_CAST(e.date AS DATE), e.month)"
    if where.since:
        clauses.append(f"{day} >= ?")
        params.append(where.since)
    if where.until:
        clauses.append(f"{day} <= ?")
        params.append(where.until)
    if where.text:
        clauses.append(
            "(e.text ILIKE ? OR e.event_id IN (SELECT event_id FROM event_mentions m WHERE m.evidence_text ILIKE ?))"
        )
        params += [f"%{where.text}%"] * 2
    return clauses, params


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def dyad_timeline(con: duckdb.DuckDBPyConnection, source: str, target: str, both: bool = False) -> list[Row]:
    """Events per month and quad between two actors (source → target, or either way with `both`); `reported`
    of them are dated only by their report.

    Raises BadQuery for an actor the database does not know (an empty timeline means they never met)."""
    require_actor(con, source)
    require_actor(con, target)
    pairs = [(source, target), (target, source)] if both else [(source, target)]
    clause = " OR ".join("(source = ? AND target = ?)" for _ in pairs)
    sql = (
        f"SELECT month, quad, sum(events)::BIGINT AS events, sum(mentions)::BIGINT AS mentions, "
        f"coalesce(sum(reported), 0)::BIGINT AS reported "
        f"FROM dyad_month WHERE {clause} GROUP BY month, quad ORDER BY month NULLS LAST, quad"
    )
    return _rows(con.execute(sql, [x for pair in pairs for x in pair]))


def require_actor(con: duckdb.DuckDBPyConnection, actor: str) -> None:
    """Raise BadQuery unless some merged event or some entity in the database has this actor code."""
    found = con.execute(
        "SELECT 1 FROM actor_partner WHERE actor = ? UNION ALL SELECT 1 FROM entities WHERE actor = ? LIMIT 1",
        [actor, actor],
    ).fetchone()
    if found is None:
        raise BadQuery("actor", f"unknown actor {actor!r}: no event or entity in the database has this code")


def actor_profile(con: duckdb.DuckDBPyConnection, actor: str, partners: int = 20) -> Row:
    """How often an actor acts and is acted on, by type and quad, its main partners and its people's roles.

    Raises BadQuery for an actor the database does not know."""
    require_actor(con, actor)
    totals = _rows(
        con.execute(
            """SELECT role, sum(events)::BIGINT AS events, sum(mentions)::BIGINT AS mentions
                                  FROM actor_partner WHERE actor = ? GROUP BY role ORDER BY role""",
            [actor],
        )
    )
    by_type = _rows(
        con.execute(
            """SELECT role, type, quad, sum(events)::BIGINT AS events FROM actor_partner
                                   WHERE actor = ? GROUP BY ALL ORDER BY events DESC, role, type""",
            [actor],
        )
    )
    top = _rows(
        con.execute(
            """SELECT partner, sum(events)::BIGINT AS events,
                                      sum(events) FILTER (WHERE role = 'source')::BIGINT AS as_source,
                                      sum(events) FILTER (WHERE role = 'target')::BIGINT AS as_target
                               FROM actor_partner WHERE actor = ? AND partner IS NOT NULL GROUP BY partner
                               ORDER BY events DESC, partner LIMIT ?""",
            [actor, partners],
        )
    )
    roles = _rows(
        con.execute(
            # One row per person across spellings ("Sergei"/"Sergey Lavrov" share a KB id), with the most
            # common name and role. Persons only: the state itself ("Indonesia") and its bodies are not people.
            """SELECT mode(name) AS name, mode(role) AS role, mode(sector) AS sector, count(*) AS articles
                                 FROM entities WHERE actor = ? AND type = 'PER' GROUP BY coalesce(kb_id, name)
                                 ORDER BY articles DESC, name LIMIT 50""",
            [actor],
        )
    )
    return {"actor": actor, "totals": totals, "by_type": by_type, "partners": top, "people": roles}


def quotes(con: duckdb.DuckDBPyConnection, speaker: str, limit: int = 100) -> list[Row]:
    """Quotations whose speaker name contains `speaker` (case-insensitive), newest first."""
    sql = """SELECT q.speaker, q.text, q.direct, q.cue, q.start_char, q.end_char, q.article_id, a.title,
                    a.published, coalesce(a.url, a.path) AS source
             FROM quotes q JOIN articles a ON a.id = q.article_id
             WHERE q.speaker ILIKE ? ORDER BY a.published DESC NULLS LAST, q.article_id, q.seq LIMIT ?"""
    return _rows(con.execute(sql, [f"%{speaker}%", limit]))


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> Row:
    """A story with its articles (copies marked by `dup_of`) and its merged events."""
    found = _rows(con.execute("SELECT * FROM stories WHERE story_id = ?", [story_id]))
    if not found:
        raise BadQuery("story", f"no story {story_id!r}; list stories with `peristiwa query stories`")
    articles = _rows(
        con.execute(
            f"""SELECT id, title, {lead("articles")} AS lead, published, outlet, coalesce(url, path) AS source, dup_of
                                    FROM articles WHERE story_id = ? ORDER BY published NULLS LAST, id""",
            [story_id],
        )
    )
    story_events = _rows(
        con.execute(
            f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE story_id = ? ORDER BY num_mentions DESC, event_id",
            [story_id],
        )
    )
    return {**found[0], "articles": articles, "events": story_events}


def stories(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[Row]:
    """The stories with the most independent reports."""
    return _rows(
        con.execute(
            "SELECT * FROM stories ORDER BY num_reports DESC, last_published DESC NULLS LAST, story_id LIMIT ?",
            [limit],
        )
    )


def counts(con: duckdb.DuckDBPyConnection) -> Row:
    tables = ("articles", "entities", "quotes", "dates", "event_mentions", "events", "stories")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]


# Sort keys for paging merged events, never NULL so that "rows after this key" (keyset paging) is exact.
EVENT_ORDERS: dict[str, tuple[tuple[str, str], ...]] = {
    "mentions": (
        ("coalesce(e.num_mentions, 0)", "DESC"),
        ("coalesce(e.month, DATE '9999-12-31')", "ASC"),
        ("e.event_id", "ASC"),
    ),
    "date": (("coalesce(TRY_CAST(e.date AS DATE), e.month, DATE '0001-01-01')", "DESC"), ("e.event_id", "ASC")),
}


def events_page(
    con: duckdb.DuckDBPyConnection,
    where: EventFilter,
    offset: int = 0,
    order: str = "mentions",
    story_id: str | None = None,
    after: list[Any] | None = None,
) -> tuple[int, list[Row], list[Any] | None]:
    """One page of merged events, how many match in all, and the sort key of the page's last row.

    Give that key back as `after` for the next page: it is found without sorting the rows before it,
    so page 10,000 costs what page 1 costs (an `offset` that deep sorts everything before it).
    """
    clauses, params = _event_clauses(where)
    if story_id:
        clauses.append("e.story_id = ?")
        params.append(story_id)
    condition = " AND ".join(clauses) or "true"
    total = con.execute(f"SELECT count(*) FROM events e WHERE {condition}", params).fetchone()[0]  # type: ignore[index]
    keys = EVENT_ORDERS[order]
    if after is not None:
        condition += f" AND {_after(keys)}"
        params += [value for i in range(len(keys)) for value in after[: i + 1]]
    key_columns = ", ".join(f"{expression} AS _key{i}" for i, (expression, _) in enumerate(keys))
    # Sort only the keys and row ids, then fetch the page's rows: 3-4x faster at deep offsets than sorting
    # whole rows (the evidence text is the widest column).
    sql = f"""WITH page AS (
            SELECT e.rowid AS _row, {key_columns} FROM events e WHERE {condition}
            ORDER BY {", ".join(f"{expression} {direction}" for expression, direction in keys)} LIMIT ? OFFSET ?)
        SELECT {", ".join(f"e.{name}" for name in EVENT_FIELDS)}, page.* EXCLUDE (_row)
        FROM page JOIN events e ON e.rowid = page._row
        ORDER BY {", ".join(f"page._key{i} {direction}" for i, (_, direction) in enumerate(keys))}"""
    found = _rows(con.execute(sql, [*params, where.limit, offset]))
    last = [found[-1][f"_key{i}"] for i in range(len(keys))] if found else None
    return total, [{k: v for k, v in row.items() if not k.startswith("_key")} for row in found], last


def _after(keys: tuple[tuple[str, str], ...]) -> str:
    """Rows strictly after a key in this order: k0 beyond v0, or k0 = v0 and k1 beyond v1, and so on."""
    alternatives = []
    for i, (expression, direction) in enumerate(keys):
        equal = [f"{keys[j][0]} = ?" for j in range(i)]
        alternatives.append("(" + " AND ".join([*equal, f"{expression} {'<' if direction == 'DESC' else '>'} ?"]) + ")")
    return "(" + " OR ".join(alternatives) + ")"
