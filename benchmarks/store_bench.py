"""Store benchmark: write throughput, every event filter, network, search and paging, and writes during
reads, on a synthetic database of N merged events.

    .venv/bin/python benchmarks/store_bench.py [--events 10000000] [--write-articles 20000] [--dir /tmp/…]
                                               [--skip-write] [--keep]

Not part of the test suite; the data goes to a temporary folder outside the repository.
1. Write: synthetic extract records through the real writer (rows, fingerprints, links, stories, event
   merge, aggregates, the event index), in batches; reports event mentions written per second.
2. Build: N merged events generated in SQL by `synthetic.build_events` (same schema; 202 actors with a few far
   busier, 16 types, 300 places, stories of 4, 1-5 mentions each, evidence of 8 words drawn Zipf-like from the
   20,000 commonest words of corpus/dev), then the aggregates and the event index built set-wise by the store's
   own builders (`derive.rebuild_aggregates`, `event_keys.index_all`; tests/store/test_bulk_build.py checks
   they give what the writer gives).
3. Query: dyad timeline and actor profile through the Python API (opening the file per call, as the CLI
   does, and on a kept connection); then on a kept connection (what each server request gets: a cursor of
   the server's one connection) every `/v1/events` filter through `queries.events_page` (the function the
   route calls: total + page + names), cursor paging, a deep offset, `/v1/network` and `/v1/search`.
   40 calls each with varying values; p50 and p99 (of 40: the second slowest).
4. Writes during reads: the server's store (`ServerStore`) on the big database; 100 synthetic articles
   stored through its writer alone, then again while 8 threads read event pages on their own cursors.
Targets (issue 21): at 10 M every filter, search and cursor page p50 <= 100 ms, p99 <= 300 ms.

Figures, 2026-12-07 (second session), 1 M events, over HTTP on one kept connection (uvicorn in this process,
the server's own store and read slot), 2 cores shared with four other developers' evaluations and test runs:
load average 12-14 throughout, so every figure is several times what the same request takes on an idle
machine. p50 / p99 in ms (40 calls each):
  filter                 before (session 1, in-process, 1 M)   now (HTTP, 1 M)
  no filter (page 1)     182 / 283                              118 / 216
  actor                  242 / 340                               96 / 429
  actor, 5 busiest       -                                      110 / 160
  source / target        181 / 318, 170 / 231                   135 / 204, 168 / 426
  dyad                   116 / 233                               57 / 177
  type / quad            132 / 214, 153 / 202                    78 / 397, 124 / 181
  date range (a month)   279 / 441                              414 / 648 (a scan of the events)
  place                  (no such filter)                        48 / 180
  actor + quad + since   156 / 197                               71 / 145
  story                   88 / 130                               50 / 120
  text, common word      148 / 185                               61 / 155
  text, rare / two words -                                      120 / 164, 123 / 477
  text, literal 50%      2114 / 2298                           1112 / 2152 (a scan: its words are common)
  text, literal a_b      -                                     1500 / 2537 (the same)
  (then the texts scanned once per request with `contains`, not twice with ILIKE: one call each, on the
   same machine: 50% 1,803 → 820 ms, presiden_jokowi 1,041 → 938 ms, % alone 721 ms)
  order=date             -                                      284 / 417
  cursor, next page      312 / 448                              276 / 418
  offset = half          -                                      687 / 729
  network, all / a year  -                                      502 / 857, 400 / 477
  search, one word       -                                      326 / 560
What changed (docs/store.md): key rows ordered by a 64-bit number made from the key (migration 009; before,
keys sharing their first 8 bytes shared a row group range: one place of 300 among 5 M rows read in 221 ms,
now 1.6 ms), the page's 50 events fetched in one statement through the `event_id` index (was 50 statements),
the place filter, literal text tested on the candidates its words leave (up to 300; more, or no word at
all, is a scan of the texts), the undated network from `actor_partner`, search naming only the actors found.
Still scanned then (no key to read; index reads since migration 011, below): no filter, `order=date`, their cursor
pages, a date range alone and a deep offset read the `events` table (about 0.3 s at 1 M on this machine; they grow
with the table); literal texts whose words are common; search's articles and quotes (the bench database has none).
2026-12-08 (third session): the build is set-wise (above). 10 M events, load average 9-16 on the 2 shared cores
(other developers' evaluations, training and tests): events, 30 M mentions, stories and 2 M entities 2,161 s
(most of it the machine's load: the process got about a sixth of a core), aggregates 54 s, then the event
index (190 M key rows, one ordered insert of 10 GB in memory and 20 GB spilled) was still sorting after
25 minutes when the session had to stop; see docs/store.md for where the time goes. The new paths (keys 'e:' and
'm:YYYY-MM', walks; docs/store.md "Pages without a filter key") were timed in-process on a 200 k database
during the build (load 9): no filter 436 ms (first call, cold), its cursor pages 154 ms median, order=date
cursor 170, a month 120, a year 336, since a day 404, quad cursor 159, actor IDN 127, offset = half 484 —
before the walks' probes were made cheap (no step now reads all of a key's rows); not re-measured.
2026-12-08, after the session: the 10 M build finished (event index 188.6 M key rows in 2,518 s; whole build 4,734 s
under load). Measured on it over HTTP, kept connection, 20 calls each (p99 = the slowest), machine quiet (load 1-2),
p50 / p99 ms. Left: as the branch merged; right: after `reads.with_names` stopped joining the whole `entities`
table for a page's actor names (the ~250 ms every page paid at 10 M):
  no filter 288/383 -> 66/84; actor 386/1182 -> 131/361; 5 busiest 287/328 -> 86/129; source 408/662 -> 161/333;
  target 313/402 -> 107/148; dyad 339/447 -> 116/133; type 300/371 -> 85/93; quad 317/371 -> 83/94;
  a month 294/358 -> 85/96; a year 314/396 -> 82/99; since a day 371/481 -> 160/262; place 344/553 -> 109/155;
  actor + quad + since 294/320 -> 108/124; story 255/290 -> 54/59; text common 291/411 -> 96/101;
  text rare 390/733 -> 109/125; two words 281/359 -> 93/154; literal 50% 1535/2007 -> 1531/2036;
  literal a_b 1751/2237 -> 1738/2240; order=date 287/421 -> 72/75; cursor pages 300/375 -> 69/74;
  date-order cursor 328/433 -> 76/93; actor cursor 312/340 -> 77/118; quad cursor 318/418 -> 83/103;
  offset = half 515/516 -> 197/254; network all 115/137 -> 110/124, a year 145/182 -> 140/172;
  search 57/97 -> 52/104. Over the 100/300 target at 10 M: actor, source, since a day, place, dyad, text rare,
  network (p50 just over 100), actor and source p99, and literal texts whose words are common (a scan).
Before (second session): 10 M events not built. At 1 M the build took 28 minutes on this machine (events 279 s,
aggregates 11 s, the event index 1,385 s, then migration 009 on it 65 s); a 10 M build, started beside it, had used 4
CPU minutes in 34 minutes of wall time (the machine's load gave it about 15 % of a core) and was stopped. Run
`store_bench.py --events 10000000 --dir DIR --skip-write` on a quiet machine (then `--keep` to re-measure).
"""

