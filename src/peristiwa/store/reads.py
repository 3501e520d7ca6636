"""Read queries the web UI needs beyond `peristiwa.store.queries`: lists with totals, articles with spans."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from peristiwa.store import queries

Row = dict[str, Any]
ACTOR_NAMES = queries.ACTOR_NAMES


def rows(cursor: duckdb.DuckDBPyConnection) -> list[Row]:
    names = [d[0] for d in cursor.description or []]
    return [{k: _plain(v) for k, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Any:
    found = con.execute(sql, params).fetchone()
    return found[0] if found else None


CONTAINS = "ILIKE ? ESCAPE '\\'"  # with a `like(text)` parameter: contains `text`, case-insensitive


def like(text: str) -> str:
    """An ILIKE pattern (for CONTAINS) that matches `text` literally anywhere."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# -- events ---------------------------------------------------------------------------------------------------
def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> Row | None:
    found = rows(con.execute(f"SELECT {', '.join(queries.EVENT_FIELDS)} FROM events WHERE event_id = ?", [event_id]))
    if not found:
        return None
    with_names(con, found)
    mentions = rows(
        con.execute(
            f"""SELECT m.article_id, m.mention_id, a.title, {queries.lead()} AS lead, a.published,
                  coalesce(a.url, a.path) AS source,
                  m.evidence_start, m.evidence_end, m.evidence_text, m.rule
           FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?
           ORDER BY a.published NULLS LAST, m.article_id, m.mention_id""",
            [event_id],
        )
    )
    for mention in mentions:
        mention["evidence"] = _span(
            mention.pop("evidence_start"), mention.pop("evidence_end"), mention.pop("evidence_text")
        )
    return {"event": found[0], "mentions": mentions}


def with_names(con: duckdb.DuckDBPyConnection, events: list[Row]) -> list[Row]:
    """Add `source_name` / `target_name`: the entity names behind `source_entity` / `target_entity`.

    Those hold entity ids local to an article, so the names come from the event's own mentions. Two statements
    of constants, not one join: a join on `entities` reads the whole table (about 250 ms at 10 M events), while
    its articles as constants read only the row groups that hold them (about 15 ms).
    """
    ids = [event["event_id"] for event in events]
    mentions = (
        con.execute(  # the ids as constants: point lookups in the index on event_mentions.event_id
            f"""SELECT event_id, article_id, source_entity, target_entity FROM event_mentions
                WHERE event_id IN ({queries.sql_strings(ids)})"""
        ).fetchall()
        if ids
        else []
    )
    articles = sorted({article_id for _, article_id, _, _ in mentions})
    entity_names = {
        (article_id, entity_id): name
        for article_id, entity_id, name in (
            con.execute(
                "SELECT article_id, entity_id, name FROM entities "
                f"WHERE article_id IN ({queries.sql_strings(articles)})"
            ).fetchall()
            if articles
            else []
        )
    }
    names: dict[tuple[str, str], str] = {}
    for event_id, article_id, *entities in mentions:
        for role, entity in zip(("source", "target"), entities, strict=True):
            name = entity_names.get((article_id, entity))
            if name is not None:
                names.setdefault((event_id, f"{role}:{entity}"), name)
    for event in events:
        for role in ("source", "target"):
            event[f"{role}_name"] = names.get((event["event_id"], f"{role}:{event[f'{role}_entity']}"))
    return events


def _span(start: int | None, end: int | None, text: str | None) -> Row | None:
    return None if start is None or end is None else {"start": start, "end": end, "text": text or ""}


# -- actors ---------------------------------------------------------------------------------------------------
ACTOR_TOTALS = """SELECT actor AS code, sum(events)::BIGINT AS events,
           coalesce(sum(events) FILTER (WHERE role = 'source'), 0)::BIGINT AS as_source,
           coalesce(sum(events) FILTER (WHERE role = 'target'), 0)::BIGINT AS as_target,
           sum(mentions)::BIGINT AS mentions
    FROM actor_partner GROUP BY actor"""


