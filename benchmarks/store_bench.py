"""Store benchmark: write throughput and query latency on a synthetic database of 10 million events.

    .venv/bin/python benchmarks/store_bench.py [--events 10000000] [--write-articles 20000] [--dir /tmp/…]

Not part of the test suite; the data goes to a temporary folder outside the repository.
1. Write: synthetic extract records through the real writer (rows, fingerprints, links, stories, event
   merge, aggregates), in batches; reports event mentions written per second.
2. Query: a database with N merged events generated in SQL (same schema), aggregates built by the same
   code the writer uses; times the dyad timeline and the actor profile through the Python API
   (opening the file read-only each call, as the CLI does) for 30 random dyads and actors.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from peristiwa.api import Peristiwa
from peristiwa.store import derive
from peristiwa.store.connection import connect
from peristiwa.store.synthetic import ACTORS, synthetic_records


def bench_write(folder: Path, articles: int, batch: int) -> None:
    db = folder / "write.duckdb"
    db.unlink(missing_ok=True)
    records = list(synthetic_records(articles, seed=11))
    mentions = sum(len(r["events"]) for r in records)
    started = time.perf_counter()
    report = Peristiwa(db).ingest_records(records, batch_size=batch)
    seconds = time.perf_counter() - started
    print(f"write: {report.summary()}")
    print(
        f"write: {mentions} event mentions in {seconds:.1f}s = {mentions / seconds:,.0f} events/s "
        f"({report.added / seconds:,.0f} articles/s, batch {batch})"
    )


def build_big(db: Path, events: int) -> None:
    con = connect(db)
    actors = list(ACTORS) + [f"A{i:03d}" for i in range(170)]  # 200 actors, a few far more active
    con.execute(
        "CREATE TEMP TABLE actor_list AS SELECT unnest(?::VARCHAR[]) AS code, "
        "generate_subscripts(?::VARCHAR[], 1) AS n",
        [actors, actors],
    )
    types = [
        "CONSULT",
        "AGREE",
        "SUPPORT",
        "ACCUSE",
        "REQUEST",
        "REJECT",
        "THREATEN",
        "COOPERATE",
        "AID",
        "MOBILIZE",
        "SANCTION",
        "ASSAULT",
        "COERCE",
        "PROTEST",
        "CONCEDE",
        "RETREAT",
    ]
    quads = [
        "V-coop",
        "V-coop",
        "V-coop",
        "V-conf",
        "V-conf",
        "V-conf",
        "V-conf",
        "M-coop",
        "M-coop",
        "M-conf",
        "M-conf",
        "M-conf",
        "M-conf",
        "M-conf",
        "V-coop",
        "M-coop",
    ]
    started = time.perf_counter()
    con.execute(
        f"""
        INSERT INTO events (event_id, story_id, type, source, target, negated, modality, date, month, quad,
                            quad_class, score, cameo, num_mentions, num_articles, num_sources, num_copies,
                            first_article_id, source_url, text)
        SELECT 'ev_' || i, 'st_' || (i // 4), t.type, s.code, r.code, false, 'asserted', d::VARCHAR,
               date_trunc('month', d)::DATE, t.quad, 1, 0.0, '040', 1 + (i % 5), 1 + (i % 3), 1 + (i % 4), 1,
               'a' || i, 'https://example.org/' || i, 'teks bukti ' || i
        FROM (SELECT i, hash(i) AS h, DATE '2015-01-01' + CAST(hash(i * 7) % 3650 AS INTEGER) AS d
              FROM range({events}) r(i)) g
        JOIN actor_list s
          ON s.n = 1 + CAST(least(199, floor(pow((g.h % 1000003) / 1000003.0, 2.5) * 200)) AS INTEGER)
        JOIN actor_list r ON r.n = 1 + CAST((g.h // 1000003) % 200 AS INTEGER)
        JOIN (SELECT unnest(?::VARCHAR[]) AS type, unnest(?::VARCHAR[]) AS quad,
                     generate_subscripts(?::VARCHAR[], 1) AS n) t
          ON t.n = 1 + CAST((g.h // 7) % 16 AS INTEGER)
    """,
        [types, quads, types],
    )
    con.execute(
        "INSERT INTO entities SELECT 'a' || i, 'n0', 'Pejabat ' || (i % 5000), 'PER', code,"
        " 'minister', 'GOV', NULL FROM range(2000000) r(i) JOIN actor_list ON n = 1 + (i % 200)"
    )
    print(f"build: {events:,} events + 2,000,000 entities generated in {time.perf_counter() - started:.1f}s")
    started = time.perf_counter()
    dyads = set(con.execute("SELECT DISTINCT source, target FROM events").fetchall())
    con.execute("BEGIN TRANSACTION")
    derive.refresh_aggregates(con, dyads, set(actors))
    con.execute("COMMIT")
    rows = con.execute("SELECT (SELECT count(*) FROM dyad_month), (SELECT count(*) FROM actor_partner)").fetchone() or (
        0,
        0,
    )
    print(
        f"build: aggregates for {len(dyads):,} dyads / {len(actors)} actors ({rows[0]:,} + {rows[1]:,} rows) "
        f"in {time.perf_counter() - started:.1f}s"
    )
    con.close()


def timed(call: object, runs: Sequence[tuple[object, ...]]) -> list[float]:
    times = []
    for args in runs:
        started = time.perf_counter()
        call(*args)  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    print(
        f"query: {name}: median {statistics.median(times):.1f} ms, "
        f"p90 {sorted(times)[int(len(times) * 0.9)]:.1f} ms, "
        f"max {max(times):.1f} ms over {len(times)} calls"
    )


def bench_queries(db: Path) -> None:
    rng = random.Random(3)
    actors = list(ACTORS) + [f"A{i:03d}" for i in range(170)]
    dyads = [tuple(rng.sample(actors[:40], 2)) for _ in range(30)]
    profiles = [(rng.choice(actors),) for _ in range(30)]
    heavy = [(a,) for a in actors[:5]]
    per_call = Peristiwa(db)
    per_call.counts()  # warm the OS page cache once
    report("dyad timeline (opens the file per call, as the CLI)", timed(per_call.dyad_timeline, dyads))
    report("actor profile (opens the file per call, as the CLI)", timed(per_call.actor, profiles))
    kept = Peristiwa(db, keep_open=True)  # as a server or notebook holds it
    kept.counts()
    report("dyad timeline (kept connection)", timed(kept.dyad_timeline, dyads))
    report("actor profile (kept connection)", timed(kept.actor, profiles))
    report("actor profile, 5 busiest actors (kept connection)", timed(kept.actor, heavy))
    kept.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--write-articles", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="Keep the databases here (default: a temp dir).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="peristiwa-bench-") as temp:
        folder = args.dir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        bench_write(folder, args.write_articles, args.batch)
        big = folder / "big.duckdb"
        big.unlink(missing_ok=True)
        build_big(big, args.events)
        print(f"size: {big.stat().st_size / 1e6:,.0f} MB")
        bench_queries(big)


if __name__ == "__main__":
    main()
