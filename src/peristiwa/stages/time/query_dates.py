"""Dates a person types (query filters, an API article's `published`): YYYY-MM-DD, or a relative expression
read by the time stage's own rules ("kemarin", "7 hari terakhir") or an English phrase ("yesterday")
rewritten into one (`data/time/query_dates.yaml`), anchored on today."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from peristiwa.knowledge import load_yaml, reference_file
from peristiwa.model import DateMention
from peristiwa.stages.time import calendar as cal
from peristiwa.stages.time.finder import find_dates

_PERIOD_NOTE = re.compile(r"period=(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Rewrite:
    pattern: re.Pattern[str]
    indonesian: str  # with {n} for the number matched


@cache
def load_rewrites(data_dir: Path) -> tuple[Rewrite, ...]:
    data = load_yaml(data_dir / "time" / "query_dates.yaml")
    return tuple(Rewrite(re.compile(rule["pattern"]), rule["as"]) for rule in data["english"])


def period_of(value: str, today: date, data_dir: Path | None = None) -> cal.Period | None:
    """The first and last day `value` names, or None when it names no calendar period as a whole."""
    data_dir = data_dir or reference_file()
    text = " ".join(value.split())
    if _ISO_DAY.fullmatch(text):
        day = _iso_day(text)
        return (day, day) if day else None
    month = _ISO_MONTH.fullmatch(text)
    if month:
        return cal.month_period(int(month[1]), int(month[2])) if 1 <= int(month[2]) <= 12 else None
    phrase = _in_indonesian(text, data_dir)
    found = find_dates(phrase, today, data_dir)
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(phrase)):
        return None
    return mention_period(found[0])


def typed_day(value: str, today: date) -> date | None:
    """The one day `value` names ("kemarin", "2022-03-02"); None for a longer period or no date at all."""
    period = period_of(value, today)
    return period[0] if period and period[0] == period[1] else None


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _in_indonesian(text: str, data_dir: Path) -> str:
    lowered = text.lower()
    for rule in load_rewrites(data_dir):
        match = rule.pattern.fullmatch(lowered)
        if match:
            return rule.indonesian.format(**match.groupdict())
    return text


def mention_period(mention: DateMention) -> cal.Period | None:
    """The period a resolved expression covers: its `period=` note, else its day, month or year value."""
    note = _PERIOD_NOTE.search(mention.rule or "")
    if note:
        return date.fromisoformat(note.group(1)), date.fromisoformat(note.group(2))
    value = mention.value or ""
    parts = [int(part) for part in value.split("-")] if re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) else []
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        return cal.month_period(parts[0], parts[1])
    if len(parts) == 1:
        return cal.year_period(parts[0])
    return None