def actors_page(con: duckdb.DuckDBPyConnection, q: str | None, limit: int, offset: int) -> tuple[int, list[Row]]:
    """Actors by how many merged events they take part in, optionally those whose code or name has `q`."""
    if q:
        return _actors_matching(con, q, limit, offset)
    total = scalar(con, "SELECT count(DISTINCT actor) FROM actor_partner", [])
    page = rows(con.execute(f"{ACTOR_TOTALS} ORDER BY events DESC, code LIMIT ? OFFSET ?", [limit, offset]))
    names = actor_names(con, [row["code"] for row in page])  # only the page's names: entities can be millions
    return total, [{**row, "name": names.get(row["code"])} for row in page]


def _actors_matching(con: duckdb.DuckDBPyConnection, q: str, limit: int, offset: int) -> tuple[int, list[Row]]:
    base = f"""WITH {ACTOR_NAMES}, totals AS ({ACTOR_TOTALS})
      SELECT t.code, n.name, t.events, t.as_source, t.as_target, t.mentions
      FROM totals t LEFT JOIN actor_names n ON n.actor = t.code WHERE t.code {CONTAINS} OR n.name {CONTAINS}"""
    params = [like(q), like(q)]
    total = scalar(con, f"SELECT count(*) FROM ({base})", params)
    page = rows(con.execute(f"{base} ORDER BY t.events DESC, t.code LIMIT ? OFFSET ?", [*params, limit, offset]))
    return total, page


def actor_names(con: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, str]:
    """The best-known name of each of these actor codes (see ACTOR_NAMES)."""
    if not codes:
        return {}
    found = con.execute(
        """SELECT actor, arg_max(name, (type IN ('GPE', 'ORG'))::INT * 1000000 + n) FROM (
               SELECT actor, name, type, count(*) AS n FROM entities
               WHERE actor IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL
           ) GROUP BY actor""",
        [codes],
    ).fetchall()
    return dict(found)


def actor_name(con: duckdb.DuckDBPyConnection, code: str) -> str | None:
    return actor_names(con, [code]).get(code)


def actor_profile(con: duckdb.DuckDBPyConnection, code: str) -> Row:
    """The store's actor profile plus its best-known name and its events per month; BadQuery if unknown."""
    profile = queries.actor_profile(con, code)
    timeline = rows(
        con.execute(
            # From the events themselves: `dyad_month` leaves out events without a target.
            # `reported_*`: of those, the events dated only by their report (the timeline shows them apart).
            """SELECT month, quad, count(*) FILTER (WHERE source = ?) AS as_source,
                  count(*) FILTER (WHERE target = ?) AS as_target,
                  count(*) FILTER (WHERE source = ? AND date_source = 'report') AS reported_as_source,
                  count(*) FILTER (WHERE target = ? AND date_source = 'report') AS reported_as_target
           FROM events WHERE source = ? OR target = ? GROUP BY month, quad ORDER BY month NULLS LAST, quad""",
            [code] * 6,
        )
    )
    return {**profile, "name": actor_name(con, code), "timeline": timeline}


def network(
    con: duckdb.DuckDBPyConnection,
    since: dt.date | None,
    until: dt.date | None,
    quad: str | None,
    min_events: int,
    limit: int,
) -> Row:
    """Actor-pair edges (source → target) with event counts by quad, and the actors they connect.

    Without dates the counts come from `actor_partner` (the source side: one row per dyad, type and quad, a
    few hundred thousand rows at most) instead of `dyad_month` (one more row per month: millions)."""
    clauses, params = ["true"], []
    for clause, value in (("month >= date_trunc('month', ?::DATE)", since), ("month <= ?", until), ("quad = ?", quad)):
        if value:
            clauses.append(clause)
            params.append(value)
    counts = "dyad_month"
    if not since and not until:
        counts = """(SELECT actor AS source, partner AS target, quad, events, mentions FROM actor_partner
                     WHERE role = 'source' AND partner IS NOT NULL)"""
    edges = rows(
        con.execute(
            f"""SELECT source, target, sum(events)::BIGINT AS events, sum(mentions)::BIGINT AS mentions,
                   coalesce(sum(events) FILTER (WHERE quad = 'V-coop'), 0)::BIGINT AS v_coop,
                   coalesce(sum(events) FILTER (WHERE quad = 'M-coop'), 0)::BIGINT AS m_coop,
                   coalesce(sum(events) FILTER (WHERE quad = 'V-conf'), 0)::BIGINT AS v_conf,
                   coalesce(sum(events) FILTER (WHERE quad = 'M-conf'), 0)::BIGINT AS m_conf
            FROM {counts} WHERE {" AND ".join(clauses)} GROUP BY source, target
            HAVING sum(events) >= ? ORDER BY events DESC, source, target LIMIT ?""",
            [*params, min_events, limit],
        )
    )
    for edge in edges:
        edge["by_quad"] = {
            q: edge.pop(key)
            for q, key in (("V-coop", "v_coop"), ("M-coop", "m_coop"), ("V-conf", "v_conf"), ("M-conf", "m_conf"))
        }
    return {"nodes": _nodes(con, edges), "edges": edges}