from __future__ import annotations

import argparse
import random
import re
import socket
import statistics
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from peristiwa.api import Peristiwa
from peristiwa.server.app import create_app
from peristiwa.server.config import ServerOptions
from peristiwa.server.store import ServerStore
from peristiwa.store import derive, event_keys, filters, queries, reads, synthetic
from peristiwa.store.connection import connect
from peristiwa.store.synthetic import ACTORS, BIG_ACTORS, PLACES, TYPES, synthetic_records

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = 20_000
CALLS = 40


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


def vocabulary() -> list[str]:
    """The commonest words of the development articles, most common first (Zipf-like draws favour them)."""
    counts: Counter[str] = Counter()
    for path in sorted((ROOT / "corpus" / "dev" / "raw").glob("*.txt")):
        counts.update(re.findall(r"[^\W_]+", path.read_text(encoding="utf-8").lower()))
    return [word for word, _ in counts.most_common(VOCABULARY)]


def build_big(db: Path, events: int) -> None:
    """N merged events generated in SQL (`synthetic.build_events`), then the derived tables built set-wise by
    the store's own builders: the event index from the events' key lists, and the aggregates."""
    con = connect(db)
    con.execute("SET memory_limit = '10GB'")
    con.execute("SET preserve_insertion_order = false")  # the ordered inserts below say their order themselves
    started = time.perf_counter()
    synthetic.build_events(con, events, vocabulary())
    con.execute(
        "INSERT INTO entities SELECT 'a' || i, 'n0', 'Pejabat ' || (i % 5000), 'PER', code, 'minister', 'GOV', NULL,"
        " false FROM range(2000000) r(i) JOIN (SELECT unnest(?::VARCHAR[]) AS code, "
        "generate_subscripts(?::VARCHAR[], 1) AS n) ON n = 1 + (i % 200)",
        [list(BIG_ACTORS), list(BIG_ACTORS)],
    )
    con.execute("CHECKPOINT")
    print(f"build: {events:,} events, their mentions and 2,000,000 entities in {time.perf_counter() - started:.1f}s")
    started = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    derive.rebuild_aggregates(con)
    con.execute("COMMIT")
    rows = con.execute("SELECT (SELECT count(*) FROM dyad_month), (SELECT count(*) FROM actor_partner)").fetchone()
    print(f"build: aggregates ({rows}) in {time.perf_counter() - started:.1f}s")
    started = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    event_keys.index_all(con)
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    keys = con.execute("SELECT count(*) FROM event_keys").fetchone() or (0,)
    print(f"build: event index, {keys[0]:,} key rows, in {time.perf_counter() - started:.1f}s")
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


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered):6.1f} ms  p99 {p99:6.1f} ms  max {ordered[-1]:6.1f} ms"


