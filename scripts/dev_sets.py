"""The development sets the error-listing scripts read (never corpus/blind): imported by
argument_errors.py, quote_errors.py and event_date_errors.py, which run from this folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def sources(names: list[str]) -> Iterator[tuple[str, Path, Path]]:
    """(set name, gold file, raw folder) of each development set asked for: dev, heldout, seeds."""
    if "dev" in names:
        yield "dev", ROOT / "corpus" / "dev" / "gold.jsonl", ROOT / "corpus" / "dev" / "raw"
    if "heldout" in names:
        for folder in sorted((ROOT / "tests").glob("heldout*")):
            yield folder.name, folder / "gold.jsonl", folder / "raw"
    if "seeds" in names:
        yield "seeds", SHARED / "eval" / "seeds.gold.jsonl", SHARED / "corpus" / "seeds"
