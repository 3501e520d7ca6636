"""The PLOVER type table (quad, CAMEO QuadClass and root code, score) as the store needs it when it merges
mentions. There is one table: `data/events/types.yaml`, the one the events stage codes with."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peristiwa.knowledge import load_yaml


@dataclass(frozen=True, slots=True)
class PloverType:
    type: str
    quad: str
    quad_class: int
    cameo: str
    score: float


@cache
def plover_types(data_dir: Path) -> dict[str, PloverType]:
    table = load_yaml(data_dir / "events" / "types.yaml")
    return {
        name: PloverType(name, row["quad"], int(row["quad_class"]), str(row["cameo"]), float(row["score"]))
        for name, row in table.items()
    }