def filter_cases(stories: list[str], rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """For each `/v1/events` filter, CALLS sets of values (busy and quiet actors, common and rare words …)."""
    actors = list(ACTORS) + [f"A{i:03d}" for i in range(170)]
    words = vocabulary()

    def day() -> Any:
        return f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-01"

    n = range(CALLS)
    return {
        "no filter (page 1)": [{} for _ in n],
        "actor": [{"actor": rng.choice(actors)} for _ in n],
        "actor, 5 busiest": [{"actor": actors[i % 5]} for i in n],
        "source": [{"source": rng.choice(actors)} for _ in n],
        "target": [{"target": rng.choice(actors)} for _ in n],
        "dyad": [{"source": rng.choice(actors[:40]), "target": rng.choice(actors[:40])} for _ in n],
        "type": [{"type": rng.choice(TYPES)} for _ in n],
        "quad": [{"quad": rng.choice(["V-coop", "M-coop", "V-conf", "M-conf"])} for _ in n],
        "date range (a month)": [{"since": (d := day()), "until": d[:8] + "28"} for _ in n],
        "date range (a year)": [
            {"since": f"{(y := rng.randint(2015, 2023))}-07-01", "until": f"{y + 1}-06-30"} for _ in n
        ],
        "since a day": [{"since": day()} for _ in n],
        "place": [{"place": f"tempat {rng.randrange(PLACES)}"} for _ in n],
        "actor + quad + since": [
            {"actor": rng.choice(actors[:30]), "quad": "V-conf", "since": "2020-01-01"} for _ in n
        ],
        "story": [{"story_id": rng.choice(stories)} for _ in n],
        "text, common word": [{"text": rng.choice(words[:50])} for _ in n],
        "text, rare word": [{"text": rng.choice(words[len(words) // 2 :])} for _ in n],
        "text, two words": [{"text": f"{rng.choice(words[:300])} {rng.choice(words[:300])}"} for _ in n],
        "text, literal 50%": [{"text": "50%"} for _ in n],
        "text, literal a_b": [{"text": f"{rng.choice(words[:300])}_{rng.choice(words[:300])}"} for _ in n],
        "order=date": [{"order": "date"} for _ in n],
    }


def sample_stories(con: Any) -> list[str]:
    return [r[0] for r in con.execute("SELECT story_id FROM events USING SAMPLE 40 ROWS").fetchall()]


def page(con: Any, values: dict[str, Any]) -> tuple[int, list[Any], Any]:
    """What GET /v1/events does with a cursor of the server's connection: total, page, names."""
    values = dict(values)
    order = values.pop("order", "mentions")
    story_id = values.pop("story_id", None)
    after = values.pop("after", None)
    offset = values.pop("offset", 0)
    where = filters.event_filter(limit=50, **values)
    total, items, last = queries.events_page(con, where, offset, order, story_id, after)
    return total, reads.with_names(con, items), last


@contextmanager
def served(db: Path) -> Iterator[str]:
    """`peristiwa serve`'s app on `db` under uvicorn in a thread, on a free loopback port; yields its address."""
    app = create_app(db, options=ServerOptions(load_pipeline=False))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/v1/health", timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def bench_filters(db: Path) -> None:
    """Every `/v1/events` filter, cursor paging, a deep offset, the network and search, over HTTP on one kept
    connection to the server's app (uvicorn in this process: its reads are the server's)."""
    with served(db) as url, httpx.Client(base_url=url, timeout=120) as client:

        def get(path: str, params: dict[str, Any]) -> dict[str, Any]:
            answer = client.get(path, params={"limit": 50, **params})
            answer.raise_for_status()
            return answer.json()  # type: ignore[no-any-return]

        rng = random.Random(5)
        first = get("/v1/events", {"limit": 200})
        stories = [item["story_id"] for item in first["items"]]
        for name, cases in filter_cases(stories, rng).items():
            times = timed(lambda values: get("/v1/events", values), [(values,) for values in cases])
            print(f"events: {name:<24} {percentiles(times)}")
        cursor, cursor_times = first["next_cursor"], []
        for _ in range(CALLS):  # 40 pages in a row, each from the previous page's cursor
            started = time.perf_counter()
            cursor = get("/v1/events", {"cursor": cursor})["next_cursor"]
            cursor_times.append((time.perf_counter() - started) * 1000)
        print(f"events: {'cursor, next page':<24} {percentiles(cursor_times)}")
        cursor, cursor_times = get("/v1/events", {"order": "date"})["next_cursor"], []
        for _ in range(CALLS):  # the same in date order
            started = time.perf_counter()
            cursor = get("/v1/events", {"order": "date", "cursor": cursor})["next_cursor"]
            cursor_times.append((time.perf_counter() - started) * 1000)
        print(f"events: {'cursor, order=date':<24} {percentiles(cursor_times)}")
        for name, values in (("cursor, actor IDN", {"actor": "IDN"}), ("cursor, quad V-conf", {"quad": "V-conf"})):
            cursor, cursor_times = get("/v1/events", values)["next_cursor"], []
            for _ in range(CALLS):
                started = time.perf_counter()
                cursor = get("/v1/events", {**values, "cursor": cursor})["next_cursor"]
                cursor_times.append((time.perf_counter() - started) * 1000)
            print(f"events: {name:<24} {percentiles(cursor_times)}")
        half = {"offset": first["total"] // 2}
        print(f"events: {'offset = half the table':<24} {percentiles(timed(get, [('/v1/events', half)] * 3))}")
        network = timed(get, [("/v1/network", {"limit": 200})] * CALLS)
        print(f"network: {'all, 200 edges':<23} {percentiles(network)}")
        years = [
            ("/v1/network", {"limit": 200, "since": f"{y}-01-01", "until": f"{y}-12-31"}) for y in range(2015, 2025)
        ]
        print(f"network: {'a year, 200 edges':<23} {percentiles(timed(get, years))}")
        words = vocabulary()
        found = timed(get, [("/v1/search", {"q": rng.choice(words[:2000]), "limit": 10}) for _ in range(CALLS)])
        print(f"search: {'one word':<24} {percentiles(found)}")


def bench_live(db: Path, readers: int = 8, articles: int = 100) -> None:
    """The server's store on the big database: a batch through its writer alone, then with readers."""
    store = ServerStore(db)
    store.open()
    rng = random.Random(9)
    stories = store.read(sample_stories)
    cases = [values for group in filter_cases(stories, rng).values() for values in group]
    stop = threading.Event()
    latencies: list[float] = []
    errors: list[str] = []

    def read() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                store.read(lambda con: page(con, rng.choice(cases)))
            except Exception as error:  # noqa: BLE001 - counted and shown
                errors.append(repr(error))
            latencies.append((time.perf_counter() - started) * 1000)

    try:
        alone = _timed_write(store, articles, seed=21)
        threads = [threading.Thread(target=read, daemon=True) for _ in range(readers)]
        for thread in threads:
            thread.start()
        time.sleep(2)
        loaded = _timed_write(store, articles, seed=22)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        store.close()
    print(
        f"live: {articles} articles through the writer: alone {alone:.2f}s, with {readers} readers {loaded:.2f}s "
        f"(x{loaded / alone:.2f}); {len(latencies)} reads meanwhile, {len(errors)} errors, {percentiles(latencies)}"
    )


def _timed_write(store: ServerStore, articles: int, seed: int) -> float:
    records = list(synthetic_records(articles, seed=seed))
    started = time.perf_counter()
    store.store_records(records)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--write-articles", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="Keep the databases here (default: a temp dir).")
    parser.add_argument("--skip-write", action="store_true", help="Leave out the write-throughput part.")
    parser.add_argument("--keep", action="store_true", help="Reuse big.duckdb in --dir when it is there.")
    parser.add_argument("--skip-live", action="store_true", help="Leave out the writes during reads.")
    parser.add_argument("--calls", type=int, default=CALLS, help="Calls per filter (p99 of 40 is the 2nd slowest).")
    args = parser.parse_args()
    globals()["CALLS"] = args.calls
    with tempfile.TemporaryDirectory(prefix="peristiwa-bench-") as temp:
        folder = args.dir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.skip_write:
            bench_write(folder, args.write_articles, args.batch)
        big = folder / "big.duckdb"
        if not (args.keep and big.exists()):
            big.unlink(missing_ok=True)
            build_big(big, args.events)
        print(f"size: {big.stat().st_size / 1e6:,.0f} MB")
        bench_queries(big)
        bench_filters(big)
        if not args.skip_live:
            bench_live(big)


if __name__ == "__main__":
    main()
