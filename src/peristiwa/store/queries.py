"""Read-side queries. Each returns plain dicts (JSON-ready) and runs on a read-only connection.

The dyad timeline and the actor profile read the pre-aggregated tables (`dyad_month`,
`actor_partner`), so they stay fast however many events the database holds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import duckdb

from peristiwa.store import event_keys
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
    place: str | None = None  # the event's location name, case-insensitive


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[Row]:
    names = [d[0] for d in cursor.description or []]
    return [{k: _jsonable(v) for k, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def events(con: duckdb.DuckDBPyConnection, where: EventFilter) -> list[Row]:
    """Merged events matching every given filter, most reported first."""
    return events_page(con, where)[1]


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
    if where.place:
        clauses.append("lower(e.location_name) = lower(?)")
        params.append(where.place)
    if where.text:
        clauses.append(f"(len(event_words(?)) = 0 OR e.event_id IN ({HAS_WORDS}))")
        params += [where.text] * 3
        if literal_text(where.text):
            clauses.append(f"e.event_id IN {LITERAL}")
            params += [where.text] * 2
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


# A text filter matches the events whose evidence (the merged text or any mention's) has every word of it
# (through the index: `w:` keys), and, when it holds more than words ("50%", "a_b"), the text itself,
# literally: `%` and `_` are never wildcards.
HAS_WORDS = """SELECT event_id FROM event_keys WHERE key IN (SELECT 'w:' || unnest(event_words(?)))
    GROUP BY event_id HAVING count(*) = len(event_words(?))"""
# `contains` on lower case is literal by nature and 3.5x faster than ILIKE with ESCAPE (0.48 s against 1.7 s
# over 1 M event texts). Parameters: the text as typed, twice.
LITERAL = """(SELECT event_id FROM events WHERE contains(lower(text), lower(?))
              UNION SELECT event_id FROM event_mentions WHERE contains(lower(evidence_text), lower(?)))"""
# Most candidates of a literal text test fetched by id: each is a point lookup (~0.7 ms on a loaded machine),
# so past a few hundred the scan of every text (LITERAL) is cheaper.
LITERAL_LOOKUPS = 300
WORDS_ONLY = re.compile(r"(?:[^\W_]|\s)+")  # letters, digits and spaces: the words say it all


def literal_text(text: str) -> bool:
    """Whether a text filter needs the literal check besides its words."""
    return not WORDS_ONLY.fullmatch(text)


def like(text: str) -> str:
    """An ILIKE pattern (with ESCAPE '\\') that matches `text` literally anywhere."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# The rows of one key (two parameters: the key twice). The number `hkey` made from the key orders the table,
# so DuckDB's exact integer min/max skip every other key's row groups (migration 009); `key` rules out the
# rare other key with the same number.
KEY_IS = "hkey = event_key_hash(?) AND key = ?"

