"""Gold events whose trigger the coder found with the right type but whose source or target it got wrong.

    .venv/bin/python scripts/argument_errors.py [--sources dev,heldout,seeds] [--json] [--table]

Runs the pipeline on the development data (corpus/dev, tests/heldout*/, the seeds; never corpus/blind) and
records every trigger the coder reads (found events or not: a trigger with no source writes none). For each
gold event that was not found, it looks in the sentence holding the gold evidence for a trigger of the gold
type (after the future → AGREE change) and prints the sentence, the trigger, the participants the coder
picked and gold's, the parse around the trigger, and a guess at the construction that lost the argument
(`classify`). `--table` prints only the counts per class and side; `--json` writes JSON Lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dev_sets import sources

import peristiwa.stages.events as events_stage
from peristiwa.model import Document
from peristiwa.pipeline import Pipeline
from peristiwa.stages.events.arguments import chain, chain_ending_at
from peristiwa.stages.events.coder import Candidate
from peristiwa.stages.events.events import codes_of, event_type
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.view import View
from peristiwa.stages.ingest import read_inputs

WINDOW = 8  # tokens of parse shown on each side of the trigger


@dataclass(slots=True)
class Seen:
    """One trigger as the coder read it, with what is needed to explain it afterwards."""

    view: View
    cand: Candidate
    kind: str  # the type it is written with (future cooperation is AGREE)


@dataclass(slots=True)
class Miss:
    set: str
    file: str
    side: str  # source | target | both
    gold: str
    picked: str
    trigger: str
    rule: str
    sentence: str
    classes: list[str]
    parse: str = ""
    args: list[str] = field(default_factory=list)


def record_candidates(seen: list[Seen]) -> None:
    """Wrap the stage's `build_events` so that every candidate it is handed is kept in `seen`."""
    original = events_stage.build_events

    def keeping(doc: Document, view: View, sentence: Any, cand: Candidate, reader: Any) -> Any:
        seen.append(Seen(view, cand, event_type(view, cand)))
        return original(doc, view, sentence, cand, reader)

    events_stage.build_events = keeping  # type: ignore[assignment]


def key_of(event: Any) -> tuple[Any, ...]:
    if isinstance(event, dict):
        return (event.get("source"), event.get("type"), event.get("target"), bool(event.get("negated")))
    return (event.source, event.type, event.target, event.negated)


def _codes(args: list[Arg]) -> set[str]:
    return {code for code, _ in codes_of(args)}


def _text(view: View, first: int, last: int) -> str:
    return " ".join(view.toks[k].text for k in range(first, last))


def _describe(view: View, args: list[Arg]) -> str:
    return "; ".join(f"{'/'.join(a.codes)}={_text(view, a.first, a.last)!r}({a.kind})" for a in args) or "-"


def parse_around(view: View, i: int) -> str:
    tree = view.tree()
    if tree is None:
        return "(no parse)"
    lo, hi = max(view.lo, i - WINDOW), min(view.hi, i + WINDOW)
    cells = []
    for k in range(lo, hi):
        head = tree.head.get(k)
        where = view.toks[head].text if head is not None else "ROOT"
        cells.append(f"{view.toks[k].text}/{tree.upos.get(k, '?')}<{tree.rel.get(k, '?')}:{where}")
    return " ".join(cells)


def _word(view: View, k: int) -> str:
    return view.low(k)


def classify(doc: Document, gold: dict[str, Any], seen: Seen, side: str, code: str | None) -> list[str]:
    """The constructions that may have lost the argument `code` on `side` (guesses from the words around it)."""
    view, cand = seen.view, seen.cand
    g = view.grammar
    trig = cand.match.first
    carriers = [a for a in view.args if code in a.codes] if code else []
    if code is None:
        return ["gold has no target"]
    if not carriers:
        if _speaker_of_quote(doc, view, code):
            return ["speaker of a quote as source"]
        return ["actor not in the sentence (earlier sentence / coreference)"]
    picked = cand.sources if side == "source" else cand.targets
    if any(a in carriers for a in picked):
        return ["right mention, other codes on it"]
    classes = []
    near = min(carriers, key=lambda a: abs(a.first - trig))
    between = [_word(view, k) for k in range(min(near.first, trig), max(near.last, trig))]
    before = _word(view, near.first - 1)
    if g.relative in between:
        classes.append("relative clause between")
    if g.agent_marker in between or before == g.agent_marker or cand.match.head.passive:
        classes.append("passive / oleh agent")
    if before in {"terhadap", "kepada", "dengan", "atas", "ke", "pada", "untuk", "bagi"}:
        classes.append(f"oblique '{before}'")
    members = _list_of(view, near)
    if len(members) >= 3:
        classes.append("list of 3+ actors")
    if "," in between and near.first < trig and sum(1 for w in between if w == ",") >= 2:
        classes.append("apposition / commas between")
    if cand.match.head.pos == "noun" and near.first >= cand.match.last:
        close = before == "dari" or near.first - cand.match.last <= 2
        classes.append("genitive / 'dari' of event noun" if close else "after event noun, farther")
    if _speaker_of_quote(doc, view, code) and side == "source":
        classes.append("speaker of a quote as source")
    if any(view.is_hard(k) for k in range(min(near.first, trig), max(near.last, trig))):
        classes.append("across a clause boundary")
    if near.first > trig and side == "source":
        classes.append("source after trigger")
    if near.last <= trig and side == "target":
        classes.append("target before trigger")
    return classes or ["other"]


