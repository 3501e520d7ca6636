"""Proposals on real articles around a change of office holder: with a knowledge base that still gives Indonesia's
foreign ministry to Retno Marsudi, three 2025 articles (corpus/dev and two held-out sets) name Sugiono as foreign
minister; the proposal lists him with the sentences, accepting it ends her term and adds him, and re-coding
changes the coding of those articles. Rejected proposals stay rejected."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from peristiwa.api import Peristiwa
from peristiwa.settings import Settings
from peristiwa.stages.actors.overlay import Choices, KnowledgeEditError
from peristiwa.store import knowledge, proposals
from peristiwa.store.connection import connection
from peristiwa.store.recode import recode

ROOT = Path(__file__).resolve().parents[2]
SUGIONO = [
    ROOT / "corpus" / "dev" / "raw" / "h3_019_sugiono-kirim-10000-ton-beras.txt",
    ROOT / "tests" / "heldout2" / "raw" / "105_indonesia_australia.txt",
    ROOT / "tests" / "heldout7" / "raw" / "121_indonesia_brics.txt",
]
KEY = "holder:Foreign Minister:IDN:Sugiono"
S = Settings()


def stale_knowledge(con: duckdb.DuckDBPyConnection) -> None:
    """The knowledge base as it stood before October 2024: no Sugiono, Retno Marsudi in office."""
    knowledge.change(con, S, "person", None, key="per.sugiono", action="retire", author="t")
    _, retno, _ = knowledge.entry(con, S, "per.retno_marsudi")
    assert retno is not None
    retno["roles"][0]["to"] = None
    knowledge.change(con, S, "person", retno, action="edit", author="t")
    knowledge.mark_recoded(con, [1, 2])


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("proposals") / "stale.duckdb"
    with connection(db) as con:
        stale_knowledge(con)
    Peristiwa(db).ingest([str(p) for p in SUGIONO])
    return db


def sugiono_rows(con: duckdb.DuckDBPyConnection) -> set[tuple[str | None, str | None]]:
    return set(con.execute("SELECT actor, kb_id FROM entities WHERE name = 'Sugiono'").fetchall())


def test_a_new_office_holder_is_proposed_with_evidence_and_accepting_recodes(stale: Path) -> None:
    db = stale.with_name("accepted.duckdb")
    db.write_bytes(stale.read_bytes())
    with connection(db) as con:
        assert sugiono_rows(con) == {(None, None)}  # stale: the office is Retno's, Sugiono acts for no one
        [proposal] = [p for p in proposals.proposals(con, S) if p["key"] == KEY]
        assert proposal["holders"] == ["Retno Marsudi"] and proposal["count"] == 3
        assert proposal["first_date"] == "2025-01-07"
        assert all("Sugiono" in e["sentence"] for e in proposal["evidence"])
        made = proposals.accept(con, S, KEY, "ana")
        assert len(made) == 2  # her term ends, his begins
        kb = knowledge.knowledge_base(knowledge.with_overlay(con, S))
        assert [str(r.end) for r in kb.persons["per.retno_marsudi"].roles] == ["2025-01-07"]
        report = recode(con, S)
        assert sugiono_rows(con) == {("IDN", "per.sugiono_2")}
        assert any("AGREE IDN→PSE" in line for c in report.changed for line in c.gained)
        assert KEY not in {p["key"] for p in proposals.proposals(con, S)}
        with pytest.raises(KnowledgeEditError, match="no open proposal"):
            proposals.accept(con, S, KEY, "ana")


def test_a_rejected_proposal_is_remembered(stale: Path) -> None:
    db = stale.with_name("rejected.duckdb")
    db.write_bytes(stale.read_bytes())
    with connection(db) as con:
        proposals.reject(con, S, KEY, "ana")
        assert KEY not in {p["key"] for p in proposals.proposals(con, S)}
        [decided] = [p for p in proposals.proposals(con, S, include_decided=True) if p["key"] == KEY]
        assert decided["status"] == "rejected"
        assert con.execute("SELECT count(*) FROM kb_changes").fetchone() == (2,)  # only the stale setup


def test_accepting_a_proposal_that_fails_a_check_changes_nothing(stale: Path) -> None:
    db = stale.with_name("refused.duckdb")
    db.write_bytes(stale.read_bytes())
    with connection(db) as con:
        # an analyst already gave the bare name to an organisation: the new person would share it
        body = {"id": "org.yayasan_sugiono", "name": "Yayasan Sugiono", "type": "ORG", "actor": "IDN", "sector": "CIV",
                "aliases": ["Yayasan Sugiono", "Sugiono"]}  # fmt: skip
        knowledge.change(con, S, "organisation", body, action="add", author="t", choices=Choices(shared_alias=True))
        before = con.execute("SELECT * FROM kb_overlay ORDER BY key").fetchall()
        with pytest.raises(KnowledgeEditError, match="already names org.yayasan_sugiono"):
            proposals.accept(con, S, KEY, "ana")  # Retno's term was ended first: that is rolled back too
        assert con.execute("SELECT * FROM kb_overlay ORDER BY key").fetchall() == before
