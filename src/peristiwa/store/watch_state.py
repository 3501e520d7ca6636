"""What the watcher remembers, in the database: each source's poll state and each article URL it has seen.

Plain functions on a read-write connection, so that whoever owns the database (the watcher itself, or the
server it runs in) runs them; each one is a single statement or its own transaction. Times are UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from peristiwa.store.bulk import Keys

ERROR_CHARS = 500  # a stored error message is cut here: it is for people, and a page may echo anything
MAX_TRIES = 3  # polls in which a page that failed for a passing reason (timeout, 5xx) is tried before giving up


@dataclass(frozen=True, slots=True)
class SourceState:
    url: str
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: dt.datetime | None = None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def add_sources(con: duckdb.DuckDBPyConnection, urls: Iterable[str], now: dt.datetime) -> None:
    """Register sources (new ones are due at once); known ones keep their state."""
    rows = [(url, now) for url in dict.fromkeys(urls)]
    if rows:
        con.executemany(
            "INSERT INTO watch_sources (url, added, next_poll, failures, articles) VALUES (?, ?, ?, 0, 0) "
            "ON CONFLICT DO NOTHING",
            [(url, added, added) for url, added in rows],
        )


def source_states(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> dict[str, SourceState]:
    found = con.execute(
        "SELECT url, kind, etag, last_modified, failures, next_poll FROM watch_sources "
        "WHERE url IN (SELECT unnest(?::VARCHAR[]))",
        [list(urls)],
    ).fetchall()
    return {row[0]: SourceState(row[0], row[1], row[2], row[3], row[4] or 0, row[5]) for row in found}


def record_success(
    con: duckdb.DuckDBPyConnection,
    state: SourceState,
    now: dt.datetime,
    next_poll: dt.datetime,
) -> None:
    """A poll that worked (a 304 counts): validators kept for the next conditional GET, failures reset."""
    con.execute(
        """UPDATE watch_sources SET kind = coalesce(?, kind), etag = ?, last_modified = ?, last_poll = ?,
               last_success = ?, failures = 0, next_poll = ? WHERE url = ?""",
        [state.kind, state.etag, state.last_modified, now, now, next_poll, state.url],
    )


def record_failure(
    con: duckdb.DuckDBPyConnection, url: str, error: str, now: dt.datetime, next_poll: dt.datetime
) -> None:
    con.execute(
        """UPDATE watch_sources SET last_poll = ?, last_error = ?, last_error_at = ?,
               failures = coalesce(failures, 0) + 1, next_poll = ? WHERE url = ?""",
        [now, error[:ERROR_CHARS], now, next_poll, url],
    )


def unseen(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> list[str]:
    """The URLs (in the given order, each once) that were never stored nor given up on."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return []
    with Keys(con, ["url"], [(u,) for u in wanted]) as keys:
        seen = {
            r[0]
            for r in con.execute(
                f"SELECT w.url FROM watch_urls w JOIN {keys} k ON w.url = k.url WHERE w.status <> 'retry'"
            ).fetchall()
        }
    return [u for u in wanted if u not in seen]


@dataclass(frozen=True, slots=True)
class UrlOutcome:
    url: str
    source: str
    article_id: str | None  # stored under this content id; None when the page gave no article
    error: str | None = None
    passing: bool = False  # the error may pass (timeout, 5xx): the page is tried again in the next polls

    @property
    def status(self) -> str:
        return "stored" if self.article_id else "retry" if self.passing else "failed"


def mark_urls(con: duckdb.DuckDBPyConnection, outcomes: Sequence[UrlOutcome], now: dt.datetime) -> None:
    """Remember fetched URLs, and count stored articles per source, in one transaction.

    A URL waiting for another try ('retry') is updated; after MAX_TRIES failed polls it is given up on."""
    if not outcomes:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.executemany(
            """INSERT INTO watch_urls (url, source, first_seen, status, article_id, error, attempts)
               VALUES (?, ?, ?, ?, ?, ?, 1)
               ON CONFLICT (url) DO UPDATE SET
                   status = CASE WHEN excluded.status = 'retry' AND watch_urls.attempts + 1 >= ?
                                 THEN 'failed' ELSE excluded.status END,
                   article_id = excluded.article_id, error = excluded.error, attempts = watch_urls.attempts + 1
               WHERE watch_urls.status = 'retry'""",
            [(o.url, o.source, now, o.status, o.article_id, _cut(o.error), MAX_TRIES) for o in outcomes],
        )
        per_source: dict[str, int] = {}
        for outcome in outcomes:
            if outcome.article_id:
                per_source[outcome.source] = per_source.get(outcome.source, 0) + 1
        if per_source:
            con.executemany(
                "UPDATE watch_sources SET articles = coalesce(articles, 0) + ? WHERE url = ?",
                [(count, source) for source, count in per_source.items()],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _cut(error: str | None) -> str | None:
    return error[:ERROR_CHARS] if error else None


def status(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every source with its state, for `peristiwa watch --status` and `GET /v1/feeds`."""
    cursor = con.execute(
        """SELECT url, kind, added, last_poll, last_success, last_error, last_error_at, failures, next_poll, articles,
                  (SELECT count(*) FROM watch_urls w WHERE w.source = s.url AND w.status = 'failed') AS failed_pages
           FROM watch_sources s ORDER BY url"""
    )
    names = [d[0] for d in cursor.description or []]
    return [
        {k: v.isoformat() + "Z" if isinstance(v, dt.datetime) else v for k, v in zip(names, row, strict=True)}
        for row in cursor.fetchall()
    ]
