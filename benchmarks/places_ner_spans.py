"""How many real Indonesian location mentions the places stage resolves, on gold NER spans.

    .venv/bin/python benchmarks/places_ner_spans.py [--tsv FILE] [--sample 40] [--seed 9]

Not part of the test suite. Reads a CoNLL-style file (default: IndoLEM NER-UGM test fold 1 in
../shared/data), turns each sentence into a document whose LOCATION spans are LOC entities (states named in
the sentence become GPE mentions, as the actors stage would make them), runs the places stage alone and
reports how many spans resolve, how, and prints a random sample of resolutions for a person to check.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peristiwa.model import Document, Entity, Mention, Source  # noqa: E402
from peristiwa.settings import Settings  # noqa: E402
from peristiwa.stages.actors.kb import KnowledgeBase  # noqa: E402
from peristiwa.stages.places import make_stage  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "indolem_ner" / "nerugm" / "test.01.tsv"


def sentences(path: Path) -> list[list[tuple[str, str]]]:
    found, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                found.append(current)
            current = []
            continue
        word, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
        current.append((word, tag))
    return found + ([current] if current else [])


def document(tokens: list[tuple[str, str]], kb: KnowledgeBase) -> Document:
    """The sentence as text with one entity per LOCATION span (GPE when the KB knows it as a state)."""
    text, entities, start = "", [], None
    for word, tag in tokens + [("", "O")]:
        if start is not None and not tag.endswith("LOCATION") or tag.startswith("B-") and start is not None:
            name = text[start:].rstrip()
            state = next((e.actor for e in kb.lookup(name) if e.kind == "country"), None)
            entities.append(
                Entity(
                    f"E{len(entities)}",
                    name,
                    "GPE" if state else "LOC",
                    state,
                    mentions=[Mention(start, start + len(name), name)],
                )
            )
            start = None
        if tag.startswith("B-") and tag.endswith("LOCATION"):
            start = len(text)
        text += word + " " if word else ""
    return Document("d", text, Source(), text=text.rstrip(), entities=entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", type=Path, default=DEFAULT)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    kb, stage = KnowledgeBase.load(Settings().data_dir / "actors"), make_stage(Settings())
    resolved, unresolved = [], []
    for tokens in sentences(args.tsv):
        doc = document(tokens, kb)
        stage(doc)
        for place in doc.places:
            for m in place.mentions:
                (resolved if place.lat is not None else unresolved).append((m.text, place, doc.text))
    total = len(resolved) + len(unresolved)
    print(
        f"{args.tsv.name}: {total} location mentions, {len(resolved)} resolved ({len(resolved) / total:.1%}), "
        f"{len(unresolved)} left unresolved"
    )
    random.seed(args.seed)
    for text, place, sentence in random.sample(resolved, min(args.sample, len(resolved))):
        print(f"  {text!r} → {place.name} ({place.country}, {place.feature}) | {sentence[:90]}")
    missed = random.sample(unresolved, min(30, len(unresolved)))
    print("unresolved sample:", ", ".join(sorted({t for t, _, _ in missed})))


if __name__ == "__main__":
    main()
