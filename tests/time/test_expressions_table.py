"""Table-driven test: Indonesian temporal expressions, their anchors and expected values (expressions.tsv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from peristiwa.settings import DATA_DIR
from peristiwa.stages.time import find_dates

TABLE = Path(__file__).with_name("expressions.tsv")


@dataclass(frozen=True)
class Row:
    line: int
    anchor: date | None
    text: str
    span: str
    value: str | None
    rule: str


def _rows() -> list[Row]:
    rows = []
    with TABLE.open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
    records = csv.reader((text for _, text in lines[1:]), delimiter="\t")
    for (n, _), fields in zip(lines[1:], records, strict=True):
        fields += [""] * (5 - len(fields))
        anchor = None if fields[0] == "-" else date.fromisoformat(fields[0])
        value = None if fields[3] in ("null", "") else fields[3]
        rows.append(Row(n, anchor, fields[1], fields[2], value, fields[4]))
    return rows


ROWS = _rows()


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 150


@pytest.mark.parametrize("row", ROWS, ids=[f"L{r.line}:{r.text[:30]}" for r in ROWS])
def test_expression(row: Row) -> None:
    found = find_dates(row.text, row.anchor, DATA_DIR)
    if row.span == "-":
        assert found == [], f"expected no date in {row.text!r}"
        return
    match = [m for m in found if m.text == row.span]
    assert match, f"{row.span!r} not found; got {[(m.text, m.value) for m in found]}"
    assert match[0].value == row.value, match[0].rule
    assert row.rule in (match[0].rule or "")
    assert row.text[match[0].start : match[0].end] == row.span
