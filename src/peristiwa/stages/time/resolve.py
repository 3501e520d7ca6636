"""Turn a matched temporal expression into an ISO value, anchored on the publication date.

Each resolver returns (value, note): the value is None whenever the text does not fix one (no anchor,
a vague count, a date relative to another event); the note says why, or what was noticed, and ends up
in `DateMention.rule` after the rule id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from peristiwa.dates.lexicon import Direction, Lexicon, Unit
from peristiwa.stages.time import calendar as cal
from peristiwa.stages.time.rules import TimeRule

Resolution = tuple[str | None, str | None]


@dataclass(frozen=True, slots=True)
class Found:
    """One accepted match with what is needed to resolve it."""

    rule: TimeRule
    match: re.Match[str]
    text: str
    anchor: date | None
    lex: Lexicon

    def group(self, name: str) -> str | None:
        return self.match.groupdict().get(name)


def resolve(found: Found) -> Resolution:
    try:
        return RESOLVERS[found.rule.resolve](found)
    except (ValueError, OverflowError):  # arithmetic beyond year 1..9999 from an extreme anchor
        return None, "out_of_range"


def resolve_calendar_date(found: Found) -> Resolution:
    """ "14 Maret", "Rabu (2/3)", "30 September 2015": an explicit day, with or without a year."""
    month = _month_of(found)
    day = int(found.group("day") or 0)
    year = found.group("year")
    note: str | None = None
    if year:
        chosen = cal.valid_date(int(year), month, day)
    elif found.anchor is None:
        return None, "no_anchor"
    else:
        chosen, note = _day_in_year(found, found.anchor, month, day)
    if chosen is None:
        return None, "invalid_date"
    return chosen.isoformat(), _join(note, _weekday_agreement(found, chosen))


def _day_in_year(found: Found, anchor: date, month: int, day: int) -> tuple[date | None, str | None]:
    """Pick the year of a day and month: "tahun lalu" says it; otherwise past, or future after "akan"."""
    year_sign = _year_sign(found)
    if year_sign is not None:
        return cal.valid_date(anchor.year + year_sign, month, day), None
    if _direction_sign(found) > 0:
        return cal.future_day_month(anchor, month, day), None
    if not found.group("dir") and _future_cue_before(found):
        return cal.future_day_month(anchor, month, day), "future_cue"
    return cal.past_day_month(anchor, month, day, found.lex.future_tolerance_days), None


def _year_sign(found: Found) -> int | None:
    """ "24 Oktober tahun lalu" -> -1; None when no year word follows."""
    word = found.group("ydir")
    direction = found.lex.direction(word) if word else None
    return direction.sign if direction else None


def _join(*notes: str | None) -> str | None:
    return ":".join(n for n in notes if n) or None


def _month_of(found: Found) -> int:
    name = found.group("month")
    month = found.lex.month(name) if name else int(found.group("mnum") or 0)
    if not month:
        raise ValueError("no month in match")
    return month


def _weekday_agreement(found: Found, chosen: date) -> str | None:
    """A day name and its explicit date must agree; when they don't, the explicit date is kept."""
    name = found.group("weekday")
    if name is None:
        return None
    return None if found.lex.weekday(name) == chosen.weekday() else "weekday_mismatch"


def _direction_sign(found: Found) -> int:
    word = found.group("dir")
    direction = found.lex.direction(word) if word else None
    return direction.sign if direction else 0


def resolve_month(found: Found) -> Resolution:
    """ "Februari", "September lalu", "Desember mendatang", and "Juli 2019" when dateparser fails."""
    month = _month_of(found)
    year = found.group("year")
    if year:
        return cal.iso_value(cal.month_period(int(year), month)), None
    if found.anchor is None:
        return None, "no_anchor"
    year_sign = _year_sign(found)
    if year_sign is not None:
        return cal.iso_value(cal.month_period(found.anchor.year + year_sign, month)), None
    if _direction_sign(found) > 0:
        return cal.iso_value(cal.future_month(found.anchor, month)), None
    if not found.group("dir") and _future_cue_before(found):
        return cal.iso_value(cal.future_month(found.anchor, month)), "future_cue"
    return cal.iso_value(cal.past_month(found.anchor, month, found.lex.future_tolerance_days)), None


