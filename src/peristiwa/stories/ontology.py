"""The PLOVER type table (quad, CAMEO QuadClass and root code, score), read from a data file."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peristiwa.settings import DATA_DIR

TYPES_FILE = DATA_DIR / "stories" / "plover_types.tsv"


@dataclass(frozen=True, slots=True)
class PloverType:
    type: str
    quad: str
    quad_class: int
    cameo: str
    score: float
    example: str


@cache
def plover_types(path: Path = TYPES_FILE) -> dict[str, PloverType]:
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t"))
    return {
        row["type"]: PloverType(
            row["type"],
            row["quad"],
            int(row["quad_class"]),
            row["cameo"],
            float(row["score"]),
            row["example"],
        )
        for row in rows
    }


def type_info(event_type: str | None) -> PloverType | None:
    return plover_types().get((event_type or "").upper())
