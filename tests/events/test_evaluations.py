"""Quoted disapproval (data/events/evaluations.yaml): every example there is run through the whole pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from peristiwa.knowledge import read_yaml
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR, Settings
from peristiwa.stages.events.evaluations import RULE
from peristiwa.stages.ingest import read_inputs

EXAMPLES = read_yaml(DATA_DIR / "events" / "evaluations.yaml")["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["text"][:40])
def test_quoted_disapproval_examples(pipeline: Pipeline, tmp_path: Path, example: dict[str, Any]) -> None:
    article = tmp_path / "article.txt"
    article.write_text(f"Judul\n\n{example['text']}\n", encoding="utf-8")
    doc = pipeline.process(next(read_inputs([str(article)], Settings().max_bytes)))  # type: ignore[arg-type]
    quoted = {f"{e.source} {e.type} {e.target}" for e in doc.events if e.rule == RULE}
    assert quoted == set(example["expect"])
