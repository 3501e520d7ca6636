"""Seed documents for the quotes tests: raw seed → clean stage → hand-built entities from the gold aliases.

The entities stand in for the actors stage (written in parallel), so the quotes stage is measured on its own.
"""

from __future__ import annotations

import json
import re
from typing import Any

from peristiwa import evaluate
from peristiwa.model import Document, Entity, Mention, Source, to_record
from peristiwa.settings import Settings
from peristiwa.stages.clean import make_stage as make_clean
from peristiwa.stages.quotes import make_stage as make_quotes
from tests.conftest import GOLD as CONFTEST_GOLD
from tests.conftest import SAMPLES

SEEDS = SAMPLES  # the bundled copies of shared/corpus/seeds
GOLD = CONFTEST_GOLD


def load_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_entities(text: str, gold: dict[str, Any]) -> list[Entity]:
    """Entities with every whole-word occurrence of a gold alias as a mention (longest alias wins)."""
    taken: list[tuple[int, int]] = []
    entities = []
    aliases = sorted(((a, e) for e in gold["entities"] for a in e["aliases"]), key=lambda x: -len(x[0]))
    by_name: dict[str, Entity] = {}
    for alias, ent in aliases:
        entity = by_name.setdefault(
            ent["name"], Entity(f"e{len(by_name)}", ent["name"], ent["type"], actor=ent.get("actor"))
        )
        for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                taken.append((m.start(), m.end()))
                entity.mentions.append(Mention(m.start(), m.end(), m.group()))
    entities = list(by_name.values())
    return entities


def seed_doc(gold: dict[str, Any], with_entities: bool = True) -> Document:
    raw = (SEEDS / gold["source_file"]).read_text(encoding="utf-8")
    doc = Document(id=gold["id"], raw=raw, source=Source(path=str(SEEDS / gold["source_file"])))
    settings = Settings()
    make_clean(settings)(doc)
    if with_entities:
        doc.entities = gold_entities(doc.text, gold)
    make_quotes(settings)(doc)
    return doc


def score(with_entities: bool = True) -> dict[str, Any]:
    """Seed figures by `peristiwa.evaluate`, which tests/test_evaluate.py holds to shared/eval/score.py."""
    golds = load_gold()
    result = evaluate.score(golds, [to_record(seed_doc(g, with_entities)) for g in golds])
    return {"overall": result["overall"], "per_doc": {k: v["quotes"] for k, v in result["per_doc"].items()}}