def resolve_year(found: Found) -> Resolution:
    return str(int(found.group("year") or "")), None


def resolve_weekday(found: Found) -> Resolution:
    """A day name: past by default (news reports back), the same day when it is the anchor's weekday."""
    weekday = found.lex.weekday(found.group("weekday") or "")
    if weekday is None:
        return None, "unknown_weekday"
    if found.anchor is None:
        return None, "no_anchor"
    word = found.group("dir")
    direction = found.lex.direction(word) if word else None
    if direction is None:  # bare, or "Selasa itu" (the Tuesday already mentioned)
        return _bare_weekday(found, found.anchor, weekday)
    pick = {-1: cal.weekday_before, 0: cal.weekday_this_week, 1: cal.weekday_after}[direction.sign]
    return pick(found.anchor, weekday).isoformat(), None


def _bare_weekday(found: Found, anchor: date, weekday: int) -> Resolution:
    if _future_cue_before(found):
        return cal.weekday_on_or_after(anchor, weekday).isoformat(), "future_cue"
    return cal.weekday_on_or_before(anchor, weekday).isoformat(), None


def _future_cue_before(found: Found) -> bool:
    """ "yang akan bertemu … pada Senin": a future word earlier in the same clause."""
    start = found.match.start()
    window = found.text[max(0, start - found.lex.future_cue_window) : start]
    clause = re.split(r"[.!?;,:\n“”\"]", window)[-1]
    return any(word in found.lex.future_cues for word in clause.lower().split())


def resolve_relative(found: Found) -> Resolution:
    """ "tiga hari lalu", "sepekan terakhir", "bulan lalu", "dua dekade lalu", "hari sebelumnya"."""
    direction = found.lex.direction(found.group("dir") or "")
    unit = found.lex.unit(found.group("unit") or found.group("single") or "")
    if direction is None or unit is None:
        return None, "unknown_words"
    if direction.kind == "narrative":
        return None, "narrative"  # relative to another event of the story, not to the anchor
    count = _count(found)
    if count is None:
        return None, "vague"
    if _hedged(found):
        return None, "hedged"
    if found.anchor is None:
        return None, "no_anchor"
    value, note = _relative_value(found.anchor, unit, direction, count)
    if value and not _plausible_year(int(value[:4]), found.lex):
        return None, "out_of_range"  # "5000 tahun yang lalu": history, not a news date
    return value, note


def resolve_narrative(found: Found, previous: str) -> Resolution:
    """ "dua hari sebelumnya", "setahun kemudian": counted from the date the text named last (`previous`, an
    ISO value), not from the anchor: "… Minggu, 15 Juni 2025, … serangan Israel dua hari sebelumnya" is 13 June.
    The previous date must be at least as precise as the unit ("sehari kemudian" after "pada 2014" has no
    value), and the count definite ("beberapa hari sebelumnya" has none)."""
    direction = found.lex.direction(found.group("dir") or "")
    unit = found.lex.unit(found.group("unit") or found.group("single") or "")
    count = _count(found) if found.group("num") or found.group("single") else None  # "hari sebelumnya": none
    if direction is None or unit is None or direction.kind != "narrative" or not direction.sign:
        return None, "narrative"
    if count is None or _hedged(found) or unit.relative != "calendar":
        return None, "narrative"
    start = _start_of(previous, unit.name)
    if start is None:
        return None, "narrative"
    period = cal.unit_period(cal.shift(start, unit.name, direction.sign * count), unit.name, 0)
    return cal.iso_value(period), "narrative=previous_date"


def _start_of(value: str, unit: str) -> date | None:
    """The first day of an ISO value, when the value is precise enough to count `unit`s from it."""
    needed = {"day": 10, "week": 10, "month": 7, "year": 4}[unit]
    if len(value) < needed:
        return None
    year, month, day = (int(part) for part in (value + "-01-01")[:10].split("-"))
    return date(year, month, day)


def _count(found: Found) -> int | None:
    number = found.group("num")
    return found.lex.number(number) if number else 1


