"""Temporal expression rules: `data/time/expressions.yaml` with its placeholders filled from the lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from peristiwa.dates.lexicon import Lexicon, alternation, load_lexicon, with_capitals
from peristiwa.patterns import PatternFileError, load_yaml


@dataclass(frozen=True, slots=True)
class Example:
    """A documented case: in `text`, with `anchor`, the rule reports `span` with `value`."""

    text: str
    span: str
    value: str | None
    anchor: date | None = None


@dataclass(frozen=True, slots=True)
class TimeRule:
    id: str
    regex: re.Pattern[str]
    resolve: str
    granularity: str | None = None
    fallback: str | None = None
    check: str | None = None
    needs_anchor: bool = False
    examples: tuple[Example, ...] = field(default=())


def placeholders(lex: Lexicon) -> dict[str, str]:
    """Regex fragment for every {PLACEHOLDER} the pattern file may use."""
    number_words = [*lex.number_words, lex.teens_word, *lex.multipliers, *lex.scales]
    vague = alternation(list(lex.vague_numbers))
    spelled = f"(?i:(?:{alternation(list(lex.number_words))})(?:\\s+(?:{alternation(number_words)}))*)"
    return {
        "WEEKDAY": f"(?P<weekday>{alternation(with_capitals(list(lex.weekday_surface)))})",
        "MONTH": f"(?P<month>{alternation(with_capitals(list(lex.month_surface)))})",
        "MONTH_ANY": f"(?P<month>{alternation(with_capitals([*lex.month_surface, *lex.abbr_surface]))})",
        "DAY": r"(?P<day>0?[1-9]|[12]\d|3[01])",
        "MNUM": r"(?P<mnum>0?[1-9]|1[0-2])",
        "YEAR": r"(?P<year>1\d{3}|20\d\d)(?!-an)",  # "1990-an" is a decade
        "NUM": f"(?P<num>\\d{{1,3}}(?:\\.\\d{{3}})+|\\d+|{spelled}|(?i:{vague}))",
        "UNIT": f"(?P<unit>{alternation(lex.unit_surface)})",
        "SINGLE": f"(?P<single>{alternation(lex.single_surface)})",
        "DIR": f"(?P<dir>{alternation(list(lex.directions))})",
        "PORTION": f"(?P<portion>(?i:{alternation(list(lex.portions))}))",
    }


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Fill {NAME} placeholders; other braces (regex counts such as \\d{1,3}) are left alone."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: fragments[m.group(1)], pattern)


@cache
def load_rules(data_dir: Path) -> tuple[TimeRule, ...]:
    """The rules of `data_dir/time/expressions.yaml`, compiled once per folder."""
    path = data_dir / "time" / "expressions.yaml"
    fragments = placeholders(load_lexicon(data_dir))
    return tuple(_rule(entry, fragments, path) for entry in load_yaml(path)["patterns"])


def _rule(entry: dict[str, Any], fragments: dict[str, str], path: Path) -> TimeRule:
    try:
        # word boundaries on both sides: never start or end inside a word
        regex = re.compile(r"(?<!\w)(?:" + expand(entry["pattern"], fragments) + r")(?!\w)")
    except (KeyError, re.error) as err:
        raise PatternFileError(f"{path}: rule {entry.get('id', '?')} has a bad pattern: {err}") from err
    return TimeRule(
        id=entry["id"],
        regex=regex,
        resolve=entry["resolve"],
        granularity=entry.get("granularity"),
        fallback=entry.get("fallback"),
        check=entry.get("check"),
        needs_anchor=bool(entry.get("needs_anchor", False)),
        examples=tuple(_example(e) for e in entry.get("examples", [])),
    )


def _example(entry: dict[str, Any]) -> Example:
    text = str(entry["text"])
    return Example(text, str(entry.get("span", text)), _as_value(entry.get("value")), entry.get("anchor"))


def _as_value(value: object) -> str | None:
    """YAML reads 2022-03-02 as a date and 2014 as an int; values are ISO strings."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
