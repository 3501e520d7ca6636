"""Calendar arithmetic for the time stage: periods, weekdays, year choice, and ISO values of a period.

A value is the finest ISO form that contains the whole period the text refers to: a day, a month or a
year. "Pekan lalu" (a Monday–Sunday week) becomes the month when the week lies inside one month and the
year when it straddles two months; a period across two years gets no value. A coarser value is still
true; a finer one would be a guess.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta

Period = tuple[date, date]  # first and last day, both included


def iso_value(period: Period) -> str | None:
    """The finest of YYYY-MM-DD / YYYY-MM / YYYY that contains the whole period, else None."""
    first, last = period
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's length (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_period(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_period(year: int) -> Period:
    return date(year, 1, 1), date(year, 12, 31)


def unit_period(anchor: date, unit: str, offset: int) -> Period:
    """The calendar day, week (Monday–Sunday), month or year `offset` units away from the anchor's."""
    if unit == "day":
        day = anchor + timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        shifted = add_months(anchor.replace(day=1), offset)
        return month_period(shifted.year, shifted.month)
    if unit == "year":
        return year_period(anchor.year + offset)
    raise ValueError(f"no calendar period for unit {unit!r}")


def units_back(anchor: date, unit: str, count: int) -> Period:
    """The `count` units that end on the anchor ("tiga bulan terakhir")."""
    return shift(anchor, unit, -count) + timedelta(days=1), anchor


def units_forward(anchor: date, unit: str, count: int) -> Period:
    """The `count` units that start on the anchor ("dua pekan ke depan")."""
    return anchor, shift(anchor, unit, count) - timedelta(days=1)


def shift(anchor: date, unit: str, count: int) -> date:
    if unit == "day":
        return anchor + timedelta(days=count)
    if unit == "week":
        return anchor + timedelta(weeks=count)
    if unit == "month":
        return add_months(anchor, count)
    if unit == "year":
        return add_months(anchor, 12 * count)
    raise ValueError(f"cannot shift by unit {unit!r}")


def portion(period: Period, fractions: tuple[float, float]) -> Period:
    """Part of a period given as fractions of its length ("awal" = first third)."""
    first, last = period
    length = (last - first).days + 1
    start = math.floor(length * fractions[0])
    end = max(start, math.ceil(length * fractions[1]) - 1)
    return first + timedelta(days=start), first + timedelta(days=min(end, length - 1))


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """News refers back: a bare day name is the latest such day up to and including the anchor."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_before(anchor: date, weekday: int) -> date:
    """ "Senin lalu": strictly before the anchor, so a week back when the anchor is itself a Monday."""
    return anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)


def weekday_after(anchor: date, weekday: int) -> date:
    """ "Senin depan": strictly after the anchor."""
    return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def weekday_on_or_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def weekday_this_week(anchor: date, weekday: int) -> date:
    """ "Sabtu ini": that day in the anchor's Monday–Sunday week."""
    return anchor + timedelta(days=weekday - anchor.weekday())


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def past_day_month(anchor: date, month: int, day: int, tolerance: int) -> date | None:
    """A day and month without a year: the latest valid date no more than `tolerance` days after the anchor.

    Only the anchor's year and its neighbours are tried: "1 Januari" read on 31 December is the next
    day, "31/12" read in January is last year's, and "29/2" that exists in neither year gets no value.
    """
    limit = anchor + timedelta(days=tolerance)
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        found = valid_date(year, month, day)
        if found and found <= limit:
            # "29/2" read in April of a common year: last year's 29 February is over a year back, no value
            return found if (anchor - found).days <= 366 else None
    return None


def future_day_month(anchor: date, month: int, day: int) -> date | None:
    """ "14 Maret mendatang": the first valid date on or after the anchor (this year or next)."""
    for year in (anchor.year, anchor.year + 1):
        found = valid_date(year, month, day)
        if found and found >= anchor:
            return found
    return None


def past_month(anchor: date, month: int, tolerance: int) -> Period:
    """A month without a year: the latest one that starts no more than `tolerance` days after the anchor."""
    limit = anchor + timedelta(days=tolerance)
    year = next(y for y in (anchor.year + 1, anchor.year, anchor.year - 1) if date(y, month, 1) <= limit)
    return month_period(year, month)


def future_month(anchor: date, month: int) -> Period:
    year = anchor.year if month >= anchor.month else anchor.year + 1
    return month_period(year, month)
