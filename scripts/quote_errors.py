"""Quote errors against gold, with the sentence each one stands in.

    .venv/bin/python scripts/quote_errors.py [--sources dev,heldout,seeds] [--json] [--records FILE]

Runs the pipeline on the development data (corpus/dev, tests/heldout*/, the seeds; never corpus/blind) and pairs
gold quotes with found ones as `peristiwa eval` does (the gold opening within the first characters of a found
quote). Each gold quote that is not matched with its speaker is printed as `missed` (no found quote opens with
its words), `speaker` (found, with another speaker) or `start` (a found quote in the same sentence opens
elsewhere); each found quote that no gold quote opens is `spurious`. `--records FILE` reuses (or writes) the
records of an earlier run, so that the listing can be read again without running the pipeline.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dev_sets import sources

from peristiwa import evaluate
from peristiwa.model import to_record
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import read_inputs

OPENING_SLACK = 40  # characters a gold opening may stand from a found quote's start (evaluate.score_quotes)


@dataclass(frozen=True, slots=True)
class QuoteError:
    set: str
    file: str
    kind: str  # missed | speaker | start | spurious
    direct: bool | None
    gold_speaker: str | None
    speaker: str | None
    gold_start: str | None
    start: str | None
    cue: str | None
    sentence: str


def records_of(raw_dir: Path, pipeline: Pipeline) -> dict[str, dict[str, Any]]:
    paths = sorted(str(p) for p in raw_dir.glob("*.txt"))
    records = [to_record(pipeline.process(raw)) for raw in read_inputs(paths, 1_000_000)]  # type: ignore[arg-type]
    return {evaluate.record_key(record): record for record in records}


def sentence_at(text: str, needle: str | None, offset: int | None = None) -> str:
    """The line of the clean text that holds the offset (or the needle), cut to a readable length."""
    at = offset if offset is not None else (text.find(needle) if needle else -1)
    if at < 0:
        return ""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    line = text[lo : hi if hi >= 0 else len(text)]
    return line if len(line) <= 400 else line[max(0, at - lo - 200) : at - lo + 200]


def errors_of(name: str, gold: dict[str, Any], record: dict[str, Any]) -> list[QuoteError]:
    aliases = {e["name"]: evaluate._aliases(e) for e in gold.get("entities", [])}
    quotes = record.get("quotes") or []
    text = record.get("text") or ""
    opened: set[int] = set()
    found: list[QuoteError] = []
    for quote in gold.get("quotes", []):
        start = evaluate.norm(quote["start"])
        speakers = aliases.get(quote["speaker"], {evaluate.norm(quote["speaker"])}) if quote.get("speaker") else {""}
        hits = [i for i, q in enumerate(quotes) if start in evaluate.norm(q.get("text"))[: len(start) + OPENING_SLACK]]
        opened.update(hits)
        right = [i for i in hits if evaluate.norm(quotes[i].get("speaker")) in speakers]
        if right:
            continue
        near = _covering(quotes, text, quote["start"])
        kind = "speaker" if hits else ("start" if near is not None else "missed")
        shown = quotes[hits[0]] if hits else (quotes[near] if near is not None else {})
        found.append(
            QuoteError(
                name,
                gold["source_file"],
                kind,
                quote.get("direct"),
                quote.get("speaker"),
                shown.get("speaker"),
                quote["start"],
                (shown.get("text") or "")[:60] or None,
                shown.get("cue"),
                sentence_at(text, quote["start"]),
            )
        )
    for i, q in enumerate(quotes):
        if i not in opened and not _claimed(q, quotes, gold):
            found.append(
                QuoteError(
                    name, gold["source_file"], "spurious", q.get("direct"), None, q.get("speaker"), None,
                    (q.get("text") or "")[:60], q.get("cue"), sentence_at(text, None, q.get("start")),
                )
            )  # fmt: skip
    return found


def _covering(quotes: list[dict[str, Any]], text: str, gold_start: str) -> int | None:
    """A found quote whose span holds the gold opening (it opens elsewhere)."""
    at = text.find(gold_start)
    if at < 0:
        return None
    return next((i for i, q in enumerate(quotes) if q.get("start", -1) <= at < q.get("end", -1)), None)


def _claimed(quote: dict[str, Any], quotes: list[dict[str, Any]], gold: dict[str, Any]) -> bool:
    """A found quote whose span holds a gold opening is reported with that gold quote (`start`), not twice."""
    body = evaluate.norm(quote.get("text"))
    return any(evaluate.norm(g["start"]) in body for g in gold.get("quotes", []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", default="dev,heldout,seeds")
    parser.add_argument("--json", action="store_true", help="JSON Lines instead of a table")
    parser.add_argument("--records", type=Path, help="read the records from FILE if it exists, else write them")
    args = parser.parse_args(argv)
    cached: dict[str, dict[str, dict[str, Any]]] = {}
    if args.records and args.records.exists():
        cached = json.loads(args.records.read_text(encoding="utf-8"))
    pipeline: Pipeline | None = None
    every: list[QuoteError] = []
    for name, gold_path, raw_dir in sources(args.sources.split(",")):
        if name not in cached:
            pipeline = pipeline or Pipeline()
            cached[name] = records_of(raw_dir, pipeline)
        for gold in evaluate.load_gold(gold_path):
            record = cached[name].get(gold["source_file"])
            if record is not None:
                every.extend(errors_of(name, gold, record))
    if args.records and not args.records.exists():
        args.records.write_text(json.dumps(cached, ensure_ascii=False), encoding="utf-8")
    for error in every:
        if args.json:
            print(json.dumps(asdict(error), ensure_ascii=False))
        else:
            print(
                f"{error.set}/{error.file} {error.kind} direct={error.direct} gold={error.gold_speaker!r} "
                f"found={error.speaker!r} cue={error.cue!r}\n  gold start: {error.gold_start!r}\n"
                f"  found: {error.start!r}\n  | {error.sentence}\n"
            )
    print(f"{len(every)} quote error(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
