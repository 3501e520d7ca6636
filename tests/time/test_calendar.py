"""Calendar arithmetic behind the resolvers."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from peristiwa.stages.time import calendar as cal

ANCHORS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def test_iso_value_granularity() -> None:
    assert cal.iso_value((date(2022, 3, 1), date(2022, 3, 1))) == "2022-03-01"
    assert cal.iso_value((date(2022, 3, 1), date(2022, 3, 31))) == "2022-03"
    assert cal.iso_value((date(2022, 2, 28), date(2022, 3, 6))) == "2022"
    assert cal.iso_value((date(2021, 12, 27), date(2022, 1, 2))) is None


def test_add_months_clips_to_month_end() -> None:
    assert cal.add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)
    assert cal.add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


@given(ANCHORS, st.integers(0, 6))
def test_weekday_helpers(anchor: date, weekday: int) -> None:
    on_or_before = cal.weekday_on_or_before(anchor, weekday)
    before = cal.weekday_before(anchor, weekday)
    after = cal.weekday_after(anchor, weekday)
    assert on_or_before.weekday() == before.weekday() == after.weekday() == weekday
    assert 0 <= (anchor - on_or_before).days <= 6
    assert 1 <= (anchor - before).days <= 7
    assert 1 <= (after - anchor).days <= 7


@given(ANCHORS, st.integers(1, 12), st.integers(1, 31))
def test_past_day_month_never_far_ahead(anchor: date, month: int, day: int) -> None:
    found = cal.past_day_month(anchor, month, day, 7)
    if found is not None:
        assert (found - anchor).days <= 7 and (anchor - found).days < 366 + 7
        assert (found.month, found.day) == (month, day)


@given(ANCHORS, st.sampled_from(["day", "week", "month", "year"]), st.integers(-30, 30))
def test_unit_period_contains_shifted_anchor(anchor: date, unit: str, offset: int) -> None:
    first, last = cal.unit_period(anchor, unit, offset)
    assert first <= cal.shift(anchor, unit, offset) <= last
