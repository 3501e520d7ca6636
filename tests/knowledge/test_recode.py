"""Re-coding after a knowledge change, on real articles of corpus/dev: only the articles naming the changed entry
run again, the report says which events changed, a second run changes nothing, and an ingest after the change
codes new articles with it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.settings import Settings
from peristiwa.store import knowledge
from peristiwa.store.connection import connection
from peristiwa.store.recode import recode
from tests.store.conftest import dump

DEV = Path(__file__).resolve().parents[2] / "corpus" / "dev" / "raw"
KABUL = DEV / "h2_026_india-buka-kedutaan-kabul-kontan.txt"  # Muttaqi, Taliban foreign minister, in New Delhi
TOKYO = DEV / "h2_016_china-imbau-warga-hindari-jepang-idxchannel.txt"  # no Muttaqi: must not be re-run


def taliban_government(con: duckdb.DuckDBPyConnection) -> None:
    """An analyst's coding decision: the Taliban's foreign minister acts for TALIBAN, not AFG."""
    _, body, _ = knowledge.entry(con, Settings(), "per.amir_khan_muttaqi")
    assert body is not None
    body["roles"] = [{**r, "org": "TALIBAN"} for r in body["roles"]]
    knowledge.change(con, Settings(), "person", body, action="edit", author="ana", reason="coding policy")


def sources(db: Path) -> set[str]:
    with connection(db, read_only=True) as con:
        return {r[0] for r in con.execute("SELECT DISTINCT source FROM events WHERE target = 'IND'").fetchall()}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("recode") / "dev.duckdb"
    Peristiwa(db).ingest([str(KABUL), str(TOKYO)])
    return db


def test_recode_reruns_only_the_articles_naming_the_change_and_reports_the_events(stored: Path) -> None:
    db = stored.with_name("edited.duckdb")
    db.write_bytes(stored.read_bytes())
    assert "AFG" in sources(db)
    with connection(db) as con:
        unchanged = recode(con, Settings(), names=["Muttaqi"])  # same knowledge: nothing changes
        assert (unchanged.articles, unchanged.changed) == (1, [])
        taliban_government(con)
        report = recode(con, Settings())
    assert report.articles == 1 and report.changes_applied == [1]
    [article] = report.changed
    assert any(line.startswith("CONSULT AFG→IND") for line in article.lost)
    assert any(line.startswith("CONSULT TALIBAN→IND") for line in article.gained)
    assert sources(db) == {"TALIBAN"}  # no event of the article acts for AFG any more
    before = dump(db)
    with connection(db) as con:
        again = recode(con, Settings())
    assert (again.articles, again.changed, again.changes_applied) == (0, [], [])
    assert dump(db) == before


def test_an_ingest_after_the_change_codes_with_it(tmp_path: Path) -> None:
    db = tmp_path / "fresh.duckdb"
    with connection(db) as con:
        taliban_government(con)
    Peristiwa(db).ingest([str(KABUL)])
    assert sources(db) == {"TALIBAN"}


def test_undo_and_recode_bring_the_machine_coding_back(stored: Path) -> None:
    db = stored.with_name("undone.duckdb")
    db.write_bytes(stored.read_bytes())
    before = dump(db)
    with connection(db) as con:
        taliban_government(con)
        recode(con, Settings())
        knowledge.undo(con, "ana")
        report = recode(con, Settings())
    assert any(line.startswith("CONSULT AFG→IND") for line in report.changed[0].gained)
    after = dump(db)
    assert {t: rows for t, rows in after.items() if not t.startswith("kb_")} == {
        t: rows for t, rows in before.items() if not t.startswith("kb_")
    }