# Sort keys for paging merged events (columns of `hits`, see _hits), never NULL so that "rows after this key"
# (keyset paging) is exact.
EVENT_ORDERS: dict[str, tuple[tuple[str, str], ...]] = {
    "mentions": (("h.mentions", "DESC"), ("h.month", "ASC"), ("h.event_id", "ASC")),
    "date": (("coalesce(h.day, DATE '0001-01-01')", "DESC"), ("h.event_id", "ASC")),
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

    Give that key back as `after` for the next page: it is found without reading the rows before it
    (keyset paging), so page 10,000 costs what page 1 costs. The matching events come from one key of the
    `event_keys` index (docs/store.md), not from a scan of the events.
    """
    if not where.text and not _filter_keys(con, where, story_id):  # no key named: dates at most
        return _every_event_page(con, where, offset, order, after)
    hits, params, walkable = _hits(con, where, story_id)
    total = con.execute(f"SELECT count(*) FROM ({hits})", params).fetchone()[0]  # type: ignore[index]
    keys = EVENT_ORDERS[order]
    if order == "mentions" and walkable and total > WALK_FROM:
        found = _walk_mentions(con, hits, params, after, offset, where.limit)
    else:
        found = _sorted_page(con, hits, params, keys, after, offset, where.limit)
    items = _events_by_id(con, [row[0] for row in found])
    last = list(found[-1][1:]) if found else None
    return total, items, last


def _sorted_page(
    con: duckdb.DuckDBPyConnection,
    hits: str,
    params: list[Any],
    keys: tuple[tuple[str, str], ...],
    after: list[Any] | None,
    offset: int,
    limit: int,
) -> list[tuple[Any, ...]]:
    """The page's rows (event_id, then its sort key) of all the matching rows sorted in page order."""
    condition, after_params = "true", []
    if after is not None:
        condition = _after(keys)
        after_params = [value for i in range(len(keys)) for value in after[: i + 1]]
    key_columns = ", ".join(f"{expression} AS _key{i}" for i, (expression, _) in enumerate(keys))
    sql = f"""WITH h AS ({hits}) SELECT h.event_id, {key_columns} FROM h WHERE {condition}
              ORDER BY {", ".join(f"{expression} {direction}" for expression, direction in keys)} LIMIT ? OFFSET ?"""
    return con.execute(sql, [*params, *after_params, limit, offset]).fetchall()


def _events_by_id(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Row]:
    """The events with these ids, in this order, in one statement.

    DuckDB answers an `IN` list of constants written in the SQL with point lookups in the index on
    `event_id` (3 ms for 50 among 3 M); the same list as parameters, or a join on the ids, reads every event id
    of the table (70 ms there, 4 ms per million rows)."""
    if not ids:
        return []
    sql = f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE event_id IN ({sql_strings(ids)})"
    found = {row["event_id"]: row for row in _rows(con.execute(sql))}
    return [found[event_id] for event_id in ids if event_id in found]


def sql_strings(values: list[str]) -> str:
    """SQL string constants for these values, comma-separated (a quote doubled: a value stays one constant)."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _hits(con: duckdb.DuckDBPyConnection, where: EventFilter, story_id: str | None) -> tuple[str, list[Any], bool]:
    """SQL of the events matching every filter, as rows (event_id, mentions, month, day), its parameters, and
    whether they are the rows of one key of the index in its order (then a page can walk them: _walk_mentions).

    A text with more than words ("50%") is also tested literally, on the events its words (and the other
    filters) leave: their texts are fetched by id through the indexes on `event_id`, not scanned."""
    sql, params = _candidates(con, where, story_id)
    if not (where.text and literal_text(where.text)):
        return sql, params, bool(_filter_keys(con, where, story_id))
    ids = [
        row[0] for row in con.execute(f"SELECT event_id FROM ({sql}) LIMIT {LITERAL_LOOKUPS + 1}", params).fetchall()
    ]
    if len(ids) > LITERAL_LOOKUPS:  # too many to fetch one by one (common words, no word): read every text
        scan = f"SELECT event_id FROM ({sql}) WHERE event_id IN {LITERAL}"
        matches = [row[0] for row in con.execute(scan, [*params, where.text, where.text]).fetchall()]
    else:
        matches = _literal_matches(con, ids, where.text)
    # The matches as a list: the page and its total (two statements) do not test the texts again.
    return f"SELECT * FROM ({sql}) WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [*params, matches], False


def _literal_matches(con: duckdb.DuckDBPyConnection, ids: list[str], text: str) -> list[str]:
    """Those of these events whose merged text or some mention's evidence contains `text` literally."""
    if not ids:
        return []
    constants = sql_strings(ids)
    found = con.execute(
        f"""SELECT event_id FROM events WHERE event_id IN ({constants}) AND contains(lower(text), lower(?))
            UNION SELECT event_id FROM event_mentions WHERE event_id IN ({constants})
                                                    AND contains(lower(evidence_text), lower(?))""",
        [text, text],
    ).fetchall()
    return [row[0] for row in found]


def _candidates(con: duckdb.DuckDBPyConnection, where: EventFilter, story_id: str | None) -> tuple[str, list[Any]]:
    """The events matching every filter but a text's literal test, as `_hits` gives them.

    The rows of the most selective key are read (the table is ordered by key, so only that key's row groups);
    quad, type and dates are tested on those rows, other keys by a semi-join on their own rows."""
    keys = _filter_keys(con, where, story_id)
    tests: list[str] = []
    params: list[Any] = []
    for column, value in (("quad", where.quad), ("type", _upper(where.type))):
        if value:
            tests.append(f"k.{column} = ?")
            params.append(value)
    for test, day in (("k.day >= ?", where.since), ("k.day <= ?", where.until)):
        if day:
            tests.append(test)
            params.append(day)
    if not keys:  # no key: every event is a candidate (one row each in `events`)
        source = """(SELECT event_id, coalesce(num_mentions, 0) AS mentions, coalesce(month, DATE '9999-12-31')
                     AS month, coalesce(TRY_CAST(date AS DATE), month) AS day, quad, type FROM events)"""
        return (
            f"SELECT k.event_id, k.mentions, k.month, k.day FROM {source} k WHERE {' AND '.join(tests) or 'true'}",
            params,
        )
    driver, *others = _by_size(con, keys)
    tests += [f"k.event_id IN (SELECT event_id FROM event_keys WHERE {KEY_IS})"] * len(others)
    return _key_rows(driver, tests, [*params, *(key for other in others for key in (other, other))])


def _key_rows(key: str, tests: list[str], params: list[Any]) -> tuple[str, list[Any]]:
    """The rows (event_id, mentions, month, day) of one key that pass these tests (on `k`, the key's rows)."""
    sql = f"SELECT k.event_id, k.mentions, k.month, k.day FROM event_keys k WHERE {KEY_IS}"
    return " AND ".join([sql, *tests]), [key, key, *params]


def _filter_keys(con: duckdb.DuckDBPyConnection, where: EventFilter, story_id: str | None) -> list[str]:
    """The index keys the filters name: each event that matches has a row under every one of them."""
    keys = []
    if where.source and where.target:
        keys.append(f"d:{where.source}>{where.target}")
    elif where.source or where.target:
        keys.append(f"s:{where.source}" if where.source else f"t:{where.target}")
    if where.actor:
        keys.append(f"a:{where.actor}")
    if where.place:
        keys.append(_scalar(con, "SELECT 'p:' || lower(?)", where.place))  # lower case as the index has it
    if story_id:
        keys.append(f"r:{story_id}")
    if where.text:
        keys += [f"w:{word}" for word in event_keys.words(con, where.text)]
    if not keys:  # a type or quad alone: their own key
        if where.type:
            keys.append(f"y:{where.type.upper()}")
        elif where.quad:
            keys.append(f"q:{where.quad}")
    return keys


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, *values: Any) -> Any:
    found = con.execute(sql, list(values)).fetchone()
    return found[0] if found else None


