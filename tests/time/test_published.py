"""Publication date and time from date lines and URLs (data/time/published.yaml examples and more)."""

from __future__ import annotations

from datetime import date

import pytest

from peristiwa.patterns import load_yaml
from peristiwa.settings import DATA_DIR
from peristiwa.stages.time import published_from_text, published_from_url

DATA = load_yaml(DATA_DIR / "time" / "published.yaml")
LINE_EXAMPLES = [tuple(example) for rule in DATA["line_rules"] for example in rule["examples"]]
URL_EXAMPLES = [tuple(example) for rule in DATA["url_rules"] for example in rule["examples"]]


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


@pytest.mark.parametrize(("line", "day", "time"), LINE_EXAMPLES)
def test_line_examples(line: str, day: object, time: str | None) -> None:
    assert published_from_text(line, DATA_DIR) == (_iso(day), time)


@pytest.mark.parametrize(("url", "day"), URL_EXAMPLES)
def test_url_examples(url: str, day: object) -> None:
    assert published_from_url(url, DATA_DIR) == _iso(day)


@pytest.mark.parametrize("url", DATA["url_counter_examples"])
def test_url_counter_examples(url: str) -> None:
    assert published_from_url(url, DATA_DIR) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sabtu, 12 November 2022 | 19:05 WITA", ("2022-11-12", "19:05+08:00")),
        ("Selasa, 31 Januari 2023 06:30 WIT", ("2023-01-31", "06:30+09:00")),
        ("Laporan: Samsudin", (None, None)),
        ("Kamis, 31 Februari 2022 | 08:45 WIB", (None, None)),  # no such day
        ("Jumat, 04 Maret 1850", (None, None)),  # not a news page date
        ("Update: 4 Maret 2022", ("2022-03-04", None)),
    ],
)
def test_more_lines(line: str, expected: tuple[str | None, str | None]) -> None:
    assert published_from_text(line, DATA_DIR) == expected
