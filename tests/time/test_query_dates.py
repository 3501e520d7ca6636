"""Dates typed into filters: every example of data/time/query_dates.yaml, and what is refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from peristiwa.patterns import load_yaml
from peristiwa.settings import DATA_DIR
from peristiwa.stages.time.query_dates import period_of

DATA = load_yaml(DATA_DIR / "time" / "query_dates.yaml")


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@pytest.mark.parametrize("example", DATA["examples"], ids=[e["text"] for e in DATA["examples"]])
def test_examples(example: dict[str, Any]) -> None:
    assert period_of(example["text"], _day(example["today"])) == (_day(example["first"]), _day(example["last"]))


@pytest.mark.parametrize("text", DATA["counter_examples"])
def test_counter_examples_name_no_period(text: str) -> None:
    assert period_of(text, date(2024, 5, 10)) is None
