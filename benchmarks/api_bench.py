"""API benchmark: POST /v1/extract latency under 16 concurrent clients, and paging 1M events over HTTP.

    .venv/bin/python benchmarks/api_bench.py [--clients 16] [--requests 320] [--events 1000000] [--dir /tmp/…]

Not part of the test suite. Each part starts the real server (`peristiwa serve` in a subprocess) and times
real HTTP requests from client threads in this process.
1. Extract: ~600-word articles built from the seed articles' sentences, shuffled per request so each is a
   different article (the pipeline runs every time: "cold"); then one article repeated ("cached": the
   server keeps recent records by content). Reports p50 / p99 / max and throughput.
2. Paging: a database with N merged events generated in SQL (store_bench.build_big, the same schema and
   aggregates the writer builds); times GET /v1/events pages at several offsets and filters, CSV, and the
   actor, dyad and network routes.
The machine is shared: run it when it is quiet, and read the figures as indications.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from store_bench import build_big  # benchmarks/ is the script's folder, so it is on sys.path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "peristiwa" / "samples"
TARGET_WORDS = 600


def seed_sentences() -> list[str]:
    """Body sentences of the five seed articles (lines long enough to be prose, split at full stops)."""
    sentences = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 8:
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 5]
    return sentences


def article(sentences: list[str], rng: random.Random) -> str:
    """A ~600-word article: a dateline, then seed sentences in a new order, in paragraphs of three."""
    chosen: list[str] = []
    while sum(len(s.split()) for s in chosen) < TARGET_WORDS:
        chosen.append(rng.choice(sentences))
    paragraphs = [" ".join(chosen[i : i + 3]) for i in range(0, len(chosen), 3)]
    return "Jakarta - " + "\n\n".join(paragraphs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "PERISTIWA_TOKEN": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "peristiwa", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/health", timeout=5).json().get("extract_ready"):
                return process, url
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not become ready in 300 s")


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(name: str, times: list[float], seconds: float | None = None) -> None:
    rate = f", {len(times) / seconds:.1f} req/s" if seconds else ""
    print(
        f"{name}: p50 {statistics.median(times):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, "
        f"max {max(times):.1f} ms over {len(times)} requests{rate}",
        flush=True,
    )


def concurrent(url: str, bodies: list[dict[str, str]], clients: int) -> tuple[list[float], float]:
    """Send `bodies` from `clients` threads, each with its own connection; latency per request in ms."""
    times: list[float] = []
    lock = threading.Lock()
    queue = list(bodies)

    def client() -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    body = queue.pop()
                started = time.perf_counter()
                response = http.post("/v1/extract", json=body)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"extract failed: {response.status_code} {response.text[:200]}")
                with lock:
                    times.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - started


def bench_extract(folder: Path, clients: int, requests: int) -> None:
    rng = random.Random(5)
    sentences = seed_sentences()
    bodies = [{"text": article(sentences, rng)} for _ in range(requests)]
    words = statistics.mean(len(b["text"].split()) for b in bodies)
    process, url = start_server(folder / "extract.duckdb")
    try:
        with httpx.Client(base_url=url, timeout=120) as http:  # one at a time: the pipeline's own cost
            alone = []
            for body in bodies[:20]:
                started = time.perf_counter()
                http.post("/v1/extract", json={"text": body["text"] + " Satu."})
                alone.append((time.perf_counter() - started) * 1000)
        print(f"extract: articles of {words:.0f} words on average, {clients} concurrent clients")
        report("extract, 1 client, distinct articles", alone)
        times, seconds = concurrent(url, bodies, clients)
        report(f"extract, {clients} clients, distinct articles (pipeline runs every time)", times, seconds)
        times, seconds = concurrent(url, [bodies[0]] * requests, clients)
        report(f"extract, {clients} clients, one article repeated (served from the record cache)", times, seconds)
    finally:
        process.terminate()
        process.wait()


def timed_gets(http: httpx.Client, name: str, paths: list[str]) -> None:
    times = []
    for path in paths:
        started = time.perf_counter()
        response = http.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
    report(name, times)


def follow_cursor(http: httpx.Client, name: str, first: str, pages: int = 30) -> None:
    """Page forward with `next_cursor` (as the web UI does); the first request is not timed."""
    body = http.get(first).json()
    base = first.split("&offset=")[0]
    times = []
    for _ in range(pages):
        path = f"{base}&cursor={body['next_cursor']}"
        started = time.perf_counter()
        body = http.get(path).json()
        times.append((time.perf_counter() - started) * 1000)
    report(name, times)


def bench_paging(folder: Path, events: int) -> None:
    db = folder / "paging.duckdb"
    if not db.exists():
        build_big(db, events)
    process, url = start_server(db)
    rng = random.Random(9)
    offsets: Callable[[int], list[int]] = lambda top: [rng.randrange(top) for _ in range(30)]  # noqa: E731
    try:
        with httpx.Client(base_url=url, timeout=120) as http:
            total = http.get("/v1/events", params={"limit": 1}).json()["total"]
            print(f"paging: {total:,} merged events in {db.stat().st_size / 1e6:,.0f} MB")
            timed_gets(http, "events page 1 (50 rows, most reported first)", ["/v1/events?limit=50"] * 30)
            timed_gets(
                http, "events page at a random offset", [f"/v1/events?limit=50&offset={o}" for o in offsets(total)]
            )
            timed_gets(http, "events last page", [f"/v1/events?limit=50&offset={total - 50}"] * 10)
            follow_cursor(http, "events next page by cursor, from page 1", "/v1/events?limit=50")
            follow_cursor(
                http, "events next page by cursor, from offset 500,000", f"/v1/events?limit=50&offset={total // 2}"
            )
            follow_cursor(http, "events next page by cursor, order=date", "/v1/events?limit=50&order=date")
            timed_gets(
                http,
                "events newest first (order=date), random offset",
                [f"/v1/events?limit=50&order=date&offset={o}" for o in offsets(total)],
            )
            timed_gets(http, "events actor=RUS&quad=V-conf, page 1", ["/v1/events?actor=RUS&quad=V-conf&limit=50"] * 30)
            timed_gets(
                http,
                "events type=ACCUSE since 2020, random page",
                [f"/v1/events?type=ACCUSE&since=2020-01-01&limit=50&offset={o}" for o in offsets(20_000)],
            )
            timed_gets(http, "events text search ('bukti 12345')", ["/v1/events?text=bukti%2012345&limit=50"] * 10)
            timed_gets(http, "events as CSV, 1000 rows", ["/v1/events?limit=1000&format=csv"] * 10)
            timed_gets(http, "actors list", ["/v1/actors?limit=50"] * 10)
            timed_gets(http, "actor profile RUS", ["/v1/actors/RUS"] * 10)
            timed_gets(http, "dyad timeline RUS→UKR", ["/v1/dyads/RUS/UKR/timeline?both=true"] * 10)
            timed_gets(http, "network (200 edges)", ["/v1/network"] * 10)
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=320)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--skip-extract", action="store_true")
    parser.add_argument("--skip-paging", action="store_true")
    parser.add_argument("--dir", type=Path, default=None, help="Keep the databases here (default: a temp dir).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="peristiwa-api-bench-") as temp:
        folder = args.dir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.skip_extract:
            bench_extract(folder, args.clients, args.requests)
        if not args.skip_paging:
            bench_paging(folder, args.events)


if __name__ == "__main__":
    main()
