"""Filter values as people type them, checked once for the CLI, the Python API and the REST API.

Each function returns the value in the form the queries use (actor codes upper case, quads as written in
PLOVER, dates as days) or raises BadFilter naming the filter and saying what it accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from peristiwa.knowledge import load_yaml, reference_file
from peristiwa.stages.time.query_dates import period_of
from peristiwa.store.errors import BadFilter
from peristiwa.store.queries import EventFilter

QUADS = ("V-coop", "M-coop", "V-conf", "M-conf")
_ACTOR_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,63}")
DATE_HELP = "give YYYY-MM-DD or a relative date such as 'kemarin', '7 hari terakhir', 'yesterday'"
Day = dt.date | str | None


def actor_code(name: str, value: str | None) -> str | None:
    """An actor code in upper case ("rus" → "RUS"); None when not given."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not _ACTOR_CODE.fullmatch(code):
        raise BadFilter(name, f"{value!r} is not an actor code (letters and digits, such as RUS, IDN, NATO)")
    return code


def event_type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    found = value.strip().upper()
    if found not in plover_types():
        raise BadFilter("type", f"unknown event type {value!r}; one of {', '.join(plover_types())}")
    return found


@cache
def plover_types() -> tuple[str, ...]:
    """The PLOVER types the events stage codes (data/events/types.yaml)."""
    return tuple(sorted(load_yaml(reference_file("events", "types.yaml"))))


def quad_of(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    found = next((q for q in QUADS if q.casefold() == value.strip().casefold()), None)
    if found is None:
        raise BadFilter("quad", f"unknown quad {value!r}; one of {', '.join(QUADS)}")
    return found


def first_day(name: str, value: Day, today: dt.date | None = None) -> dt.date | None:
    """The first day a date filter covers ("7 hari terakhir" → a week ago): for `since`."""
    period = _period(name, value, today)
    return period[0] if period else None


def last_day(name: str, value: Day, today: dt.date | None = None) -> dt.date | None:
    """The last day a date filter covers ("bulan lalu" → the last day of last month): for `until`."""
    period = _period(name, value, today)
    return period[1] if period else None


def _period(name: str, value: Day, today: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if value is None or isinstance(value, dt.date):
        return (value, value) if value else None
    if not value.strip():
        return None
    period = period_of(value, today or dt.date.today())
    if period is None:
        raise BadFilter(name, f"cannot read {value!r} as a date; {DATE_HELP}")
    return period


def date_range(since: Day, until: Day, today: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """`since` and `until` as days, refused when the range is empty."""
    first, last = first_day("since", since, today), last_day("until", until, today)
    if first and last and first > last:
        raise BadFilter("since", f"since ({first}) is after until ({last}): no day is in between")
    return first, last


def limit_of(value: int) -> int:
    if value < 1:
        raise BadFilter("limit", f"limit must be 1 or more, not {value}")
    return value


def event_filter(
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    quad: str | None = None,
    since: Day = None,
    until: Day = None,
    text: str | None = None,
    limit: int = 100,
    today: dt.date | None = None,
    place: str | None = None,
) -> EventFilter:
    """The event filters, each checked and normalised; BadFilter names the first one that cannot be used."""
    first, last = date_range(since, until, today)
    return EventFilter(
        actor_code("actor", actor),
        actor_code("source", source),
        actor_code("target", target),
        event_type(type),
        quad_of(quad),
        first,
        last,
        text.strip() or None if text else None,
        limit_of(limit),
        place.strip() or None if place else None,
    )
