"""Pipelines for the property tests; strict, so an exception in any stage fails the test instead of hiding."""

from __future__ import annotations

import pytest

from peristiwa.pipeline import Pipeline
from peristiwa.settings import Settings

STRUCTURE = "tests.properties.structure_stage"


@pytest.fixture(scope="package")
def light() -> Pipeline:
    """Every analysis stage on any text: sentences and tokens without the language gate and the NER model."""
    return Pipeline(Settings(stages=("clean", STRUCTURE, "actors", "quotes", "time", "events")), strict=True)


@pytest.fixture(scope="package")
def full() -> Pipeline:
    """The real pipeline, NER model included."""
    return Pipeline(Settings(), strict=True)
