"""Train, cross-validate and export the sentence classifier over PLOVER types (`src/peristiwa/models/events_clf`).

Sub-commands (run from the repository root, one CPU thread: ``OMP_NUM_THREADS=1 .venv/bin/python …``):

* ``sentences`` – cross-validation by story family at the sentence level: how often the model's best type is
  a gold type of the sentence, at each threshold, over all sentences and over those where the rules code none;
* ``cv``        – cross-validation of the whole pipeline: for each fold, a model trained on the other folds, the
  pipeline run on the fold's articles with and without it, events and dyads pooled over all folds;
* ``export``    – a model trained on all development sentences, saved with its thresholds into the package.

Input: ``training/events_clf/data/sentences.jsonl`` from ``build_data.py`` (development part only: corpus/dev
and tests/heldout*; never corpus/blind). Results of ``cv`` go to ``training/events_clf/cv.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DATA = HERE / "data" / "sentences.jsonl"
OUTPUT = HERE / "output"
MODEL_DIR = REPO / "src" / "peristiwa" / "models" / "events_clf"
TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION "
    "MOBILIZE COERCE ASSAULT"
).split()
FOLDS = 5
SEED = 0

# Model architectures tried (`--arch`); "bow" is what ships (see README.md for the comparison).
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "bow": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 65536,
    },
    "cnn": {
        "@architectures": "spacy.TextCatReduce.v1",
        "exclusive_classes": False,
        "use_reduce_first": False,
        "use_reduce_last": False,
        "use_reduce_max": True,
        "use_reduce_mean": True,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": 64,
            "depth": 2,
            "embed_size": 5000,
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    },
}


def load_rows(path: Path = DATA) -> list[dict[str, Any]]:
    if not path.exists():
        raise SystemExit(f"{path} is missing: run training/events_clf/build_data.py first")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def assign_folds(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Story family → fold, every article of a story on the same side; the largest families first, each to the
    fold with the fewest articles so far (ties by a stable hash), so the folds are of about one size."""
    sizes: dict[str, set[str]] = {}
    for row in rows:
        sizes.setdefault(row["family"], set()).add(row["doc"])
    load = [0] * FOLDS
    folds = {}
    key = lambda f: (-len(sizes[f]), hashlib.sha1(f.encode()).hexdigest())  # noqa: E731
    for family in sorted(sizes, key=key):
        folds[family] = min(range(FOLDS), key=lambda k: (load[k], k))
        load[folds[family]] += len(sizes[family])
    return folds


def make_nlp(arch: str) -> Language:
    nlp = spacy.blank("id")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": ARCHITECTURES[arch], "threshold": 0.5})
    for label in TYPES:
        textcat.add_label(label)
    return nlp


def examples(nlp: Language, rows: Iterable[dict[str, Any]]) -> list[Example]:
    """Sentences with at least one participant (the only ones the coder asks the model about)."""
    return [
        Example.from_dict(Doc(nlp.vocab, words=r["words"]), {"cats": {t: float(t in r["types"]) for t in TYPES}})
        for r in rows
        if r["n_args"] > 0
    ]


def train(rows: list[dict[str, Any]], arch: str, epochs: int, seed: int = SEED) -> Language:
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = make_nlp(arch)
    train_examples = examples(nlp, rows)
    optimizer = nlp.initialize(lambda: train_examples)
    for _ in range(epochs):
        random.shuffle(train_examples)
        losses: dict[str, float] = {}
        for batch in minibatch(train_examples, size=32):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
    return nlp


def predict(nlp: Language, rows: list[dict[str, Any]]) -> list[dict[str, float]]:
    return [dict(d.cats) for d in nlp.pipe(Doc(nlp.vocab, words=r["words"]) for r in rows)]


def sentence_cv(args: argparse.Namespace) -> None:
    """Top-type precision and coverage per threshold, over held-out folds, for sentences with participants."""
    rows = [r for r in load_rows() if r["n_args"] > 0]
    folds = assign_folds(load_rows())
    fold_of = folds.__getitem__
    scored: list[tuple[dict[str, Any], dict[str, float]]] = []
    for fold in range(FOLDS):
        nlp = train([r for r in rows if fold_of(r["family"]) != fold], args.arch, args.epochs)
        held = [r for r in rows if fold_of(r["family"]) == fold]
        scored += zip(held, predict(nlp, held), strict=True)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with (OUTPUT / f"sentences-{args.arch}-{args.epochs}.jsonl").open("w", encoding="utf-8") as out:
        for row, cats in scored:
            out.write(json.dumps(row | {"cats": cats}, ensure_ascii=False) + "\n")
    for subset, name in ((scored, "all"), ([s for s in scored if not s[0]["rule_types"]], "rules code none")):
        labelled = sum(bool(r["types"]) for r, _ in subset)
        print(f"{name}: {len(subset)} sentences, {labelled} with a gold event")
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            chosen = [(r, max(c, key=lambda t: c[t])) for r, c in subset if max(c.values()) >= threshold]
            right = sum(best in r["types"] for r, best in chosen)
            print(f"  >= {threshold}: {len(chosen)} proposed, {right} right (P {right / max(1, len(chosen)):.3f})")
    retyped = [(r, c) for r, c in scored if r["rule_types"] and r["types"]]
    print(f"rule-typed sentences with gold: {len(retyped)}")
    for threshold in (0.5, 0.6, 0.7, 0.8):
        changes = [(r, max(c, key=lambda t: c[t]), c) for r, c in retyped if max(c.values()) >= threshold]
        changes = [(r, b, c) for r, b, c in changes if b not in r["rule_types"]]
        good = sum(b in r["types"] and not set(r["rule_types"]) & set(r["types"]) for r, b, _ in changes)
        bad = sum(bool(set(r["rule_types"]) & set(r["types"])) for r, _, _ in changes)
        print(f"  retype >= {threshold}: {len(changes)} sentences, {good} to a right type, {bad} lose a right one")
        added = sum(b in r["types"] for r, b, _ in changes)
        print(f"  add    >= {threshold}: {len(changes)} sentences, the added type a gold type in {added}")