def _by_size(con: duckdb.DuckDBPyConnection, keys: list[str]) -> list[str]:
    """The keys, fewest rows first (one count per key: each reads only its own row groups)."""
    if len(keys) == 1:
        return keys
    sizes = {key: _scalar(con, f"SELECT count(*) FROM event_keys WHERE {KEY_IS}", key, key) for key in keys}
    return sorted(keys, key=lambda key: sizes[key])


def _after(keys: tuple[tuple[str, str], ...]) -> str:
    """Rows strictly after a key in this order: k0 beyond v0, or k0 = v0 and k1 beyond v1, and so on."""
    alternatives = []
    for i, (expression, direction) in enumerate(keys):
        equal = [f"{keys[j][0]} = ?" for j in range(i)]
        alternatives.append("(" + " AND ".join([*equal, f"{expression} {'<' if direction == 'DESC' else '>'} ?"]) + ")")
    return "(" + " OR ".join(alternatives) + ")"


# -- pages that walk the index in page order (docs/store.md, "Pages without a filter key") -----------------------
WALK_FROM = 20_000  # matching rows past which a page of one key walks windows of them instead of sorting them all
EVERY_EVENT = "e:"  # the key every event has (migration 011)
MONTHS_MAX = 36  # a date range of more months reads the rows of every event and tests their days
FIRST_MONTH = dt.date(1, 1, 1)
LAST_MONTH = dt.date(9999, 12, 1)  # months from here on are unbounded windows (undated events: 9999-12-31)


