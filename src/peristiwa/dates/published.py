"""Publication date and time from a page's date line or from the article URL.

The cleaning stage calls `published_from_text` on the date line it removes and `published_from_url`
when the page itself states no date. Patterns are data: `data/time/published.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from peristiwa.dates.lexicon import load_lexicon
from peristiwa.patterns import load_yaml


@dataclass(frozen=True, slots=True)
class PublishedRules:
    line_rules: tuple[tuple[str, re.Pattern[str]], ...]
    url_rules: tuple[tuple[str, re.Pattern[str]], ...]
    time: re.Pattern[str]
    zone: re.Pattern[str]
    zones: dict[str, str]
    year_range: tuple[int, int]
    data_dir: Path


@cache
def load_published_rules(data_dir: Path) -> PublishedRules:
    data = load_yaml(data_dir / "time" / "published.yaml")
    return PublishedRules(
        line_rules=_compiled(data["line_rules"]),
        url_rules=_compiled(data["url_rules"]),
        time=re.compile(data["time_pattern"]),
        zone=re.compile(data["zone_pattern"]),
        zones={str(k): str(v) for k, v in data["zones"].items()},
        year_range=(int(data["year_range"][0]), int(data["year_range"][1])),
        data_dir=data_dir,
    )


def _compiled(entries: list[dict[str, Any]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((entry["id"], re.compile(entry["pattern"])) for entry in entries)


def published_from_text(line: str, data_dir: Path) -> tuple[str | None, str | None]:
    """("YYYY-MM-DD", "HH:MM+07:00") from a date line such as "Jumat, 04 Maret 2022 | 08:45 WIB".

    The time carries the zone when the line names WIB/WITA/WIT or an ISO offset, is plain "HH:MM" when
    it names none, and is None when the line has no time. (None, None) when there is no valid date.
    """
    rules = load_published_rules(data_dir)
    for _, regex in rules.line_rules:
        for match in regex.finditer(line):
            found = _date_from(match, rules)
            if found:
                return found, _time_after(line, match, rules)
    return None, None


def published_from_url(url: str, data_dir: Path) -> str | None:
    """The publication date written into an article URL ("/2022/03/04/", "/20220304/", "?date=…")."""
    rules = load_published_rules(data_dir)
    for _, regex in rules.url_rules:
        for match in regex.finditer(url):
            is_query = "value" in regex.groupindex
            found = _date_from_value(match, rules) if is_query else _date_from(match, rules)
            if found:
                return found
    return None


def _date_from_value(match: re.Match[str], rules: PublishedRules) -> str | None:
    value = unquote(match.group("value"))
    found = published_from_text(value, rules.data_dir)[0]
    if found:
        return found
    path_rules = [regex for _, regex in rules.url_rules if "value" not in regex.groupindex]
    compact = next((m for regex in path_rules for m in regex.finditer(value)), None)
    return _date_from(compact, rules) if compact else None


def _date_from(match: re.Match[str], rules: PublishedRules) -> str | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else load_lexicon(rules.data_dir).month(month_text)
    year, day = int(match.group("year")), int(match.group("day"))
    if not month or not rules.year_range[0] <= year <= rules.year_range[1]:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _time_after(line: str, match: re.Match[str], rules: PublishedRules) -> str | None:
    groups = match.groupdict()
    if groups.get("hour"):
        return _with_zone(f"{int(groups['hour']):02d}:{groups['minute']}", _offset(groups.get("offset")))
    found = rules.time.search(line, match.end())
    if not found:
        return None
    zone = rules.zone.search(line, found.end())
    hhmm = f"{int(found.group('hour')):02d}:{found.group('minute')}"
    return _with_zone(hhmm, rules.zones.get(zone.group("zone")) if zone else None)


def _offset(raw: str | None) -> str | None:
    if not raw:
        return None
    if raw == "Z":
        return "+00:00"
    return raw if ":" in raw else f"{raw[:3]}:{raw[3:]}"


def _with_zone(hhmm: str, zone: str | None) -> str:
    return f"{hhmm}{zone}" if zone else hhmm
