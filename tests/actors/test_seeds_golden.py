"""Golden expectations on the seed articles, stated partially, and an accuracy gate whose floors only rise.

Runs clean + actors without the NER model (unit tests never load a trained model), so the figures here
are the floor of what the stage does on its own knowledge base and capitalisation.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from peristiwa.model import Document, to_record
from peristiwa.pipeline import Pipeline
from peristiwa.settings import Settings
from peristiwa.stages.ingest import read_inputs
from tests.actors.conftest import by_mention, entity_with
from tests.conftest import GOLD, SAMPLES, seed

SCORER = GOLD.parent / "score.py"
ENTITY_F1_FLOOR = 0.95
PERSON_ACTOR_FLOOR = 0.90


@pytest.fixture(scope="module")
def seed_actors() -> dict[str, Document]:
    settings = replace(Settings(), stages=("clean", "actors"))
    pipeline = Pipeline(settings)
    docs = {}
    for item in read_inputs([str(SAMPLES)], settings.max_bytes):
        doc = pipeline.process(item)  # type: ignore[arg-type]
        assert not doc.problems, doc.problems
        docs[Path(doc.source.path or "").name] = doc
    return docs


PERSONS = [
    ("000", "Jens Stoltenberg", "NATO", "Secretary General"),
    ("000", "John Kerry", "USA", "Secretary of State"),
    ("001", "Kaja Kallas", "EST", "Prime Minister"),
    ("002", "Alexander Fomin", "RUS", "Deputy Defense Minister"),
    ("002", "Dmitry Peskov", "RUS", "Spokesperson"),
    ("004", "Walid Phares", "USA", "Adviser"),
]


@pytest.mark.parametrize(("prefix", "name", "actor", "role"), PERSONS)
def test_person_actor_and_role(seed_actors: dict[str, Document], prefix: str, name: str, actor: str, role: str) -> None:
    person = entity_with(seed(seed_actors, prefix), name)
    assert (person.actor, person.role) == (actor, role)


def test_metonyms_in_the_nato_russia_council_report(seed_actors: dict[str, Document]) -> None:
    doc = seed(seed_actors, "002")
    moskow = {e.type for e in doc.entities for m in e.mentions if m.text == "Moskow"}
    assert moskow == {"GPE", "LOC"}  # "Moskow membantah" acts; "Di Moskow sebelumnya" is a place
    assert by_mention(doc, "Washington") == ("GPE", "USA")
    assert by_mention(doc, "Kremlin") == ("ORG", "RUS")


def test_typical_coreference(seed_actors: dict[str, Document]) -> None:
    doc = seed(seed_actors, "000")
    refs = {(r.text, doc.entity(r.entity_id).name) for r in doc.references}  # type: ignore[union-attr]
    assert ("mantan perdana menteri Norwegia itu", "Jens Stoltenberg") in refs
    assert all(name == "Jens Stoltenberg" for text, name in refs if text in {"dia", "nya"})


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCORER.exists(), reason="the shared gold folder is not present")
def test_accuracy_gate(seed_actors: dict[str, Document]) -> None:
    scorer = _scorer()
    golds = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_doc = [scorer.score_doc(g, _record(seed_actors, g["source_file"])) for g in golds]
    overall = scorer.total(per_doc)
    assert overall["entities"]["f1"] >= ENTITY_F1_FLOOR
    assert overall["person_actor_acc"] >= PERSON_ACTOR_FLOOR


def _record(docs: dict[str, Document], name: str) -> dict[str, Any]:
    return json.loads(json.dumps(to_record(docs[name]), ensure_ascii=False))
