"""Magnitudes read from the examples of data/events/magnitude.yaml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from peristiwa.settings import Settings
from peristiwa.stages.events.magnitude import MagnitudeReader
from peristiwa.stages.events.text import coder_tokens
from peristiwa.stages.nlp.words import tokenize

DATA = yaml.safe_load((Settings().data_dir / "events" / "magnitude.yaml").read_text(encoding="utf-8"))
READER = MagnitudeReader(DATA)


@pytest.mark.parametrize("example", DATA["examples"])
def test_magnitude_example(example: dict[str, Any]) -> None:
    text = f"Mereka mengirim {example['text']} ke sana."
    toks = coder_tokens(tokenize(text))
    magnitude = READER.read(text, toks, 0, len(toks))
    assert magnitude is not None
    assert (magnitude.value, magnitude.unit, magnitude.qualifier, magnitude.text) == (
        example["value"],
        example["unit"],
        example["qualifier"],
        example["text"],
    )


def test_no_magnitude_without_a_unit() -> None:
    text = "Pada 2014 ada 30 alasan."
    toks = coder_tokens(tokenize(text))
    assert READER.read(text, toks, 0, len(toks)) is None