def _walk_mentions(
    con: duckdb.DuckDBPyConnection, hits: str, params: list[Any], after: list[Any] | None, offset: int, limit: int
) -> list[tuple[Any, ...]]:
    """A page of one key's rows in the default order (mentions DESC, month, event_id) without sorting them all.

    The key's rows lie in the table in that order (event_keys is ordered by key, then mentions and month), so a
    window of one mentions level and a span of months is a few row groups that DuckDB's min/max find. The page
    reads windows from the cursor's place (or the top level's first month) onwards, each four times as many
    months as the one before, and goes to the next lower level when a level ends; an offset skips whole
    windows by counting them. No step reads all of the key's rows (`_next_level`, `_first_window_end`)."""
    keys = EVENT_ORDERS["mentions"]
    condition, after_params = ("true", []) if after is None else (_after(keys), _after_params(keys, after))
    level = after[0] if after else _next_level(con, hits, params, None)
    start: dt.date = after[1] if after else FIRST_MONTH
    rows: list[tuple[Any, ...]] = []
    months, skip = 1, offset
    while level is not None and len(rows) < limit:
        stop = _first_window_end(con, hits, params, level) if start == FIRST_MONTH else _months_later(start, months)
        window = f"""SELECT h.event_id, h.mentions, h.month, h.event_id FROM ({hits}) h
                     WHERE h.mentions = ? AND h.month >= ? {"AND h.month < ?" if stop else ""} AND {condition}"""
        window_params = [*params, level, start, *([stop] if stop else []), *after_params]
        taken = 0
        if skip:
            count = _scalar(con, f"SELECT count(*) FROM ({window})", *window_params)
            skip, taken = (skip - count, -1) if count <= skip else (0, skip)
        if taken >= 0:
            rows += con.execute(
                f"{window} ORDER BY h.month, h.event_id LIMIT ? OFFSET ?", [*window_params, limit - len(rows), taken]
            ).fetchall()
        start, months = stop or FIRST_MONTH, months * 4
        if stop is None:  # the level is done: the next lower one
            level, months = _next_level(con, hits, params, level), 1
    return rows


def _next_level(con: duckdb.DuckDBPyConnection, hits: str, params: list[Any], below: int | None) -> int | None:
    """The highest mentions level of these rows (below `below`). The first such row in table order has it when
    the key's rows are in order; rows appended since the table was last ordered are looked for above it, in
    the few row groups whose range reaches above it."""
    under = "" if below is None else "WHERE mentions < ?"
    under_params = [] if below is None else [below]
    guess = _scalar(con, f"SELECT mentions FROM ({hits}) {under} LIMIT 1", *params, *under_params)
    if guess is None:
        return None
    above = _scalar(
        con,
        f"SELECT max(mentions) FROM ({hits}) WHERE mentions > ? {under.replace('WHERE', 'AND')}",
        *params,
        guess,
        *under_params,
    )
    return int(above if above is not None else guess)


def _first_window_end(con: duckdb.DuckDBPyConnection, hits: str, params: list[Any], level: int) -> dt.date | None:
    """Where a level's first window ends: a month after the first row of the level in table order (its first
    month when the rows are in order). The window starts at FIRST_MONTH, so it is exact either way."""
    month = _scalar(con, f"SELECT month FROM ({hits}) WHERE mentions = ? LIMIT 1", *params, level)
    return _months_later(month, 1) if month else None


