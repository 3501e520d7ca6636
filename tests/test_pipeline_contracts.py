"""Stages declare what they need and what they add; the pipeline refuses an order that cannot work, and each
stage writes only the layers it declares."""

from __future__ import annotations

import copy
import importlib

import pytest

from peristiwa.model import Document, Source
from peristiwa.pipeline import Pipeline, StageOrderError
from peristiwa.settings import PACKAGE_DIR, Settings
from peristiwa.stages.ingest import RawArticle, to_document

STAGES = Settings().stages


def test_the_shipped_order_is_valid() -> None:
    assert [name for name, _ in Pipeline().stages] == list(STAGES)


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (("nlp", "clean"), r"nlp needs \['text'\].*\(clean\)"),
        (("clean", "events", "actors"), r"events reads \['entities', 'references'\].*actors"),
        (("clean", "time", "nlp", "quotes"), None),
    ],
)
def test_an_order_that_cannot_work_is_refused(order: tuple[str, ...], message: str | None) -> None:
    if message is None:
        Pipeline(Settings(stages=order))  # quotes after nlp and time: valid
        return
    with pytest.raises(StageOrderError, match=message):
        Pipeline(Settings(stages=order))


def _layers(doc: Document) -> dict[str, object]:
    return {name: copy.deepcopy(getattr(doc, name)) for name in Document.__slots__}  # type: ignore[attr-defined]


def test_each_stage_writes_only_what_it_declares() -> None:
    sample = min((PACKAGE_DIR / "samples").glob("*.txt"))
    doc = to_document(RawArticle(sample.read_text(encoding="utf-8"), Source(path=str(sample))))
    for name, stage in Pipeline().stages:
        before = _layers(doc)
        stage(doc)
        changed = {k for k, v in _layers(doc).items() if v != before[k]} - {"problems"}
        contract = importlib.import_module(f"peristiwa.stages.{name}").CONTRACT
        declared = set(contract.assigns + contract.annotates)
        assert changed <= declared, f"stage {name} wrote {sorted(changed - declared)} without declaring it"
        assert changed, f"stage {name} changed nothing on a real article"
