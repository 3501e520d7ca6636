"""Quotes in the style of other outlets and stories (beyond_seeds.yaml), with no entities given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.quotes.helpers import find, run

CASES = yaml.safe_load(Path(__file__).with_name("beyond_seeds.yaml").read_text(encoding="utf-8"))["cases"]


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_case(case: dict[str, Any]) -> None:
    doc = run(case["text"])
    if case.get("none"):
        assert doc.quotes == [], [q.text for q in doc.quotes]
        return
    assert len(doc.quotes) == len(case["quotes"]), [(q.speaker, q.text) for q in doc.quotes]
    for expected in case["quotes"]:
        quote = find(doc, expected["start"])
        assert quote is not None, f"no quote starting {expected['start']!r}: {[q.text for q in doc.quotes]}"
        assert (quote.speaker, quote.direct) == (expected["speaker"], expected["direct"])
        if "addressee" in expected:
            assert quote.addressee == expected["addressee"]
