"""The Python API over the event database: what the CLI and the REST API call.

from peristiwa.api import Peristiwa
db = Peristiwa("news.duckdb")
db.ingest(["articles/"])
db.events(actor="RUS", type="ACCUSE")
db.dyad_timeline("RUS", "UKR")
db.export("parquet", "events.parquet")
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peristiwa.errors import InputError
from peristiwa.model import to_record
from peristiwa.settings import Settings
from peristiwa.stages.ingest import OnSkip, RawArticle, article_id, read_inputs
from peristiwa.store import export as exporter
from peristiwa.store import filters, queries
from peristiwa.store.connection import DEFAULT_DB, DEFAULT_WAIT, connect, connection
from peristiwa.store.errors import BadFilter
from peristiwa.store.linking import LinkOptions
from peristiwa.store.read_route import served_query
from peristiwa.store.route import WriteRoute
from peristiwa.store.rows import Record
from peristiwa.store.sidecar import live_server
from peristiwa.store.writer import WriteReport

if TYPE_CHECKING:  # the pipeline loads models: imported when something is new, not with the API
    from peristiwa.pipeline import Pipeline

__all__ = ["DEFAULT_DB", "IngestReport", "Peristiwa", "export", "ingest", "query"]

DEFAULT_BATCH = 100


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    batches: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def add(self, written: WriteReport) -> None:
        self.added += written.added
        self.replaced += written.replaced
        self.skipped += written.skipped
        self.events += written.events
        self.batches += 1

    def summary(self) -> str:
        return (
            f"{self.added} article(s) stored, {self.replaced} replaced, {self.skipped} unchanged, "
            f"{self.failed} input(s) failed; {self.events} merged event(s) rebuilt in {self.batches} "
            f"batch(es), {self.seconds:.1f}s"
        )


class Peristiwa:
    """One event database file. Writes go in batches, each its own transaction; reads are read-only."""

    def __init__(
        self,
        db: Path | str = DEFAULT_DB,
        settings: Settings | None = None,
        options: LinkOptions | None = None,
        wait: float = DEFAULT_WAIT,
        keep_open: bool = False,
        token: str | None = None,
    ) -> None:
        self.db = Path(db)
        self.token = token  # the write token of a server that owns the file (docs/store.md)
        self.settings = settings or Settings()
        self.options = options or LinkOptions()
        self.wait = wait
        self.keep_open = keep_open
        self._reader: Any = None

    # -- writing -----------------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str],
        batch_size: int = DEFAULT_BATCH,
        on_error: Callable[[InputError], None] | None = None,
        on_batch: Callable[[WriteReport], None] | None = None,
        on_skip: OnSkip | None = None,
    ) -> IngestReport:
        """Run the pipeline on every new article in `paths` and store the results batch by batch.

        Each batch goes to the server that owns the file when one runs, else into the file (store/route.py)."""
        started = time.perf_counter()
        report = IngestReport()
        route = self._route()
        settings = route.with_overlay(self.settings)
        pipeline = None
        for raws in self._new_articles(paths, route, batch_size, report, on_error, on_skip):
            if pipeline is None:
                from peristiwa.pipeline import Pipeline  # loads models: only when something is new

                pipeline = Pipeline(settings)
            records = [r for raw in raws if (r := _extracted(pipeline, raw, report, on_error)) is not None]
            self._write(route, records, report, on_batch)
        report.seconds = time.perf_counter() - started
        return report

    def ingest_records(
        self,
        records: Iterable[Record],
        batch_size: int = DEFAULT_BATCH,
        on_batch: Callable[[WriteReport], None] | None = None,
    ) -> IngestReport:
        """Store records that `peristiwa extract` already produced."""
        started = time.perf_counter()
        report = IngestReport()
        route = self._route()
        for batch in _batches(iter(records), batch_size):
            self._write(route, batch, report, on_batch)
        report.seconds = time.perf_counter() - started
        return report

    def _route(self) -> WriteRoute:
        return WriteRoute(self.db, self.token, self.settings, self.options)

    def _new_articles(
        self,
        paths: Iterable[str],
        route: WriteRoute,
        batch_size: int,
        report: IngestReport,
        on_error: Callable[[InputError], None] | None,
        on_skip: OnSkip | None = None,
    ) -> Iterator[list[RawArticle]]:
        """Batches of the articles whose content is not stored yet (asked per batch, of the file or its server)."""
        seen: set[str] = set()
        for items in _batches(iter(read_inputs(paths, self.settings.max_bytes, on_skip)), batch_size):
            raws = [item for item in items if not isinstance(item, InputError)]
            for item in items:
                if isinstance(item, InputError):
                    _failed(item, report, on_error)
            ids = [article_id(raw.text) for raw in raws]
            known = route.known_ids(ids) | seen
            fresh = [raw for raw, i in zip(raws, ids, strict=True) if i not in known]
            report.skipped += len(raws) - len(fresh)  # same content already stored: no pipeline run
            seen.update(ids)
            if fresh:
                yield fresh

    def _write(
        self,
        route: WriteRoute,
        records: list[Record],
        report: IngestReport,
        on_batch: Callable[[WriteReport], None] | None,
    ) -> None:
        written = route.store_records(records)
        report.add(written)
        if on_batch:
            on_batch(written)

    # -- reading -----------------------------------------------------------------------------------------
    def _read(self, run: Callable[[Any], Any]) -> Any:
        if self.keep_open:  # a server or a notebook: one read-only connection for many queries
            if self._reader is None:
                self._reader = connect(self.db, read_only=True, wait=self.wait)
            return run(self._reader)
        with connection(self.db, read_only=True, wait=self.wait) as con:
            return run(con)

    def close(self) -> None:
        """Release the kept read connection, so that an ingest can take the file."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def events(
        self,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        type: str | None = None,
        quad: str | None = None,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        text: str | None = None,
        limit: int = 100,
        place: str | None = None,
    ) -> list[dict[str, Any]]:
        where = filters.event_filter(actor, source, target, type, quad, since, until, text, limit, place=place)
        return self._read(lambda con: queries.events(con, where))  # type: ignore[no-any-return]

    def dyad_timeline(self, source: str, target: str, both: bool = False) -> list[dict[str, Any]]:
        """Events per month and quad from `source` to `target`; BadQuery when either actor is unknown."""
        a, b = _required_code("source", source), _required_code("target", target)
        return self._read(lambda con: queries.dyad_timeline(con, a, b, both))  # type: ignore[no-any-return]

    def actor(self, code: str) -> dict[str, Any]:
        """An actor's profile; BadQuery when no event or entity in the database has its code."""
        known = _required_code("actor", code)
        return self._read(lambda con: queries.actor_profile(con, known))  # type: ignore[no-any-return]

    def quotes(self, speaker: str, limit: int = 100) -> list[dict[str, Any]]:
        most = filters.limit_of(limit)
        return self._read(lambda con: queries.quotes(con, speaker, most))  # type: ignore[no-any-return]

    def story(self, story_id: str) -> dict[str, Any]:
        return self._read(lambda con: queries.story(con, story_id))  # type: ignore[no-any-return]

    def stories(self, limit: int = 100) -> list[dict[str, Any]]:
        most = filters.limit_of(limit)
        return self._read(lambda con: queries.stories(con, most))  # type: ignore[no-any-return]

    def counts(self) -> dict[str, Any]:
        return self._read(queries.counts)  # type: ignore[no-any-return]

    def export(self, fmt: str, out: Path | str, force: bool = False) -> int:
        return self._read(lambda con: exporter.export(con, fmt, out, force))  # type: ignore[no-any-return]


