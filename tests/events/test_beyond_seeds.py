"""The coder on sentences beyond the seeds (other stories, written in the style of Indonesian outlets)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from tests.events.kit import code_text, coding

TABLES = ("beyond_seeds.yaml", "heldout.yaml")
FLOORS = {"beyond_seeds.yaml": 0.95, "heldout.yaml": 0.70}  # F1 floors: only ever raised


def _score(name: str) -> tuple[float, float, float]:
    rows = yaml.safe_load((Path(__file__).parent / name).read_text(encoding="utf-8"))
    tp = n_sys = n_gold = 0
    for row in rows:
        got, want = Counter(coding(code_text(row["text"]))), Counter(row["expect"])
        tp += sum((got & want).values())
        n_sys, n_gold = n_sys + sum(got.values()), n_gold + sum(want.values())
    precision, recall = tp / max(n_sys, 1), tp / max(n_gold, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def test_beyond_seeds_table_meets_its_floor() -> None:
    precision, recall, f1 = _score("beyond_seeds.yaml")
    assert f1 >= FLOORS["beyond_seeds.yaml"] and precision >= recall - 0.05


def test_heldout_table_meets_its_floor() -> None:
    precision, recall, f1 = _score("heldout.yaml")
    assert f1 >= FLOORS["heldout.yaml"] and precision >= recall - 0.05


def test_tables_are_big_enough() -> None:
    sizes = [len(yaml.safe_load((Path(__file__).parent / n).read_text(encoding="utf-8"))) for n in TABLES]
    assert sizes[0] >= 40 and sizes[1] >= 20
