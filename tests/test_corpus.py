"""The annotated corpus (corpus/): its gold files obey the mechanical rules, the split is clean, and the
pipeline's figures on the development part do not fall below their floors. The blind part is scored by hand
at each release and recorded in corpus/README.md, never gated here: a gate invites tuning to it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from peristiwa import evaluate
from peristiwa.model import to_record
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import read_inputs
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
MANIFEST = [json.loads(line) for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
# F1 (accuracy for the single-figure layers) on corpus/dev, rounded down. At commit 6dc9294: boilerplate 0.65,
# title 0.75, published 0.82, entities 0.85, person actors 0.80, quotes 0.61, quote spans 0.87, dates 0.85, events
# 0.30, dyads 0.36, event dates 0.23. Raised by the lexicon grown from data, event dates (issue 16) and the quotes,
# entities and cleaning work of issue 15, as measured with all three merged; then by arguments read from the parse
# and coreference (events 0.383 -> 0.414, dyads 0.444 -> 0.481); then by the lexicon families and inflections
# mined with scripts/trigger_candidates.py (events 0.414 -> 0.434, dyads 0.481 -> 0.497); then by arguments past
# the plain clause: relative-clause agents, the speaker behind a subjectless quoted act, subjects after clause
# openers (events 0.450 -> 0.458, dyads 0.510 -> 0.518); then by the NER trained with our news in its mix and the
# actors' mechanisms for unseen names (entities 0.908 -> 0.943, person actors 0.912 -> 0.928; the model has seen
# these articles: on a quarter held out of its training, training/ner/README.md, entities rose 0.901 -> 0.908 and
# person actors 0.85 -> 0.90). Floors only move up.
DEV_FLOORS = {
    "boilerplate_removed": 0.95,
    "body_kept": 0.99,
    "title": 0.96,
    "published": 0.98,
    "entities": 0.94,
    "person_actor": 0.92,
    "quotes": 0.86,  # 0.818 -> 0.869: quote speakers and reported speech from the errors scripts/quote_errors.py lists
    "quote_spans": 0.96,
    "date_values": 0.94,  # 0.932 -> 0.944: "dua hari sebelumnya" counted from the date named before it
    "events": 0.45,  # 0.43 -> 0.45: mined lexicon, organs of a state and "pihaknya", hyphenated pairs; 0.458
    "event_dyads": 0.51,
    # 0.80 -> 0.74 with the parse and "mereka": 5 more events found carry a gold date, and the date of 4 of them
    # is not resolved ("dua hari sebelumnya" after a date in the text; a month-precise "2022-03" given as a day).
    # 0.74 -> 0.84: narrative counts from the date named before them, the date another sentence gives the same act
    # ("mention"), an intention for the report's own day. The 8 left are events found in another sentence than
    # gold's (scripts/event_date_errors.py lists them): the coder, not the dating, misses gold's dated sentence.
    "event_dates": 0.84,
}


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold", ROOT / "scripts" / "check_gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("gold", "raw"), [("dev/gold.jsonl", "dev/raw"), ("blind/gold.jsonl", "blind/raw")])
def test_gold_files_obey_the_mechanical_rules(gold: str, raw: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _checker().main(str(CORPUS / gold), str(CORPUS / raw)) == 0, capsys.readouterr().out


def test_every_article_is_in_its_split_once() -> None:
    for split in ("dev", "blind"):
        golds = [
            json.loads(line)["source_file"]
            for line in (CORPUS / split / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        listed = sorted(r["source_file"] for r in MANIFEST if r["split"] == split)
        assert sorted(golds) == listed == sorted(p.name for p in (CORPUS / split / "raw").glob("*.txt"))


def test_no_story_family_is_on_both_sides() -> None:
    sides: dict[str, set[str]] = {}
    for row in MANIFEST:
        sides.setdefault(row["family"], set()).add(row["split"])
    assert [family for family, splits in sides.items() if len(splits) > 1] == []


@pytest.mark.skipif(not (SHARED / "eval" / "reserved_urls.txt").exists(), reason="shared/ is not beside the checkout")
def test_no_reserved_page_is_in_the_corpus() -> None:
    def key(url: str) -> str:
        url = url.split("?")[0].split("#")[0].rstrip("/").lower()
        return url.split("://")[-1].removeprefix("www.").removeprefix("m.").replace("/amp/", "/")

    reserved = {
        key(line)
        for line in (SHARED / "eval" / "reserved_urls.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert [r["url"] for r in MANIFEST if key(r["url"]) in reserved] == []


def test_development_part_meets_its_floors(pipeline: Pipeline) -> None:
    paths = sorted(str(p) for p in (CORPUS / "dev" / "raw").glob("*.txt"))
    records = [to_record(pipeline.process(raw)) for raw in read_inputs(paths, 1_000_000)]
    overall = evaluate.score(evaluate.load_gold(CORPUS / "dev" / "gold.jsonl"), records)["overall"]
    below = {
        layer: (overall[layer]["f1"], floor) for layer, floor in DEV_FLOORS.items() if overall[layer]["f1"] < floor
    }
    assert not below, f"corpus/dev figures fell below their floors: {below}"
