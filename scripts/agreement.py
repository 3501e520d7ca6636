"""Inter-annotator agreement: one annotation scored against another with the metrics of `peristiwa eval`.

    python scripts/agreement.py FIRST.gold.jsonl SECOND.gold.jsonl RAW_DIR...

The second annotation is turned into the record an ideal system would write (entities with their aliases as
mentions, quotes opening at their first words, events and dates as annotated) and scored against the first.
Only documents in both files count. Prints one line per layer: P, R and F1 (F1 is symmetric for events,
dyads and quotes; entity precision follows score.py's definition).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from peristiwa.evaluate import score

LAYERS = ("entities", "person_actor", "quotes", "date_values", "events", "event_dyads", "event_dates")


def as_record(gold: dict[str, Any], raw: str) -> dict[str, Any]:
    """The record that reproduces `gold` exactly, for scoring one annotator against another."""
    quotes = []
    for quote in gold.get("quotes", []):
        at = raw.find(quote["start"])
        quotes.append(
            {
                "speaker": quote.get("speaker"),
                "text": raw[at : at + 300] if at >= 0 else quote["start"],
                "direct": quote.get("direct"),
            }
        )
    return {
        "source": {"path": gold["source_file"]},
        "title": gold.get("title"),
        "published": gold.get("published"),
        "text": raw,
        "entities": [
            {
                "name": e["name"],
                "type": e.get("type"),
                "actor": e.get("actor"),
                "mentions": [{"text": alias} for alias in e.get("aliases", [])],
            }
            for e in gold.get("entities", [])
        ],
        "quotes": quotes,
        "dates": [{"text": d["text"], "value": d.get("value")} for d in gold.get("dates", [])],
        "events": gold.get("events", []),
    }


def read(path: str) -> dict[str, dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return {doc["source_file"]: doc for doc in map(json.loads, filter(str.strip, lines))}


def main(first_path: str, second_path: str, raw_dirs: list[str]) -> None:
    first, second = read(first_path), read(second_path)
    shared = sorted(set(first) & set(second))
    raws = {name: next(Path(d) / name for d in raw_dirs if (Path(d) / name).exists()) for name in shared}
    records = [as_record(second[name], raws[name].read_text(encoding="utf-8")) for name in shared]
    overall = score([first[name] for name in shared], records)["overall"]
    print(f"{len(shared)} documents annotated twice")
    for layer in LAYERS:
        s = overall[layer]
        print(f"{layer:14} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}  ({s['tp']:g}/{s['sys']:g}/{s['gold']:g})")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
