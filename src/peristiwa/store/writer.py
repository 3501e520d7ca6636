"""Write batches of extract records into the database, one transaction per batch.

A batch either lands whole (articles, mentions, links, stories, merged events, aggregates) or not at
all, so a crash, a full disk or a kill leaves the database as the last committed batch left it; the
next run skips what is stored (by content id) and redoes the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from peristiwa.store import corrections, derive
from peristiwa.store.bulk import Keys, insert
from peristiwa.store.errors import WriteFailed
from peristiwa.store.linking import LinkOptions, find_links
from peristiwa.store.rows import COLUMNS, MENTION_TABLES, Record, record_rows, source_key
from peristiwa.stories.fingerprint import fingerprinter
from peristiwa.stories.ontology import plover_types

DERIVED_BY_ARTICLE = ("fingerprints", "lsh_bands", "article_keys")
_SIGNATURE = pa.list_(pa.uint32())


@dataclass(slots=True)
class WriteReport:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    events: int = 0  # merged events (re)built by the batch
    added_ids: list[str] = field(default_factory=list)

    def update(self, other: WriteReport) -> None:
        self.added += other.added
        self.replaced += other.replaced
        self.skipped += other.skipped
        self.events += other.events
        self.added_ids.extend(other.added_ids)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, where: str = "database") -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back (and explained) when it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException as error:
        _rollback(con)
        if isinstance(error, duckdb.Error | OSError):
            raise WriteFailed(
                where,
                f"the batch could not be written ({str(error).splitlines()[0]}); "
                "it was rolled back and earlier batches are intact: free disk space "
                "or fix the cause and run the same command again",
            ) from error
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # the transaction is already gone (the connection failed); nothing was committed


class Writer:
    """Turns records into rows; `write` stores one batch atomically."""

    def __init__(self, con: duckdb.DuckDBPyConnection, data_dir: Path, options: LinkOptions | None = None) -> None:
        self.con = con
        self.data_dir = data_dir
        self.options = options or LinkOptions()
        self.fingerprinter = fingerprinter(data_dir, self.options.dup_threshold)
        self.types = plover_types(data_dir)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        with Keys(self.con, ["id"], [(i,) for i in set(ids)]) as keys:
            return {
                r[0] for r in self.con.execute(f"SELECT a.id FROM articles a JOIN {keys} k ON a.id = k.id").fetchall()
            }

    def write(self, records: Sequence[Record], where: str = "database") -> WriteReport:
        with transaction(self.con, where):
            return self.store(records)

    def rewrite(self, records: Sequence[Record], where: str = "database") -> WriteReport:
        """Replace stored articles by new records with the same ids (re-coded with changed knowledge), in one
        transaction; their stories and merged events are rebuilt."""
        with transaction(self.con, where):
            return self.replace(records)

    def replace(self, records: Sequence[Record]) -> WriteReport:
        """`rewrite` inside the transaction the caller holds (the server's writer holds one per job)."""
        ids = [r["id"] for r in records]
        with Keys(self.con, ["id"], [(i,) for i in ids]) as keys:
            found = self.con.execute(f"SELECT story_id FROM articles WHERE id IN (SELECT id FROM {keys})")
            stories = {r[0] for r in found.fetchall() if r[0]}
        delete_articles(self.con, ids)
        return self._write(records, stories)

    def store(self, records: Sequence[Record]) -> WriteReport:
        """Store one batch inside the transaction the caller holds (the server's writer holds one per job)."""
        return self._write(records)

    def _write(self, records: Sequence[Record], stories: set[str] | None = None) -> WriteReport:
        batch = _latest_per_source(records)
        known = self.known_ids(r["id"] for r in batch)
        new = [r for r in batch if r["id"] not in known]
        replaced, old_stories = self._replaced(new)
        old_stories |= stories or set()
        delete_articles(self.con, replaced)
        self._insert(new)
        corrections.reapply(self.con, self.data_dir, {r["id"]: source_key(r) for r in new})
        links = find_links(self.con, [r["id"] for r in new], self.options)
        insert(
            self.con,
            "links",
            ("a", "b", "kind", "similarity"),
            [
                row
                for link in links
                for row in (
                    (link.a, link.b, link.kind, link.similarity),
                    (link.b, link.a, link.kind, link.similarity),
                )
            ],
        )
        touched = derive.recompute(self.con, [r["id"] for r in new], old_stories, self.types)
        derive.refresh_aggregates(self.con, touched.dyads, touched.actors)
        return WriteReport(len(new), len(replaced), len(records) - len(new), touched.events, [r["id"] for r in new])

    def _replaced(self, new: Sequence[Record]) -> tuple[list[str], set[str]]:
        """Stored articles that a new version (same source, other content) replaces, and their stories."""
        rows = [(source_key(r), r["id"]) for r in new]
        with Keys(self.con, ["source_key", "id"], rows) as keys:
            found = self.con.execute(f"""SELECT a.id, a.story_id FROM articles a JOIN {keys} k
                                         ON a.source_key = k.source_key AND a.id <> k.id""").fetchall()
        return [r[0] for r in found], {r[1] for r in found if r[1]}

    def _insert(self, new: Sequence[Record]) -> None:
        tables: dict[str, list[tuple[object, ...]]] = {name: [] for name in MENTION_TABLES}
        fingerprints: list[tuple[object, ...]] = []
        bands: list[tuple[object, ...]] = []
        keys: list[tuple[object, ...]] = []
        for record in new:
            for name, rows in record_rows(record).items():
                tables[name].extend(rows)
            fingerprint = self.fingerprinter.fingerprint(record.get("text") or "")
            fingerprints.append((record["id"], _listed(fingerprint.body), _listed(fingerprint.words)))
            bands.extend((record["id"], band, key) for band, key in self.fingerprinter.band_keys(fingerprint.body))
            keys.extend((record["id"], key) for key in sorted(story_keys(record)))
        for name, rows in tables.items():
            insert(self.con, name, COLUMNS[name], rows)
        insert(
            self.con,
            "fingerprints",
            ("article_id", "body_hashes", "words_hashes"),
            fingerprints,
            {"body_hashes": _SIGNATURE, "words_hashes": _SIGNATURE},
        )
        insert(self.con, "lsh_bands", ("article_id", "band", "key"), bands)
        insert(self.con, "article_keys", ("article_id", "key"), keys)


def _listed(signature: object) -> object:
    return signature  # numpy uint32 array, or None; Arrow takes both as a list<uint32> value


def _latest_per_source(records: Sequence[Record]) -> list[Record]:
    """One record per source (the last one given) and per content id (the first one given)."""
    by_source = {source_key(r): r for r in records}
    seen: set[str] = set()
    kept = []
    for record in by_source.values():
        if record["id"] not in seen:
            seen.add(record["id"])
            kept.append(record)
    return kept


def story_keys(record: Record) -> set[str]:
    """What two articles of one story share: actor codes, else names of people and organisations."""
    keys = {f"actor:{e['actor']}" for e in record.get("entities") or [] if e.get("actor")}
    keys |= {
        f"name:{str(e['name']).casefold()}"
        for e in record.get("entities") or []
        if not e.get("actor") and e.get("name") and e.get("type") in ("PER", "ORG")
    }
    for event in record.get("events") or []:
        keys |= {f"actor:{code}" for code in (event.get("source"), event.get("target")) if code}
    return keys


def delete_articles(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> None:
    if not ids:
        return
    with Keys(con, ["id"], [(i,) for i in ids]) as keys:
        for table in MENTION_TABLES:
            column = "id" if table == "articles" else "article_id"
            con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM {keys})")
        for table in DERIVED_BY_ARTICLE:
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM {keys})")
        con.execute(f"DELETE FROM links WHERE a IN (SELECT id FROM {keys}) OR b IN (SELECT id FROM {keys})")
