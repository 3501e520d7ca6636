"""Event dates that differ from gold, with what is needed to see why.

    .venv/bin/python scripts/event_date_errors.py [--sources dev,heldout,seeds] [--all] [--json]

Runs the pipeline on the development data (corpus/dev, tests/heldout*/, the seeds; never corpus/blind) and,
for each gold event that carries a date and whose (source, type, target, negated) was found — the events
`event_date_acc` scores —, pairs it with a found event of that key as the scorer does (one with the same date,
used up; else, to show, the one whose sentence holds most of the gold evidence). Each pair whose dates differ is printed
with its sentence, the predicted date, date_source and precision, the gold date, the article's report date
and its dateline. `--all` prints the pairs whose dates agree too; `--json` writes JSON Lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dev_sets import sources

from peristiwa.model import Document, Event
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import read_inputs


@dataclass(frozen=True, slots=True)
class Pair:
    set: str
    file: str
    key: str
    gold_date: str
    date: str | None
    date_source: str
    precision: str | None
    published: str | None
    dateline: str | None
    gold_evidence: str
    evidence: str
    sentence: str
    gold_sentence: str  # the sentence that holds the gold evidence, with the events found there
    found_there: str


def key_of(event: dict[str, Any] | Event) -> tuple[Any, ...]:
    if isinstance(event, Event):
        return (event.source, event.type, event.target, event.negated)
    return (event.get("source"), event.get("type"), event.get("target"), bool(event.get("negated")))


def overlap(gold_evidence: str, event: Event, doc: Document) -> int:
    """How much of the gold evidence the event's sentence holds (its words), to pick the event meant."""
    sentence = doc.text[event.sentence.start : event.sentence.end]
    words = gold_evidence.split()
    return sum(1 for w in words if w in sentence) + (100 if gold_evidence in sentence else 0)


def gold_sentence(evidence: str, doc: Document) -> dict[str, str]:
    """The sentence holding the gold evidence, its date mentions, and the events found in it."""
    at = doc.text.find(evidence)
    sentence = doc.sentence_at(at) if at >= 0 else None
    if sentence is None:
        return {"gold_sentence": "(evidence not in the clean text)", "found_there": ""}
    dates = [f"{d.text!r}={d.value}" for d in doc.dates if sentence.start <= d.start < sentence.end]
    events = [
        f"{e.source}/{e.type}/{e.target} {e.date} ({e.date_source})"
        for e in doc.events
        if e.sentence.start == sentence.start
    ]
    text = " ".join(doc.text[sentence.start : sentence.end].split())
    return {"gold_sentence": f"{text}  [dates: {', '.join(dates)}]", "found_there": "; ".join(events)}


def _key(key: tuple[Any, ...]) -> str:
    return "/".join(str(k) for k in key[:3]) + ("/neg" if key[3] else "")


def pairs_of(name: str, gold: dict[str, Any], doc: Document) -> Iterator[Pair]:
    found: dict[tuple[Any, ...], list[Event]] = {}
    for event in doc.events:
        found.setdefault(key_of(event), []).append(event)
    for gold_event in gold.get("events", []):
        key = key_of(gold_event)
        if not gold_event.get("date") or key not in found:
            continue
        candidates = found[key]
        same = [e for e in candidates if e.date == gold_event["date"]]
        if same:
            candidates.remove(same[0])  # as the scorer: a found event is used up only by the date it matches
        left = same or sorted(candidates, key=lambda e: -overlap(gold_event["evidence"], e, doc))
        if not left:  # every found event of the key matched another gold event's date
            yield Pair(
                name,
                gold["source_file"],
                _key(key),
                gold_event["date"],
                None,
                "(used)",
                None,
                doc.published,
                None,
                gold_event["evidence"],
                "",
                "",
                **gold_sentence(gold_event["evidence"], doc),
            )
            continue
        chosen = left[0]
        yield Pair(
            set=name,
            file=gold["source_file"],
            key=_key(key),
            gold_date=gold_event["date"],
            date=chosen.date,
            date_source=chosen.date_source,
            precision=chosen.date_precision,
            published=doc.published,
            dateline=doc.dateline.text if doc.dateline else None,
            gold_evidence=gold_event["evidence"],
            evidence=chosen.evidence.text,
            sentence=" ".join(doc.text[chosen.sentence.start : chosen.sentence.end].split()),
            **gold_sentence(gold_event["evidence"], doc),
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", default="dev,heldout,seeds")
    parser.add_argument("--all", action="store_true", help="print the pairs whose dates agree too")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    totals: dict[str, list[int]] = {}
    for name, gold_path, raw in sources(args.sources.split(",")):
        golds = {g["source_file"]: g for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())}
        paths = sorted(str(p) for p in raw.glob("*.txt") if p.name in golds)
        for item in read_inputs(paths, 1_000_000):
            doc = pipeline.process(item)  # type: ignore[arg-type]
            for pair in pairs_of(name, golds[Path(str(doc.source.path)).name], doc):
                ok = pair.date == pair.gold_date
                totals.setdefault(name, [0, 0])[0] += ok
                totals[name][1] += 1
                if ok and not args.all:
                    continue
                if args.json:
                    print(json.dumps(asdict(pair), ensure_ascii=False))
                else:
                    mark = "ok " if ok else "ERR"
                    print(
                        f"{mark} {pair.set}/{pair.file} {pair.key}: gold {pair.gold_date} | found {pair.date} "
                        f"({pair.date_source}, {pair.precision}) | published {pair.published} | "
                        f"dateline {pair.dateline!r}\n    gold: {pair.gold_evidence}\n    sent: {pair.sentence}"
                        f"\n    gold sentence: {pair.gold_sentence}\n    found there: {pair.found_there}"
                    )
    for name, (ok, n) in totals.items():
        print(f"# {name}: {ok}/{n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
