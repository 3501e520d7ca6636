"""Shared fixtures: the bundled seed articles and the project's shared folder when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.model import Document
from peristiwa.pipeline import Pipeline
from peristiwa.settings import PACKAGE_DIR, Settings
from peristiwa.stages.ingest import read_inputs

SAMPLES = PACKAGE_DIR / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
# The shared original when it sits beside the checkout, else the copy kept in tests/gold.
GOLD = next(
    p
    for p in (SHARED / "eval" / "seeds.gold.jsonl", Path(__file__).with_name("gold") / "seeds.gold.jsonl")
    if p.exists()
)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def seed_docs(pipeline: Pipeline) -> dict[str, Document]:
    """The five bundled seed articles run through the whole pipeline, keyed by file name."""
    docs = {}
    for item in read_inputs([str(SAMPLES)], Settings().max_bytes):
        doc = pipeline.process(item)  # type: ignore[arg-type]
        docs[Path(doc.source.path or "").name] = doc
    return docs


def seed(docs: dict[str, Document], prefix: str) -> Document:
    return next(doc for name, doc in docs.items() if name.startswith(prefix))