def _list_of(view: View, arg: Arg) -> list[Arg]:
    return chain_ending_at(view, arg)[:-1] + chain(view, arg)


def _speaker_of_quote(doc: Document, view: View, code: str) -> bool:
    start, end = view.toks[view.lo].start, view.toks[view.hi - 1].end
    for quote in doc.quotes:
        if quote.start < end and start < quote.end and quote.speaker_id:
            speaker = doc.entity(quote.speaker_id)
            if speaker is not None and speaker.actor == code:
                return True
    return False


def misses(name: str, gold: dict[str, Any], doc: Document, seen: list[Seen]) -> Iterator[Miss]:
    found = Counter(key_of(e) for e in doc.events)
    for gold_event in gold.get("events", []):
        key = key_of(gold_event)
        if found[key] > 0:
            found[key] -= 1
            continue
        at = doc.text.find(gold_event.get("evidence") or "\0")
        sentence = doc.sentence_at(at) if at >= 0 else None
        if sentence is None:
            continue
        lo, hi = sentence.start, sentence.end
        here = [
            s
            for s in seen
            if lo <= s.view.toks[s.cand.match.first].start < hi
            and s.kind == gold_event["type"]
            and not s.cand.suppressed
            and bool(s.cand.modality.negated) == bool(gold_event.get("negated"))
        ]
        if not here:
            continue
        chosen = min(here, key=lambda s: abs(s.view.toks[s.cand.match.first].start - at))
        yield _miss(name, gold, doc, gold_event, chosen)


def _miss(name: str, gold: dict[str, Any], doc: Document, gold_event: dict[str, Any], s: Seen) -> Miss:
    view, cand = s.view, s.cand
    src_ok = gold_event.get("source") in _codes(cand.sources)
    tgt_codes = _codes(cand.targets)
    tgt_ok = (gold_event.get("target") in tgt_codes) if gold_event.get("target") else not tgt_codes
    side = "both" if not src_ok and not tgt_ok else ("source" if not src_ok else "target")
    if src_ok and tgt_ok:
        side = "pairing"  # both sides found but not written as this pair (symmetric, policy, mutual)
    classes: list[str] = []
    if side in {"source", "both"}:
        classes += [f"S: {c}" for c in classify(doc, gold, s, "source", gold_event.get("source"))]
    if side in {"target", "both"}:
        classes += [f"T: {c}" for c in classify(doc, gold, s, "target", gold_event.get("target"))]
    if side == "pairing":
        classes = ["both sides found, pair not written (gold twice, target policy)"]
    return Miss(
        set=name,
        file=gold["source_file"],
        side=side,
        gold=f"{gold_event.get('source')} {gold_event['type']} {gold_event.get('target')}",
        picked=f"{_describe(view, cand.sources)} -> {_describe(view, cand.targets)}",
        trigger=_text(view, cand.match.first, cand.match.last),
        rule=cand.match.entry.id,
        sentence=" ".join(_text(view, view.lo, view.hi).split()),
        classes=classes,
        parse=parse_around(view, cand.match.first),
        args=[_describe(view, [a]) for a in view.args],
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", default="dev,heldout,seeds")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--table", action="store_true", help="only the counts per class")
    args = parser.parse_args(argv)
    seen: list[Seen] = []
    record_candidates(seen)
    pipeline = Pipeline()
    table: Counter[tuple[str, str]] = Counter()
    for name, gold_path, raw in sources(args.sources.split(",")):
        golds = {g["source_file"]: g for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())}
        paths = sorted(str(p) for p in raw.glob("*.txt") if p.name in golds)
        for item in read_inputs(paths, 1_000_000):
            seen.clear()
            doc = pipeline.process(item)  # type: ignore[arg-type]
            for miss in misses(name, golds[Path(str(doc.source.path)).name], doc, seen):
                for cls in miss.classes:
                    table[(name if name in {"dev", "seeds"} else "heldout", cls)] += 1
                if args.table:
                    continue
                if args.json:
                    print(json.dumps(asdict(miss), ensure_ascii=False))
                else:
                    print(
                        f"{miss.set}/{miss.file} [{miss.side}] gold {miss.gold} | trigger {miss.trigger!r} "
                        f"({miss.rule})\n    picked: {miss.picked}\n    classes: {', '.join(miss.classes)}"
                        f"\n    sent: {miss.sentence}\n    args: {' | '.join(miss.args)}\n    parse: {miss.parse}"
                    )
    classes = sorted({cls for _, cls in table}, key=lambda c: -sum(v for (_, k), v in table.items() if k == c))
    print(f"\n{'class':60} {'dev':>5} {'heldout':>8} {'seeds':>6}", file=sys.stderr)
    for cls in classes:
        row = [table[(s, cls)] for s in ("dev", "heldout", "seeds")]
        print(f"{cls:60} {row[0]:>5} {row[1]:>8} {row[2]:>6}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
