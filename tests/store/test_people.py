"""An actor's people are persons: not the state itself, not its ministries (a real article, a real database)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from peristiwa.api import Peristiwa
from peristiwa.model import Source, to_record
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle

ARTICLE = Path(__file__).resolve().parents[1] / "heldout3" / "raw" / "109_indonesia_malaysia.txt"


def test_the_people_of_indonesia_are_persons(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "idn.duckdb"
    raw = RawArticle(ARTICLE.read_text(encoding="utf-8"), Source(path=str(ARTICLE), format="txt"))
    Peristiwa(db).ingest_records([to_record(pipeline.process(raw))])
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = dict(con.execute("SELECT name, type FROM entities WHERE actor = 'IDN'").fetchall())
    assert kinds.get("Indonesia") == "GPE"  # the state is an entity of IDN …
    people = Peristiwa(db).actor("IDN")["people"]
    assert people and "Indonesia" not in {p["name"] for p in people}  # … but not one of its people
    assert all(kinds[p["name"]] == "PER" for p in people)
