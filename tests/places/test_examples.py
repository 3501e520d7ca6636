"""Every example sentence of the hand-kept place files resolves the way the file says."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR
from tests.places.kit import run


def _feature_examples() -> list[tuple[str, str]]:
    raw = yaml.safe_load((DATA_DIR / "places" / "features.yaml").read_text(encoding="utf-8"))
    return [(text, item["name"]) for item in raw["features"] for text in item.get("examples", [])]


def _cue_examples() -> list[dict[str, Any]]:
    return yaml.safe_load((DATA_DIR / "places" / "cues.yaml").read_text(encoding="utf-8"))["examples"]


@pytest.mark.parametrize(("text", "name"), _feature_examples())
def test_feature_examples(pipeline: Pipeline, text: str, name: str) -> None:
    doc = run(pipeline, text)
    assert name in [p.name for p in doc.places if p.lat is not None], [p.name for p in doc.places]


@pytest.mark.parametrize("example", _cue_examples(), ids=lambda e: e["text"][:30])
def test_cue_examples(pipeline: Pipeline, example: dict[str, Any]) -> None:
    doc = run(pipeline, example["text"])
    found = [(p.name, p.country) for p in doc.places if p.lat is not None]
    assert (example["place"], example["country"]) in found, found


@pytest.mark.parametrize(
    "example",
    yaml.safe_load((DATA_DIR / "places" / "cues.yaml").read_text(encoding="utf-8"))["location_examples"],
    ids=lambda e: e["text"][:30],
)
def test_location_examples(pipeline: Pipeline, example: dict[str, Any]) -> None:
    doc = run(pipeline, example["text"])
    assert doc.events, "the example must code an event"
    assert {e.location.name if e.location else None for e in doc.events} == {example["location"]}
