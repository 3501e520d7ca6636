"""Helpers for store tests: dump a database to compare it, run the worker in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from peristiwa.api import Peristiwa
from tests.store.records import BODY_OTHER, BODY_SUMMIT, BODY_SUMMIT_FOLLOWUP, entity, record, summit_record

ROOT = Path(__file__).resolve().parents[2]
TABLES = (
    "articles",
    "removed",
    "entities",
    "entity_mentions",
    "quotes",
    "dates",
    "places",
    "event_mentions",
    "fingerprints",
    "lsh_bands",
    "article_keys",
    "links",
    "stories",
    "events",
    "dyad_month",
    "actor_partner",
    "schema_version",
)


def dump(db: Path) -> dict[str, list[Any]]:
    """Every row of every table, sorted: two databases with equal dumps hold the same data."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}
    finally:
        con.close()


def worker(db: Path, articles: int, batch: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", str(db), str(articles), str(batch), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def corpus() -> list[dict[str, Any]]:
    """Two outlets carry one report (a syndicated copy), a third follows it up, a fourth is unrelated."""
    return [
        summit_record("https://a.example/1", "Antara"),
        summit_record("https://b.example/1", "Kompas", text="Baca juga: Harga minyak naik\n" + BODY_SUMMIT),
        summit_record("https://c.example/2", "Tempo", published="2022-03-11", text=BODY_SUMMIT_FOLLOWUP, date=None),
        record(
            BODY_OTHER,
            url="https://a.example/3",
            outlet="Antara",
            published="2022-03-14",
            entities=[entity("e1", "Joko Widodo", "IDN")],
        ),
    ]


@pytest.fixture()
def filled(tmp_path: Path) -> Peristiwa:
    store = Peristiwa(tmp_path / "news.duckdb")
    store.ingest_records(corpus())
    return store