def _nodes(con: duckdb.DuckDBPyConnection, edges: list[Row]) -> list[Row]:
    counts: dict[str, int] = {}
    for edge in edges:
        for code in {edge["source"], edge["target"]}:
            counts[code] = counts.get(code, 0) + edge["events"]
    if not counts:
        return []
    names = actor_names(con, list(counts))
    return [
        {"id": code, "name": names.get(code), "events": n}
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


# -- quotes, stories, articles --------------------------------------------------------------------------------
def conjunction(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE condition joining the (clause, value) pairs whose value is given, and their parameters."""
    given = [(clause, value) for clause, value in conditions if value]
    return " AND ".join(["true", *(clause for clause, _ in given)]), [value for _, value in given]


def quotes_page(
    con: duckdb.DuckDBPyConnection, speaker: str | None, q: str | None, article_id: str | None, limit: int, offset: int
) -> tuple[int, list[Row]]:
    where, params = conjunction(
        (f"q.speaker {CONTAINS}", speaker and like(speaker)),
        (f"q.text {CONTAINS}", q and like(q)),
        ("q.article_id = ?", article_id),
    )
    total = scalar(con, f"SELECT count(*) FROM quotes q WHERE {where}", params)
    page = rows(
        con.execute(
            f"""SELECT q.speaker, q.speaker_id, q.text, q.direct, q.cue, q.start_char AS start, q.end_char AS "end",
                   coalesce(q.corrected, false) AS corrected, q.article_id, a.title, {queries.lead()} AS lead,
                   a.published, coalesce(a.url, a.path) AS source
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}
            ORDER BY a.published DESC NULLS LAST, q.article_id, q.seq LIMIT ? OFFSET ?""",
            [*params, limit, offset],
        )
    )
    return total, page


def stories_page(con: duckdb.DuckDBPyConnection, limit: int, offset: int) -> tuple[int, list[Row]]:
    total = scalar(con, "SELECT count(*) FROM stories", [])
    page = rows(
        con.execute(
            "SELECT * FROM stories ORDER BY num_reports DESC, last_published DESC NULLS LAST, story_id "
            "LIMIT ? OFFSET ?",
            [limit, offset],
        )
    )
    return total, page


def articles_page(
    con: duckdb.DuckDBPyConnection,
    q: str | None,
    story_id: str | None,
    outlet: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int,
    offset: int,
) -> tuple[int, list[Row]]:
    where, params = conjunction(
        ("a.story_id = ?", story_id),
        ("a.outlet = ?", outlet),
        ("a.published >= ?", since),
        ("a.published <= ?", until),
    )
    if q:
        where += f" AND (a.title {CONTAINS} OR a.text {CONTAINS})"
        params += [like(q), like(q)]
    total = scalar(con, f"SELECT count(*) FROM articles a WHERE {where}", params)
    page = rows(
        con.execute(
            f"""SELECT a.id, a.title, {queries.lead()} AS lead, a.published, a.outlet,
                   coalesce(a.url, a.path) AS source, a.story_id, a.dup_of,
                   a.language,
                   (SELECT count(*) FROM entities x WHERE x.article_id = a.id) AS num_entities,
                   (SELECT count(*) FROM quotes x WHERE x.article_id = a.id) AS num_quotes,
                   (SELECT count(*) FROM event_mentions x WHERE x.article_id = a.id) AS num_events
            FROM articles a WHERE {where} ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?""",
            [*params, limit, offset],
        )
    )
    return total, page
