"""Sentences of the development part, each with the PLOVER types of the gold events it tells.

Reads corpus/dev and tests/heldout*/ only (never corpus/blind: the blind part is scored at release and must not
shape a model). Each article is run through the pipeline up to the events stage, so the sentences are the ones
the coder sees at run time; a gold event's `evidence` substring places it in the sentence that holds it.

Writes one JSON object per sentence to training/events_clf/data/sentences.jsonl:
``{"doc", "family", "text", "words", "n_args", "types", "rule_types"}``: `words` is the model's input (the
sentence's words with each participant one placeholder, `stages/events/classifier.masked_words`), `rule_types`
what the rules code there (for the analysis of where the model could help).

Run from the repository root: ``.venv/bin/python training/events_clf/build_data.py``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = HERE / "data" / "sentences.jsonl"
BLIND = (REPO / "corpus" / "blind").resolve()


def gold_sets() -> list[tuple[Path, Path]]:
    """(gold file, raw folder) of every development set: corpus/dev and the held-out sets."""
    sets = [(REPO / "corpus" / "dev" / "gold.jsonl", REPO / "corpus" / "dev" / "raw")]
    sets += [(d / "gold.jsonl", d / "raw") for d in sorted((REPO / "tests").glob("heldout*")) if d.is_dir()]
    for gold, raw in sets:  # a guard, not a filter: nothing under corpus/blind may ever be read here
        if BLIND in gold.resolve().parents or BLIND in raw.resolve().parents:
            raise SystemExit(f"refusing to read the blind part: {gold}")
    return sets


def families() -> dict[str, str]:
    """Source file → story family (corpus/manifest.jsonl); a held-out article is a family of its own."""
    rows = [json.loads(line) for line in (REPO / "corpus" / "manifest.jsonl").read_text().splitlines() if line]
    return {r["source_file"]: r["family"] for r in rows if r["split"] == "dev"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def model_inputs(doc: Any) -> list[tuple[list[str], int]]:
    """Per sentence: the classifier's input words and the number of participants, as the coder makes them."""
    from peristiwa.settings import DATA_DIR
    from peristiwa.stages.events import _view  # the coder's own view of a sentence, participants included
    from peristiwa.stages.events.classifier import masked_words
    from peristiwa.stages.events.lexicon import load_lexicon
    from peristiwa.stages.events.participants import collect_args
    from peristiwa.stages.events.text import sentences_of, tokens_of
    from peristiwa.stages.events.view import Grammar

    lexicon = load_lexicon(DATA_DIR)
    toks = tokens_of(doc)
    args = collect_args(doc, toks, lexicon.grammar)
    grammar = Grammar(lexicon.grammar)
    inputs = []
    for sentence in sentences_of(doc):
        view = _view(toks, sentence, args, grammar, lexicon)
        inputs.append(([""], 0) if view is None else (masked_words(toks, view.lo, view.hi, view.args), len(view.args)))
    return inputs


def sentence_rows(doc: Any, gold: dict[str, Any], family: str) -> tuple[list[dict[str, Any]], int]:
    """One row per sentence of `doc`; also the number of gold events whose evidence no sentence holds."""
    from peristiwa.stages.events.text import sentences_of

    sentences = sentences_of(doc)
    texts = [doc.text[s.start : s.end] for s in sentences]
    squashed = [_squash(t) for t in texts]
    types: list[set[str]] = [set() for _ in texts]
    unplaced = 0
    for event in gold.get("events", []):
        evidence = _squash(event.get("evidence") or "")
        hit = next((i for i, s in enumerate(squashed) if evidence and evidence in s), None)
        if hit is None:  # evidence across a sentence boundary: the sentence holding its first words
            head = evidence[:40]
            hit = next((i for i, s in enumerate(squashed) if head and head in s), None)
        if hit is None:
            unplaced += 1
            continue
        types[hit].add(event["type"])
    rule_types: list[set[str]] = [set() for _ in texts]
    starts = [s.start for s in sentences]
    for event in doc.events:
        k = starts.index(event.sentence.start) if event.sentence.start in starts else None
        if k is not None:
            rule_types[k].add(event.type)
    inputs = model_inputs(doc)
    rows = [
        {
            "doc": gold["source_file"],
            "family": family,
            "text": text,
            "words": inputs[i][0],
            "n_args": inputs[i][1],
            "types": sorted(types[i]),
            "rule_types": sorted(rule_types[i]),
        }
        for i, text in enumerate(texts)
    ]
    return rows, unplaced


def main() -> int:
    from peristiwa.model import Source
    from peristiwa.pipeline import Pipeline
    from peristiwa.settings import Settings
    from peristiwa.stages.ingest import RawArticle

    pipeline = Pipeline(Settings())
    family_of = families()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    total = unplaced = 0
    with OUT.open("w", encoding="utf-8") as out:
        for gold_path, raw_dir in gold_sets():
            for line in gold_path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                gold = json.loads(line)
                path = raw_dir / gold["source_file"]
                family = family_of.get(gold["source_file"], f"{raw_dir.parent.name}/{gold['source_file']}")
                doc = pipeline.process(RawArticle(path.read_text(encoding="utf-8"), Source(path=str(path))))
                rows, missed = sentence_rows(doc, gold, family)
                total += len(gold.get("events", []))
                unplaced += missed
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{OUT}: gold events {total}, placed in a sentence {total - unplaced}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