def _hedged(found: Found) -> bool:
    before = found.text[max(0, found.match.start() - 20) : found.match.start()].lower()
    return any(re.search(rf"(?<!\w){re.escape(w)}\s+$", before) for w in found.lex.hedge_words)


def _relative_value(anchor: date, unit: Unit, direction: Direction, count: int) -> Resolution:
    if unit.relative == "none":
        return None, "vague_unit"
    if unit.relative == "year_point":
        unit, count = Unit("year", "calendar"), count * unit.years
        if direction.kind == "point":
            return str(anchor.year + direction.sign * count), None
    period = _relative_period(anchor, unit.name, direction, count)
    return cal.iso_value(period), _period_note(period)


def _plausible_year(year: int, lex: Lexicon) -> bool:
    return lex.year_range[0] <= year <= lex.year_range[1]


def _relative_period(anchor: date, unit: str, direction: Direction, count: int) -> cal.Period:
    if direction.kind == "span_back":
        return cal.units_back(anchor, unit, count)
    if direction.kind == "span_forward":
        return cal.units_forward(anchor, unit, count)
    return cal.unit_period(anchor, unit, direction.sign * count)


def _period_note(period: cal.Period) -> str | None:
    first, last = period
    return None if first == last else f"period={first.isoformat()}..{last.isoformat()}"


def resolve_day_offset(found: Found) -> Resolution:
    """ "kemarin", "lusa": a fixed number of days from the anchor."""
    offset = found.lex.day_words.get(" ".join(found.match.group(0).lower().split()))
    if offset is None:
        return None, "unknown_words"
    if found.anchor is None:
        return None, "no_anchor"
    return (found.anchor + timedelta(days=offset)).isoformat(), None


def resolve_portion_unit(found: Found) -> Resolution:
    """ "awal pekan ini", "akhir tahun lalu"."""
    direction = found.lex.direction(found.group("dir") or "")
    unit = found.lex.unit(found.group("unit") or "")
    if direction is None or unit is None or direction.kind != "point" or unit.relative != "calendar":
        return None, "unsupported"
    if found.anchor is None:
        return None, "no_anchor"
    return _portion_value(found, cal.unit_period(found.anchor, unit.name, direction.sign))


def resolve_portion_month(found: Found) -> Resolution:
    """ "awal Oktober", "akhir Maret 2020"."""
    value, note = resolve_month(found)
    if value is None:
        return value, note
    year, month = (int(part) for part in value.split("-"))
    return _portion_value(found, cal.month_period(year, month))


def resolve_portion_year(found: Found) -> Resolution:
    """ "pertengahan 2019"."""
    return _portion_value(found, cal.year_period(int(found.group("year") or "")))


def _portion_value(found: Found, period: cal.Period) -> Resolution:
    fractions = found.lex.portions[(found.group("portion") or "").lower()]
    part = cal.portion(period, fractions)
    return cal.iso_value(part), _period_note(part)


def resolve_none(found: Found) -> Resolution:
    return None, "relative_to_story"


def resolve_with_dateparser(found: Found) -> Resolution:
    """Let dateparser read the expression; fall back to our own resolver when it has no reading."""
    if found.rule.needs_anchor and found.anchor is None:
        return None, "no_anchor"
    expression = found.group("expr") or found.match.group(0)
    parsed = parse_with_dateparser(found.lex.leading_words.sub("", expression), found.anchor)
    if parsed is None:
        fallback = RESOLVERS[found.rule.fallback or "none"]
        return fallback(found)
    return _truncate(parsed, found.rule.granularity or "day"), "dateparser"


def _truncate(day: date, granularity: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[granularity]


@lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, anchor: date | None) -> date | None:
    """dateparser set up for Indonesian news: day-month-year order, past preferred, anchored."""
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(text, languages=["id"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


RESOLVERS: dict[str, Callable[[Found], Resolution]] = {
    "calendar_date": resolve_calendar_date,
    "month": resolve_month,
    "year": resolve_year,
    "weekday": resolve_weekday,
    "relative": resolve_relative,
    "day_offset": resolve_day_offset,
    "portion_unit": resolve_portion_unit,
    "portion_month": resolve_portion_month,
    "portion_year": resolve_portion_year,
    "none": resolve_none,
    "dateparser": resolve_with_dateparser,
}
