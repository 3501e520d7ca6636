"""How long `peristiwa kb proposals` (GET /v1/kb/proposals) takes on a large store. One command:

    .venv/bin/peristiwa extract corpus/dev/raw -o /tmp/dev.jsonl
    .venv/bin/python benchmarks/proposals_bench.py /tmp/dev.jsonl --copies 10 --times 100 --db /tmp/p.duckdb

1. The records (real articles, so their persons, offices and organisations are real) are stored `--copies`
   times under new ids by the store's own writer; then the articles, entities and entity mentions are
   multiplied `--times` in SQL (other tables are not read by proposals). Every copy is made an original
   (`dup_of = id`): syndicated copies are left out of proposals, and these would all be copies.
2. `proposals()` is timed on the result: wall and CPU seconds, peak resident memory, proposals found.

Measured 2026-12-07 (the 107 corpus/dev articles × 1,000 = 107,000 articles, 1.2 M PER/ORG entities; a busy
2-core machine, load 11–12, so wall time is mostly waiting for a core):

| code | wall | CPU | peak memory | proposals |
|---|---|---|---|---|
| before: each entity scanned every person, evidence re-sorted, every sentence cut | 356 s | 68.8 s | 3.8 GB | 75 |
| offices indexed, evidence sorted once, only the shown sentences cut | 19.3 s | 4.3 s | 0.7 GB | 75 |

The same proposals either way (compared on 1,070 articles, decided ones included). Reading the entities is
~1.3 s of it at 10,700 articles, so an evidence table written at ingest was not added: the time was in Python.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import time
from pathlib import Path
from typing import Any

from peristiwa.settings import Settings
from peristiwa.store.connection import connection
from peristiwa.store.proposals import proposals
from peristiwa.store.writer import Writer

BATCH = 1000


def build(records: list[dict[str, Any]], db: Path, copies: int, times: int) -> int:
    with connection(db) as con:
        writer, batch = Writer(con, Settings().data_dir), []
        for copy in range(copies):
            for record in records:
                batch.append(_copy(record, copy))
                if len(batch) >= BATCH:
                    writer.write(batch, where=str(db))
                    batch = []
        if batch:
            writer.write(batch, where=str(db))
        con.execute(f"CREATE TEMP TABLE n AS SELECT range AS c FROM range(1, {times})")
        con.execute(
            "INSERT INTO articles SELECT a.* REPLACE (a.id || '-' || n.c AS id, a.source_key || '-' || n.c "
            "AS source_key) FROM articles a, n"
        )
        for table in ("entities", "entity_mentions"):
            con.execute(f"INSERT INTO {table} SELECT t.* REPLACE (t.article_id || '-' || n.c AS article_id) "
                        f"FROM {table} t, n")  # fmt: skip
        con.execute("UPDATE articles SET dup_of = id")
        row = con.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else 0


def _copy(record: dict[str, Any], copy: int) -> dict[str, Any]:
    made = dict(record)
    made["id"] = hashlib.sha256(f"{record['id']}-{copy}".encode()).hexdigest()[:16]
    made["source"] = {**record["source"], "url": f"https://copy{copy}.example/{record['id']}", "path": None}
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records", type=Path, help="extract output (JSON Lines)")
    parser.add_argument("--copies", type=int, default=10, help="times the records are stored by the writer")
    parser.add_argument("--times", type=int, default=100, help="times the stored rows are then multiplied in SQL")
    parser.add_argument("--db", type=Path, required=True, help="a new database file")
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new file")
    records = [json.loads(line) for line in args.records.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = build(records, args.db, args.copies, args.times)
    with connection(args.db) as con:
        wall, cpu = time.perf_counter(), time.process_time()
        found = proposals(con, Settings())
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{articles} articles: {len(found)} proposals in {wall:.1f} s wall, {cpu:.1f} s CPU, peak {peak} MB")


if __name__ == "__main__":
    main()
