"""Every example written beside a pattern in data/time/expressions.yaml holds."""

from __future__ import annotations

import pytest

from peristiwa.settings import DATA_DIR
from peristiwa.stages.time import find_dates
from peristiwa.stages.time.rules import Example, TimeRule, load_rules

CASES = [(rule, example) for rule in load_rules(DATA_DIR) for example in rule.examples]


def test_every_rule_has_examples() -> None:
    assert all(rule.examples for rule in load_rules(DATA_DIR))


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}:{e.text[:25]}" for r, e in CASES])
def test_example(rule: TimeRule, example: Example) -> None:
    found = [m for m in find_dates(example.text, example.anchor, DATA_DIR) if m.text == example.span]
    assert found, f"{rule.id}: {example.span!r} not found in {example.text!r}"
    assert (found[0].rule or "").split(":")[0] == rule.id
    assert found[0].value == example.value
