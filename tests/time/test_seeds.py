"""The seed gold: date values found on the raw seed texts with the gold publication dates.

Matching follows ../shared/eval/score.py: a gold date with a value is found when a system date's text
overlaps it (one contains the other after normalisation) and has the same value.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import pytest

from peristiwa.model import DateMention
from peristiwa.settings import DATA_DIR
from peristiwa.stages.time import find_dates
from tests.conftest import GOLD as CONFTEST_GOLD
from tests.conftest import SAMPLES

GOLD = CONFTEST_GOLD
SEEDS = SAMPLES  # the bundled copies of shared/corpus/seeds

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="shared seed gold not available")


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return re.sub(r"\s+", " ", re.sub(r"[“”\"'‘’.,:;!?()\[\]]", " ", text)).strip()


def _found(gold: dict[str, str], mentions: list[DateMention]) -> bool:
    want = _norm(gold["text"])
    return any(
        m.value == gold["value"] and _norm(m.text) and (want in _norm(m.text) or _norm(m.text) in want)
        for m in mentions
    )


def _documents() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_date_value_accuracy_on_seeds() -> None:
    hits, total = 0, 0
    for gold in _documents():
        anchor = date.fromisoformat(gold["published"]) if gold["published"] else None
        mentions = find_dates((SEEDS / gold["source_file"]).read_text(encoding="utf-8"), anchor, DATA_DIR)
        valued = [d for d in gold["dates"] if d["value"]]
        hits += sum(_found(d, mentions) for d in valued)
        total += len(valued)
    assert total and hits / total >= 0.95


def test_every_gold_expression_is_recognised() -> None:
    """Also those without a value: the span is found, and the value stays null where gold has none."""
    for gold in _documents():
        anchor = date.fromisoformat(gold["published"]) if gold["published"] else None
        mentions = find_dates((SEEDS / gold["source_file"]).read_text(encoding="utf-8"), anchor, DATA_DIR)
        for expected in gold["dates"]:
            same = [m for m in mentions if m.text == expected["text"]]
            assert same, f"{gold['id']}: {expected['text']!r} missing"
            assert all(m.value == expected["value"] for m in same), f"{gold['id']}: {expected}"


def test_repeated_expression_reported_at_each_occurrence() -> None:
    text = "Ia tiba pada Selasa kemarin. Laporan itu terbit pada Selasa kemarin juga."
    found = [m for m in find_dates(text, date(2022, 3, 4), DATA_DIR) if m.text == "Selasa kemarin"]
    assert [m.start for m in found] == [text.index("Selasa kemarin"), text.rindex("Selasa kemarin")]
    assert {m.value for m in found} == {"2022-03-01"}
