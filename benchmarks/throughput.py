"""Throughput of the full pipeline: articles per second beside a tokenizer baseline, per-stage time, peak
memory, and scaling of `peristiwa batch` from 1 to 2 Dask workers. One command:

    .venv/bin/python benchmarks/throughput.py --articles 600 --workers 1,2 [--seed 7] [--json report.json]
    [--no-parser] [--event-classifier]

1. Corpus: `benchmarks/corpus.py` (real UD Indonesian sentences + the seeds' kinds of noise, 300–900-word
   bodies; see its docstring), written as one JSONL file to a temporary folder.
2. Baseline: spaCy's blank `id` tokenizer over the same article texts, in this process (articles/s).
3. Extract: the code path of `peristiwa extract` (read JSONL → Pipeline.process → to_record → JSON) in
   this process, one core; model loading (`Pipeline.warm_up`) is timed apart and not counted. Reports
   articles/s, its ratio to the baseline, milliseconds per article for each stage, this process's peak
   resident memory, and its CPU time over wall time (1.00: it used one core).
4. Batch: for each worker count, a fresh local Dask cluster (1 thread per worker process, 1.5 GB limit);
   every worker builds its pipeline and loads its models (`Pipeline.warm_up`) before the clock starts;
   then `run_batch` over the same JSONL (shards of --shard-size articles). Reports articles/s, the
   speed-up over the first count, each worker's peak resident memory, the time per article inside shards
   and the share of the wall time the workers were busy.
5. With --event-classifier, step 3 once more with the optional sentence classifier over PLOVER types switched on
   (`Settings.event_classifier`), right after the run without it, so the two are measured under the same load.
Targets (issue 8): extract ≥ 25 articles/s per core; 2 workers ≥ 1.8 × 1 worker. Numbers depend on what
else runs on the machine: report them with the load they were measured under.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402 - the generator sits beside this script
from peristiwa.batch import run_batch  # noqa: E402
from peristiwa.batch.runner import local_cluster  # noqa: E402
from peristiwa.batch.worker import warm_up  # noqa: E402
from peristiwa.errors import InputError  # noqa: E402
from peristiwa.model import to_record  # noqa: E402
from peristiwa.pipeline import Pipeline  # noqa: E402
from peristiwa.settings import MODELS_DIR, Settings  # noqa: E402
from peristiwa.stages.ingest import read_inputs  # noqa: E402

TARGET_PER_CORE = 25.0
TARGET_SCALING = 1.8


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure_baseline(texts: list[str]) -> dict[str, float]:
    nlp = spacy.blank("id")
    started = time.perf_counter()
    tokens = sum(len(nlp.make_doc(text)) for text in texts)
    seconds = time.perf_counter() - started
    return {"articles_per_s": len(texts) / seconds, "seconds": seconds, "tokens": tokens}


def measure_extract(corpus: Path, settings: Settings) -> dict[str, Any]:
    started = time.perf_counter()
    pipeline = Pipeline(settings)
    pipeline.warm_up()
    load_seconds = time.perf_counter() - started
    started, cpu_started, count = time.perf_counter(), time.process_time(), 0
    for item in read_inputs([str(corpus)], settings.max_bytes):
        if not isinstance(item, InputError):
            json.dumps(to_record(pipeline.process(item)), ensure_ascii=False)
            count += 1
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    stage_ms = {name: 1000 * spent / count for name, spent in pipeline.timings.items()}
    stage_ms["read+record"] = 1000 * seconds / count - sum(stage_ms.values())
    return {
        "articles": count,
        "seconds": seconds,
        "articles_per_s": count / seconds,
        "load_seconds": load_seconds,
        "cpu_seconds": cpu_seconds,
        "stage_ms_per_article": stage_ms,
        "peak_rss_mb": peak_rss_mb(),
    }


def warm_workers(client: Any, settings: Settings) -> None:
    """Every worker builds its pipeline, in the thread that runs its tasks, before the clock starts."""
    workers = list(client.scheduler_info()["workers"])
    client.gather(
        [client.submit(warm_up, settings, workers=[w], allow_other_workers=False, pure=False) for w in workers]
    )


def measure_batch(corpus: Path, workers: int, out: Path, settings: Settings, shard_size: int) -> dict[str, Any]:
    from distributed import Client

    with local_cluster(workers) as cluster, Client(cluster) as client:
        warm_workers(client, settings)
        shard_seconds: list[float] = []
        started = time.perf_counter()
        report = run_batch(
            [str(corpus)],
            out,
            settings,
            client=client,
            shard_size=shard_size,
            on_shard=lambda summary: shard_seconds.append(summary["seconds"]),
        )
        seconds = time.perf_counter() - started
        worker_rss = sorted(client.run(peak_rss_mb).values())
    if not report.ok:
        raise SystemExit(f"batch with {workers} worker(s) failed: {report.summary()}")
    # Busy share: the time workers spent inside shards over workers × wall time; the rest is scheduling,
    # start-up of the run and idle tails.
    return {
        "workers": workers,
        "articles": report.articles,
        "seconds": seconds,
        "articles_per_s": report.articles / seconds,
        "worker_peak_rss_mb": worker_rss,
        "ms_per_article_in_shards": 1000 * sum(shard_seconds) / max(report.articles, 1),
        "busy_share": sum(shard_seconds) / (workers * seconds),
    }


def _print_report(result: dict[str, Any]) -> None:
    base, ext = result["baseline"], result["extract"]
    print(
        f"\ncorpus: {result['articles']} articles, {result['words']:,} words (mean {result['mean_words']:.0f})"
        f"; load average at start {result['load_average']}; {os.cpu_count()} CPU(s)"
    )
    print(f"baseline (spaCy blank id tokenizer): {base['articles_per_s']:,.1f} articles/s")
    print(
        f"extract, 1 core: {ext['articles_per_s']:.1f} articles/s "
        f"(ratio to baseline {ext['articles_per_s'] / base['articles_per_s']:.4f}; models load in "
        f"{ext['load_seconds']:.1f}s, not counted); peak memory {ext['peak_rss_mb']:.0f} MB; CPU time "
        f"{ext['cpu_seconds'] / ext['seconds']:.2f} × wall time"
    )
    print("  ms per article: " + ", ".join(f"{k} {v:.1f}" for k, v in ext["stage_ms_per_article"].items()))
    verdict = "meets" if ext["articles_per_s"] >= TARGET_PER_CORE else "MISSES"
    print(f"  target ≥ {TARGET_PER_CORE:.0f} articles/s per core: {verdict}")
    first = result["batch"][0] if result["batch"] else None
    for run in result["batch"]:
        speedup = run["articles_per_s"] / first["articles_per_s"]
        print(
            f"batch, {run['workers']} worker(s): {run['articles_per_s']:.1f} articles/s in {run['seconds']:.1f}s"
            f" (× {speedup:.2f} of {first['workers']} worker(s)); worker peak memory "
            f"{', '.join(f'{m:.0f}' for m in run['worker_peak_rss_mb'])} MB; {run['ms_per_article_in_shards']:.1f}"
            f" ms per article inside shards, workers busy {100 * run['busy_share']:.0f}% of the time"
        )
    if len(result["batch"]) > 1:
        ratio = result["batch"][-1]["articles_per_s"] / first["articles_per_s"]
        verdict = "meets" if ratio >= TARGET_SCALING else "MISSES"
        print(f"  target ≥ {TARGET_SCALING} × from 1 to 2 workers: {verdict} ({ratio:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, e.g. 1,2 (empty: none)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shard-size", type=int, default=25)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-parser", action="store_true", help="word-order arguments only (the parser's cost)")
    parser.add_argument(
        "--event-classifier", action="store_true", help="also extract with the event classifier on (its cost)"
    )
    args = parser.parse_args()
    settings = Settings(parser_model=None) if args.no_parser else Settings()
    with tempfile.TemporaryDirectory(prefix="peristiwa-bench-") as tmp:
        corpus = write_corpus(Path(tmp) / "corpus.jsonl", args.articles, args.seed)
        texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
        words = sum(len(t.split()) for t in texts)
        result: dict[str, Any] = {
            "articles": len(texts),
            "words": words,
            "mean_words": words / len(texts),
            "load_average": os.getloadavg(),
            "baseline": measure_baseline(texts),
        }
        print(f"baseline done: {result['baseline']['articles_per_s']:,.1f} articles/s", flush=True)
        result["extract"] = measure_extract(corpus, settings)
        print(f"extract done: {result['extract']['articles_per_s']:.1f} articles/s", flush=True)
        if args.event_classifier:
            with_model = replace(settings, event_classifier=MODELS_DIR / "events_clf")
            result["extract_classifier"] = measure_extract(corpus, with_model)
            ext = result["extract_classifier"]
            print(
                f"extract with the event classifier: {ext['articles_per_s']:.1f} articles/s (events "
                f"{ext['stage_ms_per_article']['events']:.1f} ms per article, without "
                f"{result['extract']['stage_ms_per_article']['events']:.1f})",
                flush=True,
            )
        counts = [int(n) for n in args.workers.split(",") if n.strip()]
        result["batch"] = [
            measure_batch(corpus, n, Path(tmp) / f"batch-{n}", settings, args.shard_size) for n in counts
        ]
    _print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
