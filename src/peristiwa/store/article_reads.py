"""One stored article with every span the UI highlights, and text search across articles, actors, quotes."""

from __future__ import annotations

import duckdb

from peristiwa.store import corrections, queries
from peristiwa.store.reads import CONTAINS, Row, actor_names, like, rows
from peristiwa.store.rows import EVENT_MENTION_SOURCES

SNIPPET = 80  # characters either side of the first match


def article_detail(con: duckdb.DuckDBPyConnection, article_id: str) -> Row | None:
    found = rows(
        con.execute(
            """SELECT id, title, published, byline, outlet, url, path, language, story_id, dup_of, text, problems
           FROM articles WHERE id = ?""",
            [article_id],
        )
    )
    if not found:
        return None
    article = found[0]
    article["problems"] = list(article["problems"] or [])
    article["removed"] = _by_article(
        con, "SELECT text, reason, rule FROM removed WHERE article_id = ? ORDER BY seq", article_id
    )
    article["entities"] = _entities(con, article_id)
    article["quotes"] = _by_article(
        con,
        """SELECT seq, speaker, speaker_id, text, start_char AS start, end_char AS "end",
                  direct, cue, coalesce(corrected, false) AS corrected FROM quotes WHERE article_id = ? ORDER BY seq""",
        article_id,
    )
    article["dates"] = _by_article(
        con,
        """SELECT seq, text, start_char AS start, end_char AS "end", value, coalesce(corrected, false) AS corrected
           FROM dates WHERE article_id = ? ORDER BY seq""",
        article_id,
    )
    article["places"] = _by_article(
        con,
        """SELECT name, geonameid, lat, lon, country, feature FROM places
                                           WHERE article_id = ? ORDER BY seq""",
        article_id,
    )
    article["events"] = [
        _article_event(row)
        for row in _by_article(
            con,
            "SELECT * EXCLUDE (article_id) FROM event_mentions WHERE article_id = ? ORDER BY evidence_start, "
            "mention_id",
            article_id,
        )
    ]
    article["corrections"] = [
        {**c, "made_at": str(c["made_at"]) if c["made_at"] else None} for c in corrections.listing(con, article_id)
    ]
    return article


def _by_article(con: duckdb.DuckDBPyConnection, sql: str, article_id: str) -> list[Row]:
    return rows(con.execute(sql, [article_id]))


def _entities(con: duckdb.DuckDBPyConnection, article_id: str) -> list[Row]:
    entities = _by_article(
        con,
        """SELECT entity_id AS id, name, type, actor, role, sector, kb_id, coalesce(corrected, false) AS corrected
           FROM entities WHERE article_id = ? ORDER BY entity_id""",
        article_id,
    )
    mentions: dict[str, list[Row]] = {}
    for entity_id, start, end, text in con.execute(
        """SELECT entity_id, start_char, end_char, text FROM entity_mentions WHERE article_id = ?
               ORDER BY start_char""",
        [article_id],
    ).fetchall():
        mentions.setdefault(entity_id, []).append({"start": start, "end": end, "text": text or ""})
    for entity in entities:
        entity["mentions"] = mentions.get(entity["id"], [])
    return entities


def _article_event(row: Row) -> Row:
    """A stored event mention in the record's shape, read back through the declaration that stored it
    (`rows.EVENT_MENTION_SOURCES`); the API names the record's `id` `mention_id`."""
    event: Row = {"event_id": row["event_id"], "location": {}, "magnitude": {}, "evidence": {}}
    for column, path in EVENT_MENTION_SOURCES.items():
        *parents, leaf = ("mention_id" if path == "id" else path).split(".")
        target = event
        for key in parents:
            target = target[key]
        target[leaf] = row[column]
    evidence = event["evidence"]
    if evidence["start"] is None or evidence["end"] is None:
        event["evidence"] = None
    else:
        evidence["text"] = evidence["text"] or ""
    return event


def search(con: duckdb.DuckDBPyConnection, q: str, limit: int) -> Row:
    pattern = like(q)
    articles = rows(
        con.execute(
            f"""SELECT id, title, {queries.lead("articles")} AS lead, published, text FROM articles
           WHERE title {CONTAINS} OR text {CONTAINS}
           ORDER BY (title {CONTAINS}) DESC, published DESC NULLS LAST, id LIMIT ?""",
            [pattern, pattern, pattern, limit],
        )
    )
    for article in articles:
        article["snippet"] = snippet(article.pop("text") or "", q)
    actors = _actors_named(con, pattern, limit)
    quotes = rows(
        con.execute(
            f"""SELECT speaker, text, article_id, start_char AS start, end_char AS "end" FROM quotes
            WHERE speaker {CONTAINS} OR text {CONTAINS} ORDER BY article_id, seq LIMIT ?""",
            [pattern, pattern, limit],
        )
    )
    return {"q": q, "articles": articles, "actors": actors, "quotes": quotes}


def _actors_named(con: duckdb.DuckDBPyConnection, pattern: str, limit: int) -> list[Row]:
    """Actors whose code or any of whose entities' names match, most active first, with their best-known name.

    The entities are read once, for the matching codes; the names are then made for the page's codes only
    (`actor_names`), not for every actor of the database."""
    codes = [
        row[0]
        for row in con.execute(
            f"SELECT DISTINCT actor FROM entities WHERE actor IS NOT NULL AND (actor {CONTAINS} OR name {CONTAINS})",
            [pattern, pattern],
        ).fetchall()
    ]
    if not codes:
        return []
    totals = dict(
        con.execute(
            "SELECT actor, sum(events)::BIGINT FROM actor_partner WHERE actor IN (SELECT unnest(?::VARCHAR[])) "
            "GROUP BY actor",
            [codes],
        ).fetchall()
    )
    top = sorted(codes, key=lambda code: (-(totals.get(code) or 0), code))[:limit]
    names = actor_names(con, top)
    return [{"code": code, "name": names.get(code), "events": totals.get(code) or 0} for code in top]


def snippet(text: str, q: str) -> str:
    """The words around the first occurrence of `q` (case-insensitive), or the opening of the text."""
    at = text.casefold().find(q.casefold())
    if at < 0:
        return text[: 2 * SNIPPET].strip()
    start, end = max(0, at - SNIPPET), min(len(text), at + len(q) + SNIPPET)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
