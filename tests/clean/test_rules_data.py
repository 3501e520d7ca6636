"""Every boilerplate and dateline rule's examples match it; its counter-examples match no rule."""

from __future__ import annotations

import pytest

from peristiwa.patterns import PatternRule, load_rules
from peristiwa.settings import DATA_DIR

BOILERPLATE = load_rules(DATA_DIR / "clean" / "boilerplate.yaml")
DATELINES = load_rules(DATA_DIR / "clean" / "datelines.yaml", key="patterns")


def _cases(rules: tuple[PatternRule, ...], attribute: str) -> list[tuple[PatternRule, str]]:
    return [(rule, text) for rule in rules for text in getattr(rule, attribute)]


def test_every_rule_has_examples_and_a_unique_id() -> None:
    for rules in (BOILERPLATE, DATELINES):
        assert all(rule.examples and rule.counter_examples for rule in rules)
        assert len({rule.id for rule in rules}) == len(rules)


@pytest.mark.parametrize(("rule", "line"), _cases(BOILERPLATE, "examples"), ids=lambda x: getattr(x, "id", x))
def test_boilerplate_example_matches_its_rule(rule: PatternRule, line: str) -> None:
    assert rule.match(line), f"{rule.id} should match {line!r}"


@pytest.mark.parametrize(("rule", "line"), _cases(BOILERPLATE, "counter_examples"), ids=lambda x: getattr(x, "id", x))
def test_boilerplate_counter_example_is_body(rule: PatternRule, line: str) -> None:
    assert not [r.id for r in BOILERPLATE if r.match(line)], f"body line {line!r} would be removed"


@pytest.mark.parametrize(("rule", "line"), _cases(DATELINES, "examples"), ids=lambda x: getattr(x, "id", x))
def test_dateline_example_matches(rule: PatternRule, line: str) -> None:
    assert rule.regex.match(line)


@pytest.mark.parametrize(("rule", "line"), _cases(DATELINES, "counter_examples"), ids=lambda x: getattr(x, "id", x))
def test_dateline_counter_example_has_no_dateline(rule: PatternRule, line: str) -> None:
    assert not [r.id for r in DATELINES if r.regex.match(line)]