def _extracted(
    pipeline: Pipeline, raw: RawArticle, report: IngestReport, on_error: Callable[[InputError], None] | None
) -> Record | None:
    """The record of one article, or None (counted as failed) when it holds no article body."""
    try:
        return to_record(pipeline.extract(raw))
    except InputError as error:
        _failed(error, report, on_error)
        return None


def _failed(error: InputError, report: IngestReport, on_error: Callable[[InputError], None] | None) -> None:
    report.failed += 1
    report.errors.append(str(error))
    if on_error:
        on_error(error)


def _required_code(name: str, value: str) -> str:
    code = filters.actor_code(name, value)
    if code is None:
        raise BadFilter(name, "give an actor code, such as RUS, IDN, NATO")
    return code


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(islice(items, size)):
        yield batch


# -- module-level shortcuts (what the CLI calls) -------------------------------------------------------------
QUERIES = ("events", "actor", "dyad", "quotes", "story", "stories", "counts")


def ingest(
    paths: Iterable[str],
    db: Path | str = DEFAULT_DB,
    batch_size: int = DEFAULT_BATCH,
    settings: Settings | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_skip: OnSkip | None = None,
    token: str | None = None,
) -> IngestReport:
    return Peristiwa(db, settings, token=token).ingest(paths, batch_size, on_error, on_skip=on_skip)


def query(db: Path | str, what: str, **options: Any) -> list[dict[str, Any]]:
    """Run one named query; always a list of JSON-ready rows (a profile or story is one row). When a running
    server owns the file (nothing else can open it then), the server answers it (store/read_route.py)."""
    served = live_server(Path(db))
    if served is not None:
        return served_query(served, what, options)
    store = Peristiwa(db)
    if what == "dyad":
        return store.dyad_timeline(options["source"], options["target"], options.get("both", False))
    if what in ("actor", "story"):
        method = store.actor if what == "actor" else store.story
        return [method(options["id"])]
    if what == "counts":
        return [store.counts()]
    return getattr(store, what)(**options)  # type: ignore[no-any-return]


def export(db: Path | str, fmt: str, out: Path | str, force: bool = False) -> int:
    return Peristiwa(db).export(fmt, out, force)
