"""Writes while people read (issue 21): `peristiwa ingest` of N articles into the database that a running
`peristiwa serve` owns, alone and with 8 clients reading `/v1/events` back to back.

    .venv/bin/python benchmarks/live_bench.py [--articles 200] [--readers 8] [--base-articles 2000]

1. A base database: --base-articles synthetic articles (store/synthetic.py) through the real writer, copied
   fresh for each run.
2. Articles: benchmarks/corpus.py (300–900-word generated Indonesian articles), one JSONL file.
3. For each run, `peristiwa serve --db COPY` in a subprocess, then `peristiwa ingest ARTICLES --db COPY`
   (which finds the server by its sidecar and sends it the records), timed from start to exit (the model
   loading of the ingest process included, the same in both runs). The second run has --readers threads in
   this process, each with a kept connection, reading one of the event pages below back to back; every
   answer's latency is kept, every error counted.
Target: the ingest with readers takes at most 2× the ingest alone, no reader error; p99 read latency under
load reported. Not a test: the figures depend on what else runs on the machine.

Figures (2026-12-07, 2 cores shared with other developers' work, load average 4-6; 200 articles, 8 readers,
base of 2,000 synthetic articles, readers and server on the same machine as the ingest):
- reads at normal priority: alone 42.4 s, with readers 130.1 s = 3.07x; 3,103 reads, 0 errors; read latency
  p50 284 ms, p99 1,067 ms.
- reads at lower CPU priority (server/store.py, READ_NICENESS = 10; what the server does now): alone 58.6 s,
  with readers 75.7 s = 1.29x (target <= 2x); 570 reads, 0 errors; read latency under this load p50 683 ms,
  p99 9,954 ms — the readers get the CPU the ingest leaves, on a machine already busy before it started.
- at most READ_SLOTS reads at once (1 on 2 cores), at normal priority (server/store.py; what the server does
  now; same day, load average 9-12 from other developers' runs): alone 111.9 s, with readers 134.3 s = 1.20x;
  2,967 reads, 0 errors; read latency p50 264 ms, p99 1,344 ms, mean 367 ms. A read waits for the 7 others
  queued before it (8 x ~45 ms), and no longer for every other process on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402 - the generator sits beside this script
from peristiwa.api import Peristiwa  # noqa: E402
from peristiwa.store.synthetic import synthetic_records  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
READS = (
    "/v1/events?limit=50",
    "/v1/events?actor=IDN&limit=50",
    "/v1/events?quad=V-conf&limit=50",
    "/v1/events?text=presiden&limit=50",
    "/v1/events?order=date&limit=50",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "peristiwa", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("server did not start")


def ingest(articles: Path, db: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "peristiwa", "ingest", str(articles), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PERISTIWA_TOKEN": ""},
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    print(f"  ingest: {done.stderr.strip().splitlines()[-1]}")
    return seconds


class Readers:
    def __init__(self, url: str, count: int) -> None:
        self.url = url
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,), daemon=True) for n in range(count)]

    def read(self, number: int) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as api:
            n = number
            while not self.stop.is_set():
                path = READS[n % len(READS)]
                n += 1
                started = time.perf_counter()
                try:
                    response = api.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError as error:
                    ok, response = False, None
                    self.errors.append(repr(error))
                self.latencies.append(time.perf_counter() - started)
                if not ok and response is not None:
                    self.errors.append(f"{path}: {response.status_code}")


def run(base: Path, articles: Path, folder: Path, readers: int) -> tuple[float, Readers | None]:
    db = folder / f"live-{readers}.duckdb"
    shutil.copyfile(base, db)
    server, url = serve(db)
    reading = Readers(url, readers) if readers else None
    try:
        if reading:
            for thread in reading.threads:
                thread.start()
            time.sleep(2)  # readers at full speed before the clock starts
        seconds = ingest(articles, db)
    finally:
        if reading:
            reading.stop.set()
            for thread in reading.threads:
                thread.join(timeout=60)
        server.terminate()
        server.wait(timeout=60)
    return seconds, reading


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--base-articles", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="peristiwa-live-"))
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base.duckdb"
    if not base.exists():
        Peristiwa(base).ingest_records(list(synthetic_records(args.base_articles, seed=5)), batch_size=500)
    articles = write_corpus(folder / "articles.jsonl", args.articles)
    print(f"{args.articles} articles into a database of {args.base_articles} synthetic articles ({folder})")
    alone, _ = run(base, articles, folder, 0)
    print(f"alone: {alone:.1f}s")
    loaded, reading = run(base, articles, folder, args.readers)
    assert reading is not None
    lat = sorted(reading.latencies)
    p50, p99 = lat[len(lat) // 2], lat[int(len(lat) * 0.99)]
    print(
        f"with {args.readers} readers: {loaded:.1f}s = {loaded / alone:.2f}x alone (target <= 2x); "
        f"{len(lat)} reads, {len(reading.errors)} errors, read latency p50 {p50 * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms, mean {statistics.fmean(lat) * 1000:.0f} ms"
    )
    if reading.errors:
        print("errors:", reading.errors[:5])


if __name__ == "__main__":
    main()
