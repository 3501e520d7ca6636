"""The knowledge overlay: checks that refuse bad edits (and change nothing), the audit log, undo, export, and the
knowledge base the pipeline loads with the overlay on top of the shipped files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from peristiwa.settings import DATA_DIR, Settings
from peristiwa.stages.actors.kb import KnowledgeBase
from peristiwa.stages.actors.overlay import NONE_ALLOWED, Choices, KnowledgeEditError
from peristiwa.store import knowledge
from peristiwa.store.connection import connect

SETTINGS = Settings()


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = connect(tmp_path / "kb.duckdb")
    yield con
    con.close()


def person(key: str, name: str, *roles: dict[str, Any], names: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": key, "name": name, "names": [name, *names], "type": "PER", "roles": list(roles)}


def role(title: str, org: str, start: str | None, end: str | None = None, sector: str = "GOV") -> dict[str, Any]:
    return {"role": title, "org": org, "sector": sector, "from": start, "to": end}


def add(con: duckdb.DuckDBPyConnection, body: dict[str, Any], choices: Choices = NONE_ALLOWED) -> int:
    return knowledge.change(con, SETTINGS, "person", body, action="add", author="ana", reason="test", choices=choices)


def state(con: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    return (
        con.execute("SELECT * FROM kb_overlay").fetchall(),
        con.execute("SELECT count(*) FROM kb_changes").fetchone(),
    )


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (person("per.x_y", "Xavier Yunus", role("Foreign Minister", "ZZZ", "2025-01-01")), "unknown actor code 'ZZZ'"),
        (person("per.x_y", "Xavier Yunus", role("Minister", "IDN", "2025-05-01", "2025-01-01")), "swap them"),
        (person("per.x_y", "Xavier Yunus", role("Foreign Minister", "IRN", "2025-01-01")), "held by Abbas Araghchi"),
        (person("per.x_y", "Xavier Yunus", names=("Araghchi",)), "already names per.abbas_araghchi"),
        (person("per.x_y", "  "), "a name is empty"),
        (person("per.x_y", "<b>Xavier</b>"), "markup"),
        (person("per.x_y", "Xavier https://x.id"), "markup"),
        (person("Xavier", "Xavier Yunus"), "is not a person id"),
        (person("per.x_y", "Xavier Yunus", role("Minister", "IDN", "2025-01-01", sector="NOPE")), "sector"),
    ],
)
def test_a_bad_entry_is_refused_with_its_reason_and_changes_nothing(
    con: duckdb.DuckDBPyConnection, body: dict[str, Any], says: str
) -> None:
    before = state(con)
    with pytest.raises(KnowledgeEditError, match="nothing was changed") as error:
        add(con, body)
    assert says in str(error.value)
    assert state(con) == before


def test_explicit_choices_allow_a_shared_name_and_a_shared_office(con: duckdb.DuckDBPyConnection) -> None:
    body = person("per.x_y", "Xavier Yunus", role("Foreign Minister", "IRN", "2025-01-01"), names=("Araghchi",))
    add(con, body, Choices(shared_alias=True, overlap=True))
    assert knowledge.entry(con, SETTINGS, "per.x_y")[2] == "overlay"


def test_a_handover_on_the_same_day_is_no_overlap(con: duckdb.DuckDBPyConnection) -> None:
    ended = knowledge.entry(con, SETTINGS, "per.abbas_araghchi")[1]
    assert ended is not None
    ended["roles"][0]["to"] = "2026-01-10"
    knowledge.change(con, SETTINGS, "person", ended, action="edit", author="ana")
    add(con, person("per.x_y", "Xavier Yunus", role("Foreign Minister", "IRN", "2026-01-10")))
    kb = KnowledgeBase.load(DATA_DIR / "actors", knowledge.overlay(con))
    assert kb.persons["per.abbas_araghchi"].roles[0].end is not None
    assert [e.key for e in kb.lookup("Xavier Yunus")] == ["per.x_y"]


def test_spokespersons_may_overlap_because_the_shipped_data_has_several_at_once(
    con: duckdb.DuckDBPyConnection,
) -> None:
    add(con, person("per.x_y", "Xavier Yunus", role("Spokesperson", "CHN", "2025-01-01")))


def test_the_overlay_replaces_adds_and_retires_without_touching_the_shipped_files(
    con: duckdb.DuckDBPyConnection,
) -> None:
    shipped = (DATA_DIR / "actors" / "persons.yaml").read_bytes()
    add(con, person("per.x_y", "Xavier Yunus", role("Minister", "IDN", "2025-01-01")))
    knowledge.change(con, SETTINGS, "person", None, key="per.maria_zakharova", action="retire", author="ana")
    kb = KnowledgeBase.load(DATA_DIR / "actors", knowledge.overlay(con))
    assert "per.x_y" in kb.persons and "per.maria_zakharova" not in kb.persons
    assert not any(e.key == "per.maria_zakharova" for e in kb.lookup("Maria Zakharova"))
    assert "per.maria_zakharova" in KnowledgeBase.load(DATA_DIR / "actors").persons  # the shipped one is intact
    assert (DATA_DIR / "actors" / "persons.yaml").read_bytes() == shipped


def test_the_audit_log_records_who_why_and_undo_restores_the_state(con: duckdb.DuckDBPyConnection) -> None:
    add(con, person("per.x_y", "Xavier Yunus"))
    first = knowledge.overlay(con)
    body = person("per.x_y", "Xavier Yunus", role("Minister", "IDN", "2025-01-01"))
    knowledge.change(con, SETTINGS, "person", body, action="edit", author="budi", reason="appointed")
    [edit, made] = knowledge.changes(con)
    assert (edit["author"], edit["reason"], edit["action"]) == ("budi", "appointed", "edit")
    assert edit["before"]["roles"] == [] and edit["after"]["roles"][0]["role"] == "Minister"
    with pytest.raises(KnowledgeEditError, match="undo it first"):
        knowledge.undo(con, "ana", made["id"])
    knowledge.undo(con, "ana")
    assert knowledge.overlay(con) == first
    knowledge.undo(con, "ana", made["id"])
    assert knowledge.overlay(con).entries == ()
    assert [c["action"] for c in knowledge.changes(con)] == ["undo", "undo", "edit", "add"]


def test_export_writes_the_shipped_format_that_the_loader_reads(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    add(con, person("per.x_y", "Xavier Yunus", role("Minister", "IDN", "2025-01-01")))
    knowledge.change(con, SETTINGS, "person", None, key="per.maria_zakharova", action="retire", author="ana")
    exported = yaml.safe_load(knowledge.export_yaml(con))
    assert exported["retired"] == ["per.maria_zakharova"]
    folder = tmp_path / "actors"
    folder.mkdir()
    for path in (DATA_DIR / "actors").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    shipped = yaml.safe_load((folder / "persons.yaml").read_text(encoding="utf-8"))
    (folder / "persons.yaml").write_text(
        yaml.safe_dump({"persons": [*shipped, *exported["persons"]]}, allow_unicode=True), encoding="utf-8"
    )
    kb = KnowledgeBase.load(folder)
    assert kb.persons["per.x_y"].roles[0].org == "IDN"


def test_an_organisation_needs_a_known_code_unless_a_new_one_is_chosen(con: duckdb.DuckDBPyConnection) -> None:
    body = {
        "id": "grp.front_x",
        "name": "Front Pembebasan X",
        "type": "ORG",
        "actor": "FPX",
        "sector": "REB",
        "aliases": ["Front Pembebasan X", "FPX"],
    }
    with pytest.raises(KnowledgeEditError, match="--new-code"):
        knowledge.change(con, SETTINGS, "organisation", body, action="add", author="ana")
    knowledge.change(con, SETTINGS, "organisation", body, action="add", author="ana", choices=Choices(new_code=True))
    kb = KnowledgeBase.load(DATA_DIR / "actors", knowledge.overlay(con))
    assert [e.actor for e in kb.lookup("Front Pembebasan X")] == ["FPX"]
    assert json.loads(knowledge.overlay(con).entries[0].body or "{}")["actor"] == "FPX"