def _months_later(month: dt.date, months: int) -> dt.date | None:
    """The first day of the month `months` after `month`'s, or None past LAST_MONTH (an unbounded window)."""
    index = month.year * 12 + month.month - 1 + months
    if index >= LAST_MONTH.year * 12 + LAST_MONTH.month - 1:
        return None
    return dt.date(index // 12, index % 12 + 1, 1)


def _after_params(keys: tuple[tuple[str, str], ...], after: list[Any]) -> list[Any]:
    return [value for i in range(len(keys)) for value in after[: i + 1]]


def _every_event_page(
    con: duckdb.DuckDBPyConnection, where: EventFilter, offset: int, order: str, after: list[Any] | None
) -> tuple[int, list[Row], list[Any] | None]:
    """A page when no filter names a key (no filter, or dates only): from the month keys of the range (`m:`) or
    the every-event key (`e:`), never a scan of the events."""
    tests, params = _day_tests(where)
    if not tests and order == "mentions":  # every event, in the order its key's rows lie in
        hits, hits_params = _key_rows(EVERY_EVENT, [], [])
        found = _walk_mentions(con, hits, hits_params, after, offset, where.limit)
        items = _events_by_id(con, [row[0] for row in found])
        return _scalar(con, "SELECT count(*) FROM events"), items, list(found[-1][1:]) if found else None
    months = _months(con, where)
    if not months:  # no event, or none in the range
        return 0, [], None
    if not tests:
        total = _scalar(con, "SELECT count(*) FROM events")
    else:
        union = " UNION ALL ".join(_key_rows(m, tests, params)[0] for m in months)
        union_params = [x for m in months for x in _key_rows(m, tests, params)[1]]
        total = _scalar(con, f"SELECT count(*) FROM ({union})", *union_params)
    if order == "date":
        found = _walk_months(con, months, tests, params, after, offset, where.limit)
    elif tests and len(months) <= MONTHS_MAX:
        union = " UNION ALL ".join(_key_rows(m, tests, params)[0] for m in months)
        union_params = [x for m in months for x in _key_rows(m, tests, params)[1]]
        found = _sorted_page(con, union, union_params, EVENT_ORDERS["mentions"], after, offset, where.limit)
    else:
        hits, hits_params = _key_rows(EVERY_EVENT, tests, params)
        found = _walk_mentions(con, hits, hits_params, after, offset, where.limit)
    items = _events_by_id(con, [row[0] for row in found])
    return total, items, list(found[-1][1:]) if found else None


def _day_tests(where: EventFilter) -> tuple[list[str], list[Any]]:
    tests, params = [], []
    for test, day in (("k.day >= ?", where.since), ("k.day <= ?", where.until)):
        if day:
            tests.append(test)
            params.append(day)
    return tests, params


def _months(con: duckdb.DuckDBPyConnection, where: EventFilter) -> list[str]:
    """The month keys of the filter's range, newest first, and the undated events' key when no range is given.
    An open end is closed by the first or last day of the index (`event_keys_state`, migration 012)."""
    first, last = where.since, where.until
    if first is None or last is None:
        bounds = con.execute("SELECT first_day, last_day FROM event_keys_state").fetchone()
        if not bounds or bounds[0] is None:
            return []
        first, last = first or bounds[0], last or bounds[1]
    keys = []
    index, stop = last.year * 12 + last.month - 1, first.year * 12 + first.month - 1
    while index >= stop:
        keys.append(f"m:{index // 12:04d}-{index % 12 + 1:02d}")
        index -= 1
    return keys if where.since or where.until else [*keys, "m:-"]


def _walk_months(
    con: duckdb.DuckDBPyConnection,
    months: list[str],
    tests: list[str],
    params: list[Any],
    after: list[Any] | None,
    offset: int,
    limit: int,
) -> list[tuple[Any, ...]]:
    """A page in date order (newest day first), month key by month key, from the cursor's month on."""
    keys = EVENT_ORDERS["date"]
    condition, after_params = ("true", []) if after is None else (_after(keys), _after_params(keys, after))
    if after is not None:  # the months before the cursor's hold no row after it
        day = after[0]
        cursor_key = "m:-" if day == dt.date(1, 1, 1) else f"m:{day.year:04d}-{day.month:02d}"
        months = months[months.index(cursor_key) :] if cursor_key in months else months
    rows: list[tuple[Any, ...]] = []
    skip = offset
    for month in months:
        if len(rows) >= limit:
            break
        sql, key_params = _key_rows(month, tests, params)
        page = f"""SELECT h.event_id, coalesce(h.day, DATE '0001-01-01'), h.event_id FROM ({sql}) h
                   WHERE {condition}"""
        page_params = [*key_params, *after_params]
        if skip:
            count = _scalar(con, f"SELECT count(*) FROM ({page})", *page_params)
            if count <= skip:
                skip -= count
                continue
        rows += con.execute(
            f"{page} ORDER BY 2 DESC, h.event_id LIMIT ? OFFSET ?", [*page_params, limit - len(rows), skip]
        ).fetchall()
        skip = 0
    return rows