def pipeline_cv(args: argparse.Namespace) -> None:
    """Whole-pipeline cross-validation by story family, with the model against without, pooled over folds."""
    from peristiwa import evaluate
    from peristiwa.settings import Settings

    rows = load_rows()
    folds = assign_folds(rows)
    fold_of = folds.__getitem__
    golds = _golds()
    fold_docs = {fold: {r["doc"] for r in rows if fold_of(r["family"]) == fold} for fold in range(FOLDS)}
    grid = [tuple(float(x) for x in g.split(",")) for g in args.grid]
    records: dict[str, list[dict[str, Any]]] = {"rules": []} | {",".join(map(str, g)): [] for g in grid}
    records["rules"] = _run(list(golds.values()), Settings())
    for fold in range(FOLDS):
        nlp = train([r for r in rows if fold_of(r["family"]) != fold], args.arch, args.epochs)
        held = [g for key, g in golds.items() if key in fold_docs[fold]]
        for g in grid:
            path = OUTPUT / f"fold{fold}"
            save(nlp, path, dict(zip(("propose", "retype", "keep"), g, strict=True)), {})
            from peristiwa.stages.events.classifier import load_classifier

            load_classifier.cache_clear()
            records[",".join(map(str, g))] += _run(held, Settings(event_classifier=path))
        print(f"fold {fold}: {len(held)} articles", file=sys.stderr)
    results = {}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, recs in records.items():
        with (OUTPUT / f"cv-records-{name}.jsonl").open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
        overall = evaluate.score(list(golds.values()), recs)["overall"]
        results[name] = {k: overall[k] for k in ("events", "event_dyads", "event_dates")}
        e, d = overall["events"], overall["event_dyads"]
        print(
            f"{name:>16}: events P {e['p']:.3f} R {e['r']:.3f} F1 {e['f1']:.3f} ({e['tp']:.0f}/{e['sys']:.0f}/"
            f"{e['gold']:.0f}); dyads F1 {d['f1']:.3f}"
        )
    (HERE / "cv.json").write_text(
        json.dumps({"arch": args.arch, "epochs": args.epochs, "folds": FOLDS, "results": results}, indent=1) + "\n"
    )


def _golds() -> dict[str, dict[str, Any]]:
    """Gold records of the development part, keyed by source file, with the raw folder each is in."""
    sys.path.insert(0, str(HERE))
    from build_data import gold_sets

    golds = {}
    for gold_path, raw_dir in gold_sets():
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold = json.loads(line)
                gold["_raw"] = str(raw_dir / gold["source_file"])
                golds[gold["source_file"]] = gold
    return golds


def _run(golds: list[dict[str, Any]], settings: Any) -> list[dict[str, Any]]:
    from peristiwa.model import Source, to_record
    from peristiwa.pipeline import Pipeline
    from peristiwa.stages.ingest import RawArticle

    pipeline = Pipeline(settings)
    out = []
    for gold in golds:
        path = Path(gold["_raw"])
        out.append(to_record(pipeline.process(RawArticle(path.read_text(encoding="utf-8"), Source(path=str(path))))))
    return out


def save(nlp: Language, path: Path, thresholds: dict[str, float], scores: dict[str, Any]) -> None:
    if path.exists():
        shutil.rmtree(path)
    nlp.meta.update(
        name="events_clf",
        version="0.1.0",
        description="Sentence classifier over the 16 PLOVER types for Peristiwa's event coder (participants "
        "masked); trained on Peristiwa's development corpus (corpus/dev, tests/heldout*).",
    )
    nlp.to_disk(path)
    (path / "thresholds.json").write_text(json.dumps(thresholds, indent=1) + "\n")
    if scores:
        (path / "scores.json").write_text(json.dumps(scores, indent=1) + "\n")


def export(args: argparse.Namespace) -> None:
    rows = load_rows()
    started = time.perf_counter()
    nlp = train(rows, args.arch, args.epochs)
    minutes = (time.perf_counter() - started) / 60
    thresholds = dict(zip(("propose", "retype", "keep"), map(float, args.thresholds.split(",")), strict=True))
    cv = json.loads((HERE / "cv.json").read_text()) if (HERE / "cv.json").exists() else {}
    scores = {
        "cross_validation": cv,
        "training": {
            "arch": args.arch,
            "epochs": args.epochs,
            "minutes": minutes,
            "sentences": sum(r["n_args"] > 0 for r in rows),
        },
    }
    save(nlp, MODEL_DIR, thresholds, scores)
    print(f"saved {MODEL_DIR} ({minutes:.1f} min)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["sentences", "cv", "export"])
    parser.add_argument("--arch", default="bow", choices=sorted(ARCHITECTURES))
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--grid", nargs="*", default=["0.6,0.8,0.1"], help="propose,retype,keep thresholds (cv)")
    parser.add_argument("--thresholds", default="0.6,0.8,0.1", help="propose,retype,keep (export)")
    args = parser.parse_args()
    {"sentences": sentence_cv, "cv": pipeline_cv, "export": export}[args.command](args)


if __name__ == "__main__":
    main()
