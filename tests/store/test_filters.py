"""Filter values are checked once (store/filters.py) for the CLI and the Python API, with clear errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from peristiwa.api import Peristiwa
from peristiwa.store import filters
from peristiwa.store.errors import BadFilter, BadQuery
from tests.store.conftest import ROOT


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peristiwa", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_reads_relative_dates_instead_of_a_traceback(filled: Peristiwa) -> None:
    for since in ("yesterday", "kemarin", "7 hari terakhir"):
        result = _cli("query", "events", "--db", str(filled.db), "--since", since)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    march = _cli("query", "events", "--db", str(filled.db), "--since", "2022-03", "--until", "Maret 2022")
    assert march.returncode == 0 and len(march.stdout.splitlines()) == 2


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--quad", "foo", "quad: unknown quad 'foo'; one of V-coop, M-coop, V-conf, M-conf"),
        ("--type", "MEETING", "type: unknown event type 'MEETING'; one of ACCUSE, AGREE,"),
        ("--since", "someday", "since: cannot read 'someday' as a date; give YYYY-MM-DD or a relative date"),
        ("--until", "0", "until: cannot read '0' as a date"),
        ("--actor", "R US", "actor: 'R US' is not an actor code"),
    ],
)
def test_cli_refuses_a_filter_value_it_cannot_use(filled: Peristiwa, option: str, value: str, message: str) -> None:
    result = _cli("query", "events", "--db", str(filled.db), option, value)
    assert result.returncode == 2, result.stderr
    assert message in " ".join(result.stderr.split()) and "Traceback" not in result.stderr
    assert not result.stdout


@pytest.mark.parametrize("command", [["stories"], ["quotes", "lavrov"], ["events"]])
def test_cli_refuses_a_negative_limit_in_every_query(filled: Peristiwa, command: list[str]) -> None:
    result = _cli("query", *command, "--limit", "-1", "--db", str(filled.db))
    assert result.returncode == 2 and "limit: limit must be 1 or more, not -1" in result.stderr
    assert "Traceback" not in result.stderr and "Binder Error" not in result.stderr


def test_cli_actor_code_in_any_case_and_unknown_actor(filled: Peristiwa) -> None:
    lower = _cli("query", "actor", "rus", "--db", str(filled.db))
    assert lower.returncode == 0 and '"actor": "RUS"' in lower.stdout and '"events": 2' in lower.stdout
    unknown = _cli("query", "actor", "xyz", "--db", str(filled.db))
    assert unknown.returncode == 1 and not unknown.stdout
    assert "unknown actor 'XYZ'" in unknown.stderr and "Traceback" not in unknown.stderr


def test_cli_dyad_of_an_unknown_actor(filled: Peristiwa) -> None:
    result = _cli("query", "dyad", "rus", "zzz", "--db", str(filled.db))
    assert result.returncode == 1 and "unknown actor 'ZZZ'" in result.stderr and not result.stdout
    assert filled.dyad_timeline("ukr", "rus") == []  # both known, never in this direction: no error


def test_python_api_checks_the_same_values(filled: Peristiwa) -> None:
    assert [e["type"] for e in filled.events(quad="v-conf", actor="rus")] == ["ACCUSE"]
    for bad in ({"quad": "foo"}, {"type": "bogus"}, {"since": "2022-04-01", "until": "2022-03-01"}, {"limit": 0}):
        with pytest.raises(BadFilter):
            filled.events(**bad)  # type: ignore[arg-type]
    assert filled.actor("ukr")["actor"] == "UKR"
    with pytest.raises(BadQuery, match="unknown actor 'ZZZ'"):
        filled.actor("zzz")


def test_relative_dates_anchor_on_today() -> None:
    week = filters.event_filter(since="7 hari terakhir", until="kemarin", today=dt.date(2022, 3, 15))
    assert (week.since, week.until) == (dt.date(2022, 3, 9), dt.date(2022, 3, 14))
    month = filters.event_filter(since="last month", until="last month", today=dt.date(2022, 4, 2))
    assert (month.since, month.until) == (dt.date(2022, 3, 1), dt.date(2022, 3, 31))
    assert filters.event_filter(since=dt.date(2022, 3, 1)).since == dt.date(2022, 3, 1)  # dates pass as they are
