"""The watcher: poll each source when it is due, fetch the article pages it lists that were never seen, run
them through the pipeline, store them, and remember what was done.

Crash safety comes from the order of the writes. Articles are stored first (idempotent by content id), then
their URLs are marked seen, then the source's validators (ETag, Last-Modified) are saved. A `kill -9` between
any two steps makes the next run redo the source: pages already stored are recognised by their content id
and only marked, so nothing is lost and nothing is stored twice.

Where the database lives is not the watcher's business: it is given a `Database`, whose `store` is the one
write path for processed articles (today `Peristiwa.ingest_records`; inside the server, the server's writer).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import duckdb

from peristiwa.errors import InputError
from peristiwa.model import Source
from peristiwa.stages.ingest import RawArticle, article_id
from peristiwa.stages.ingest.decode import NotTextError, charset_of, decode_bytes
from peristiwa.stages.ingest.readers import read_html
from peristiwa.store import watch_state, watchlists
from peristiwa.store.rows import Record
from peristiwa.store.watch_state import SourceState, UrlOutcome, utc_now
from peristiwa.watch.fetch import Fetched, Fetcher, FetchError, FetchOptions
from peristiwa.watch.sources import Listing, ListingError, read_listing

T = TypeVar("T")
DEFAULT_INTERVAL = 30.0  # seconds between two polls of one source: a new item is stored within a minute
MAX_BACKOFF = 3600.0  # a failing source is polled at most this far apart
MAX_PAGES = 50  # new pages fetched per source and poll; the rest come in the next polls


class Database(Protocol):
    """The database as the watcher uses it: small state writes, and the one write path for articles."""

    def run(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run `work` on a read-write connection."""
        ...

    def read(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run `work`, which only reads (inside a server: between writes, on a cursor of its own)."""
        ...

    def store(self, records: list[Record]) -> list[str]:
        """Store processed articles (one batch, one transaction); return the ids that were new."""
        ...


Extract = Callable[[RawArticle], Record]  # the pipeline: raw article in, record out (InputError when none)
Log = Callable[[str], None]
StateUpdate = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass(frozen=True, slots=True)
class WatchOptions:
    interval: float = DEFAULT_INTERVAL
    max_backoff: float = MAX_BACKOFF
    max_pages: int = MAX_PAGES
    concurrency: int = 4  # pages fetched at once (one at a time per host still)
    fetch: FetchOptions = field(default_factory=FetchOptions)


@dataclass(slots=True)
class PollReport:
    sources: int = 0
    failed_sources: int = 0
    pages: int = 0
    stored: int = 0
    known: int = 0  # pages whose content was already stored (another URL, or a restart)
    failed_pages: int = 0
    alerts: int = 0
    added_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.sources} source(s) polled ({self.failed_sources} failed), {self.pages} new page(s): "
            f"{self.stored} article(s) stored, {self.known} already stored, {self.failed_pages} failed; "
            f"{self.alerts} alert(s)"
        )


@dataclass(slots=True)
class _Page:
    url: str
    raw: RawArticle | None = None
    error: str | None = None
    lasting: bool = True  # False: worth another try in a later poll


class Watcher:
    def __init__(
        self,
        db: Database,
        extract: Extract,
        options: WatchOptions | None = None,
        log: Log | None = None,
        on_alerts: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.extract = extract
        self.options = options or WatchOptions()
        self.log = log or (lambda _: None)
        self.on_alerts = on_alerts or (lambda: None)
        self.fetcher = Fetcher(self.options.fetch)
        self._pool = ThreadPoolExecutor(max_workers=self.options.concurrency, thread_name_prefix="peristiwa-fetch")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.fetcher.close()

    def add(self, urls: Sequence[str]) -> None:
        now = utc_now()
        self.db.run(lambda con: watch_state.add_sources(con, urls, now))

    # -- polling --------------------------------------------------------------------------------------------
    def poll(self, urls: Sequence[str] | None = None) -> PollReport:
        """Poll `urls` (default: every source that is due) once each."""
        now = utc_now()
        wanted = list(urls) if urls is not None else self.due(now)
        states = self.db.read(lambda con: watch_state.source_states(con, wanted))
        report = PollReport()
        listings = self._pool.map(lambda url: self._listing(states.get(url) or SourceState(url)), wanted)
        updates: list[StateUpdate] = []
        for url, listed in zip(wanted, listings, strict=True):
            report.sources += 1
            updates.append(self._handle(states.get(url) or SourceState(url), listed, report))
        # The sources' states (validators, next poll) in one transaction at the end, after every page of theirs
        # is stored and marked: a crash before it only makes the next poll read those sources whole.
        if updates:
            self.db.run(lambda con: _apply(con, updates))
        return report

    def sources(self) -> list[str]:
        rows = self.db.read(lambda con: con.execute("SELECT url FROM watch_sources ORDER BY url").fetchall())
        return [r[0] for r in rows]

    def due(self, now: dt.datetime) -> list[str]:
        rows = self.db.read(
            lambda con: con.execute(
                "SELECT url FROM watch_sources WHERE next_poll IS NULL OR next_poll <= ? ORDER BY next_poll, url",
                [now],
            ).fetchall()
        )
        return [r[0] for r in rows]

    def seconds_to_next(self) -> float:
        row = self.db.read(lambda con: con.execute("SELECT min(next_poll) FROM watch_sources").fetchone())
        if not row or row[0] is None:
            return self.options.interval
        return max(0.0, (row[0] - utc_now()).total_seconds())

    def run(self, stop: threading.Event, urls: Sequence[str] = ()) -> None:
        """Poll whatever is due until `stop` is set; a failing poll is logged and the loop goes on."""
        if urls:
            self.add(urls)
        while not stop.is_set():
            try:
                report = self.poll()
                if report.pages or report.failed_sources:
                    self.log(report.summary())
                pause = self.seconds_to_next()
            except Exception as error:  # noqa: BLE001 - the watcher outlives a bad poll (a locked file …)
                self.log(f"error: the poll failed ({type(error).__name__}: {error}); trying again")
                pause = self.options.interval
            stop.wait(min(max(pause, 0.2), self.options.interval))

    def _listing(self, state: SourceState) -> tuple[Fetched, Listing] | FetchError | ListingError:
        try:
            fetched = self.fetcher.get(state.url, state.etag, state.last_modified)
            if fetched.not_modified:
                return fetched, Listing(state.kind or "feed", ())
            listing = read_listing(fetched)
            if listing.kind == "sitemapindex":
                listing = self._sitemaps(listing)
            return fetched, listing
        except (FetchError, ListingError) as error:
            return error

    def _sitemaps(self, index: Listing) -> Listing:
        """The article URLs of an index's sitemaps (one level; a nested index is not followed)."""
        urls: list[str] = []
        for child in index.urls[:20]:
            try:
                found = read_listing(self.fetcher.get(child))
            except (FetchError, ListingError) as error:
                self.log(f"error: {child}: {error}")
                continue
            if found.kind == "sitemap":
                urls.extend(found.urls)
        return Listing("sitemap", tuple(dict.fromkeys(urls)))

    def _handle(
        self, state: SourceState, listed: tuple[Fetched, Listing] | FetchError | ListingError, report: PollReport
    ) -> StateUpdate:
        """Store the source's new pages; return the update of its state, for the end of the poll."""
        now = utc_now()
        if isinstance(listed, FetchError | ListingError):
            report.failed_sources += 1
            reason = listed.reason if isinstance(listed, FetchError) else str(listed)
            self.log(f"error: {state.url}: {reason}")
            wait = min(self.options.interval * 2 ** (state.failures + 1), self.options.max_backoff)
            return lambda con: watch_state.record_failure(con, state.url, reason, now, _after(now, wait))
        fetched, listing = listed
        pages = self._pages(state, fetched, listing)
        retry = self._process(state.url, pages, report)
        # Validators are kept only when every page was dealt with; otherwise the next poll reads the source whole.
        kept = SourceState(
            state.url,
            listing.kind,
            None if retry else fetched.etag or state.etag,
            None if retry else fetched.last_modified or state.last_modified,
        )
        return lambda con: watch_state.record_success(con, kept, now, _after(now, self.options.interval))

    def _pages(self, state: SourceState, fetched: Fetched, listing: Listing) -> list[_Page]:
        if listing.kind == "page":  # the source is an article: its content id tells a changed page from the same
            return [self._read_page(state.url, fetched)]
        new = self.db.read(lambda con: watch_state.unseen(con, listing.urls))[: self.options.max_pages]
        return list(self._pool.map(self._fetch_page, new))

    def _fetch_page(self, url: str) -> _Page:
        try:
            return self._read_page(url, self.fetcher.get(url))
        except FetchError as error:
            return _Page(url, error=error.reason, lasting=error.lasting)

    def _read_page(self, url: str, fetched: Fetched) -> _Page:
        try:
            text, encoding = decode_bytes(fetched.body, charset_of(fetched.content_type))
        except NotTextError as error:
            return _Page(url, error=str(error))
        hints: dict[str, Any] = {} if encoding.startswith("utf") else {"encoding": encoding}
        item = read_html(text, Source(url=url, format="html"), hints)
        if isinstance(item, InputError):
            return _Page(url, error=item.reason)
        return _Page(url, raw=item)

    def _process(self, source: str, pages: list[_Page], report: PollReport) -> bool:
        """Extract, store and mark the pages; return whether some are worth another try later."""
        records: list[Record] = []
        outcomes: list[UrlOutcome] = []
        known = self._known([article_id(p.raw.text) for p in pages if p.raw])
        recovered: list[str] = []  # stored before but their URL not marked: a restart after a crash, or a copy
        retry = False
        for page in pages:
            report.pages += 1
            if page.raw is not None and article_id(page.raw.text) in known:
                report.known += 1
                outcomes.append(UrlOutcome(page.url, source, article_id(page.raw.text)))
                recovered.append(article_id(page.raw.text))
                continue
            if page.raw is not None:
                try:
                    record = self.extract(page.raw)
                except InputError as error:
                    page.error = error.reason
                else:
                    records.append(record)
                    outcomes.append(UrlOutcome(page.url, source, record["id"]))
                    continue
            report.failed_pages += 1
            self.log(f"error: {page.url}: {page.error}")
            outcomes.append(UrlOutcome(page.url, source, None, page.error, passing=not page.lasting))
            retry = retry or not page.lasting
        added = self.db.store(records) if records else []
        report.stored += len(added)
        report.known += len(records) - len(added)
        report.added_ids.extend(added)
        now = utc_now()
        if outcomes:
            self.db.run(lambda con: watch_state.mark_urls(con, outcomes, now))
        # Alerts also for recovered articles: a crash may have come between storing them and raising their alerts
        # (an alert is raised once per watch list and event, so a copy raises nothing new).
        if added or recovered:
            raised = self.db.run(lambda con: watchlists.raise_alerts(con, [*added, *recovered], now))
            report.alerts += len(raised)
            if raised:
                self.on_alerts()
        return retry

    def _known(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.db.read(
            lambda con: con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            ).fetchall()
        )
        return {r[0] for r in rows}


def _apply(con: duckdb.DuckDBPyConnection, updates: list[StateUpdate]) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for update in updates:
            update(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _after(now: dt.datetime, seconds: float) -> dt.datetime:
    return now + dt.timedelta(seconds=seconds)
