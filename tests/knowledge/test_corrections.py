"""Corrections on a real dev article: applied on top of the machine output, kept through re-ingest of a changed
version and through re-coding (flagged for review when the machine's item under them changed), carried as
`corrected` by the PLOVER export, and exported as a gold file that `peristiwa eval` scores."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.settings import DATA_DIR, Settings
from peristiwa.store import corrections, knowledge
from peristiwa.store.connection import connection
from peristiwa.store.recode import recode
from tests.ingest.conftest import run_cli
from tests.knowledge.test_recode import KABUL, taliban_government

EMBASSY = "pembukaan Kembali kedutaan India di Afghanistan"  # the machine codes SUPPORT IND→AFG
VISIT = "kunjungan enam hari ke India"  # CONSULT AFG→IND, by Muttaqi: re-coding changes it
TIES = "meningkatkan hubungan dengan New Delhi"  # COOPERATE AFG→IND, by Muttaqi too


def mention(con: duckdb.DuckDBPyConnection, evidence: str) -> tuple[str, str, str, str, bool]:
    row = con.execute(
        "SELECT article_id, mention_id, type, source, corrected FROM event_mentions WHERE evidence_text = ?", [evidence]
    ).fetchone()
    assert row is not None, evidence
    return row


def correct(con: duckdb.DuckDBPyConnection, evidence: str, **fields: object) -> int:
    aid, mid, *_ = mention(con, evidence)
    kb = knowledge.knowledge_base(Settings())
    return corrections.add(con, DATA_DIR, kb, aid, "event", mid, "fix", dict(fields), "analyst's reading", "ana")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    copy = tmp_path / KABUL.name
    copy.write_text(KABUL.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def test_a_correction_is_applied_and_survives_a_changed_version_and_recode(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "c.duckdb"
    Peristiwa(db).ingest([str(article)])
    with connection(db) as con:
        correct(con, EMBASSY, type="COOPERATE")
        correct(con, VISIT, negated=True)
        correct(con, TIES, date="2025-10")
        dated = "SELECT date, date_precision FROM event_mentions WHERE evidence_text = ?"
        assert con.execute(dated, [TIES]).fetchone() == ("2025-10", "month")
        assert mention(con, EMBASSY)[2:] == ("COOPERATE", "IND", True)
        assert con.execute("SELECT corrected FROM events WHERE type = 'COOPERATE' AND source = 'IND'").fetchone() == (
            True,
        )
    article.write_text(article.read_text(encoding="utf-8") + "\n\nBerita ini diperbarui.\n", encoding="utf-8")
    report = Peristiwa(db).ingest([str(article)])
    assert report.replaced == 1
    with connection(db) as con:
        assert mention(con, EMBASSY)[2:] == ("COOPERATE", "IND", True)  # followed the new version
        assert all(c["review"] for c in corrections.listing(con))  # the text changed under both
        con.execute("UPDATE corrections SET review = false")
        taliban_government(con)
        recode(con, Settings())
        visit = con.execute(
            "SELECT source, negated, corrected FROM event_mentions WHERE evidence_text = ?", [VISIT]
        ).fetchone()
        assert visit == ("TALIBAN", True, True)  # the new machine output, with the analyst's fix on top
        review = {next(iter(c["fields"])): c["review"] for c in corrections.listing(con)}
        assert review == {
            "type": False,
            "negated": True,
            "date": True,
        }  # the machine re-coded the last two  # only the item the machine changed is flagged


def test_bad_corrections_are_refused_and_change_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    Peristiwa(db).ingest([str(KABUL)])
    with connection(db) as con:
        aid, mid, *_ = mention(con, EMBASSY)
        kb = knowledge.knowledge_base(Settings())
        for item, target, action, fields, says in [
            ("event", mid, "fix", {"type": "MEET"}, "not a PLOVER event type"),
            ("event", mid, "fix", {"source": "XXX"}, "not a known actor code"),
            ("event", mid, "fix", {"date": "kemarin"}, "not a date"),
            ("event", mid, "fix", {"evidence_text": "x"}, "cannot be corrected"),
            ("event", "ev-nothing", "wrong", {}, "no event"),
            ("speech", mid, "wrong", {}, "unknown item"),
        ]:
            with pytest.raises(corrections.CorrectionError, match=says):
                corrections.add(con, DATA_DIR, kb, aid, item, target, action, fields, None, "ana")
        assert corrections.listing(con, include_withdrawn=True) == []
        assert mention(con, EMBASSY)[2:] == ("SUPPORT", "IND", False)


def test_corrections_reach_the_plover_export_and_score_as_gold(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    Peristiwa(db).ingest([str(KABUL)])
    with connection(db) as con:
        correct(con, EMBASSY, type="COOPERATE")
        aid, mid, *_ = mention(con, "penarikan pasukan NATO")
        corrections.add(
            con, DATA_DIR, knowledge.knowledge_base(Settings()), aid, "event", mid, "wrong", {}, None, "ana"
        )
    exported = tmp_path / "events.jsonl"
    assert run_cli("export", "--format", "plover-jsonl", "-o", str(exported), "--db", str(db)).returncode == 0
    events = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    flagged = {(e["event_type"], e["actor"]) for e in events if e["corrected"]}
    assert flagged == {("COOPERATE", "IND")}
    assert not any(e["event_type"] == "RETREAT" for e in events)  # marked wrong: left out
    gold = tmp_path / "corrections.gold.jsonl"
    assert run_cli("corrections", "export", "-o", str(gold), "--db", str(db)).returncode == 0
    [record] = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert record["source_file"] == KABUL.name
    scored = run_cli("eval", str(gold), "--raw", str(KABUL.parent), "--json")
    assert scored.returncode == 0, scored.stderr
    overall = json.loads(scored.stdout)["overall"]
    assert overall["entities"]["f1"] == 1.0  # uncorrected layers agree with the machine that made them
    events = overall["events"]
    assert events["gold"] == events["sys"] - 1 and events["tp"] == events["gold"] - 1  # one wrong, one retyped


def test_quote_entity_and_date_corrections_carry_their_flag_survive_reingest_and_reach_the_gold(
    tmp_path: Path, article: Path
) -> None:
    db = tmp_path / "c.duckdb"
    Peristiwa(db).ingest([str(article)])
    kb = knowledge.knowledge_base(Settings())
    with connection(db) as con:
        aid = str(con.execute("SELECT id FROM articles").fetchone()[0])  # type: ignore[index]
        muttaqi = con.execute("SELECT entity_id FROM entities WHERE name = 'Amir Khan Muttaqi'").fetchone()[0]  # type: ignore[index]
        quote = con.execute("SELECT seq FROM quotes WHERE text LIKE 'Kerja sama yang lebih erat%'").fetchone()[0]  # type: ignore[index]
        date = con.execute("SELECT seq FROM dates WHERE text = 'setahun kemudian'").fetchone()[0]  # type: ignore[index]
        for item, target, fields in [
            ("entity", muttaqi, {"actor": "TALIBAN"}),
            ("quote", str(quote), {"speaker": "Amir Khan Muttaqi"}),
            ("date", str(date), {"value": "2022"}),
        ]:
            corrections.add(con, DATA_DIR, kb, aid, item, str(target), "fix", fields, None, "ana")
        corrections.add(con, DATA_DIR, kb, aid, "entity", "E1", "wrong", {}, "the outlet, not an actor", "ana")
        with pytest.raises(corrections.CorrectionError, match="not an entity type"):
            corrections.add(con, DATA_DIR, kb, aid, "entity", muttaqi, "fix", {"type": "MINISTER"}, None, "ana")
    article.write_text(article.read_text(encoding="utf-8") + "\n\nBerita ini diperbarui.\n", encoding="utf-8")
    assert Peristiwa(db).ingest([str(article)]).replaced == 1
    with connection(db) as con:
        flagged = {
            table: con.execute(f"SELECT count(*) FROM {table} WHERE corrected").fetchone()[0]  # type: ignore[index]
            for table in ("entities", "quotes", "dates")
        }
        assert flagged == {"entities": 1, "quotes": 1, "dates": 1}  # on the new version's machine output
        speaker = con.execute("SELECT speaker, speaker_id FROM quotes WHERE corrected").fetchone()
        assert speaker == ("Amir Khan Muttaqi", muttaqi)  # linked to the article's entity of that name
        assert con.execute("SELECT count(*) FROM entities WHERE name = 'KONTAN.CO.ID'").fetchone() == (0,)
        [gold] = corrections.gold_records(con)
    assert {"name": "Amir Khan Muttaqi", "actor": "TALIBAN"}.items() <= next(
        e for e in gold["entities"] if e["name"] == "Amir Khan Muttaqi"
    ).items()
    assert not any(e["name"] == "KONTAN.CO.ID" for e in gold["entities"])
    assert {"speaker": "Amir Khan Muttaqi", "start": "Kerja sama yang lebih", "direct": True} in gold["quotes"]
    assert {"text": "setahun kemudian", "value": "2022"} in gold["dates"]
