"""Every example in data/quotes/lexicon.yaml gives its quote and speaker; every counter-example gives none."""

from __future__ import annotations

from typing import Any

import pytest

from peristiwa.patterns import load_yaml
from peristiwa.settings import DATA_DIR
from tests.quotes.helpers import find, run

LEXICON = load_yaml(DATA_DIR / "quotes" / "lexicon.yaml")


def _collect(kind: str) -> list[dict[str, Any]]:
    found = []
    for key, value in LEXICON.items():
        if isinstance(value, dict):
            found += value.get(kind, [])
        elif key.endswith("_" + kind) or (
            kind == "examples" and key.endswith("_examples") and not key.endswith("counter_examples")
        ):
            found += value
    return [case for case in found if isinstance(case, dict) and "text" in case]


EXAMPLES = [c for c in _collect("examples") if "start" in c]
COUNTER = [c for c in _collect("counter_examples")] + [c for c in _collect("examples") if "not_start" in c]


def test_the_lexicon_has_examples_of_every_kind() -> None:
    assert len(EXAMPLES) >= 20 and len(COUNTER) >= 8


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda c: c["text"][:40])
def test_example_gives_its_quote_and_speaker(case: dict[str, Any]) -> None:
    quote = find(run(case["text"]), case["start"])
    assert quote is not None, f"no quote starting {case['start']!r}"
    assert quote.speaker == case["speaker"]


@pytest.mark.parametrize("case", COUNTER, ids=lambda c: c["text"][:40])
def test_counter_example_gives_no_quote(case: dict[str, Any]) -> None:
    doc = run(case["text"])
    if "not_start" in case:
        assert find(doc, case["not_start"]) is None
    else:
        assert doc.quotes == []


@pytest.mark.parametrize("entry", LEXICON["addressees"], ids=lambda e: e["pattern"][:30])
def test_addressee_pattern_matches_its_examples(entry: dict[str, Any]) -> None:
    import re

    for example in entry["examples"]:
        assert re.search(entry["pattern"], example), example
