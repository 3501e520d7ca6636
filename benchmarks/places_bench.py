"""Places benchmark: gazetteer load time and the time the places stage adds per article.

    .venv/bin/python benchmarks/places_bench.py [ARTICLES ...] [--repeat 5]

Not part of the test suite. Runs the whole pipeline on the articles (default: the bundled seeds and the
held-out articles of tests/places/heldout.yaml) and reports, per article, the places stage's own time and the
event-location step (timed inside the events stage by calling it again on the finished document).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peristiwa.model import Document, Source  # noqa: E402
from peristiwa.pipeline import Pipeline  # noqa: E402
from peristiwa.settings import DATA_DIR, Settings  # noqa: E402
from peristiwa.stages.ingest import RawArticle, read_inputs  # noqa: E402
from peristiwa.stages.places.gazetteer import GAZETTEER_NAME, _load_cached  # noqa: E402
from tests.places.kit import load_articles  # noqa: E402


def gazetteer_load_seconds() -> float:
    _load_cached.cache_clear()
    started = time.perf_counter()
    _load_cached((DATA_DIR / "places" / GAZETTEER_NAME).resolve())
    return time.perf_counter() - started


def articles(paths: list[str]) -> list[RawArticle]:
    if paths:
        return [item for item in read_inputs(paths, Settings().max_bytes) if isinstance(item, RawArticle)]
    seeds = [
        item
        for item in read_inputs([str(ROOT / "src/peristiwa/samples")], Settings().max_bytes)
        if isinstance(item, RawArticle)
    ]
    heldout = [
        RawArticle("\n\n".join(s["text"] for s in a["sentences"]), Source(path=f"{a['name']}.txt"))
        for a in load_articles()
    ]
    return seeds + heldout


def time_places(pipeline: Pipeline, raw: RawArticle, repeat: int) -> tuple[float, int]:
    """Median seconds of the places stage on one finished document, and its number of places."""
    doc: Document = pipeline.process(raw)
    stage = dict(pipeline.stages)["places"]
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        stage(doc)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), len(doc.places)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    loads = [gazetteer_load_seconds() for _ in range(3)]
    print(f"gazetteer load: median {statistics.median(loads) * 1000:.0f} ms over 3 cold loads")
    pipeline = Pipeline()
    raws = articles(args.articles)
    timings = [time_places(pipeline, raw, args.repeat) for raw in raws]
    total = sum(pipeline.timings.values())
    seconds = [t for t, _ in timings]
    print(
        f"{len(raws)} articles; places stage per article: median {statistics.median(seconds) * 1e3:.2f} ms, "
        f"max {max(seconds) * 1e3:.2f} ms; places per article: median {statistics.median(n for _, n in timings)}"
    )
    print(
        f"whole pipeline per article: {total / len(raws) * 1e3:.0f} ms (places share "
        f"{pipeline.timings['places'] / total:.2%})"
    )


if __name__ == "__main__":
    main()
