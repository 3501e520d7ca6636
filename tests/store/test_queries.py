"""Queries through the Python API and the CLI commands (JSON Lines on stdout)."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from peristiwa.api import Peristiwa
from peristiwa.cli.store import export_command, ingest_command, query_app
from tests.store.conftest import corpus

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("ingest")(ingest_command)
    app.command("export")(export_command)
    app.add_typer(query_app, name="query")
    return app


def test_events_by_actor_dyad_type_quad_date_and_text(filled: Peristiwa) -> None:
    assert {e["type"] for e in filled.events(actor="RUS")} == {"CONSULT", "ACCUSE"}
    assert [e["type"] for e in filled.events(source="RUS", target="UKR")] == ["CONSULT"]
    assert [e["type"] for e in filled.events(quad="V-conf")] == ["ACCUSE"]
    assert filled.events(type="consult", since="2022-03-01", until="2022-03-31")
    assert filled.events(type="CONSULT", since="2022-04-01") == []
    assert [e["type"] for e in filled.events(text="menuduh")] == ["ACCUSE"]
    assert filled.events(actor="IDN") == []


def test_dyad_timeline_and_actor_profile(filled: Peristiwa) -> None:
    assert filled.dyad_timeline("RUS", "UKR") == [
        {"month": "2022-03-01", "quad": "V-coop", "events": 1, "mentions": 2, "reported": 0}
    ]
    assert filled.dyad_timeline("UKR", "RUS") == []
    assert len(filled.dyad_timeline("UKR", "RUS", both=True)) == 1
    profile = filled.actor("RUS")
    assert {t["role"]: t["events"] for t in profile["totals"]} == {"source": 2}
    assert profile["partners"] == [{"partner": "UKR", "events": 1, "as_source": 1, "as_target": None}]
    assert {p["name"] for p in profile["people"]} == {"Sergei Lavrov"}


def test_quotes_by_speaker_and_story_with_articles(filled: Peristiwa) -> None:
    quotes = filled.quotes("kuleba")
    assert len(quotes) == 3 and quotes[0]["text"] == "Rusia belum siap"
    story_id = next(s["story_id"] for s in filled.stories() if s["num_articles"] == 3)
    story = filled.story(story_id)
    assert len(story["articles"]) == 3 and len(story["events"]) == 2
    assert len({a["dup_of"] for a in story["articles"]}) == 2


def test_cli_query_prints_json_lines(filled: Peristiwa) -> None:
    result = runner.invoke(_app(), ["query", "events", "--db", str(filled.db), "--actor", "RUS"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["type"] for r in rows} == {"CONSULT", "ACCUSE"}
    result = runner.invoke(_app(), ["query", "dyad", "RUS", "UKR", "--db", str(filled.db)])
    assert json.loads(result.stdout)["events"] == 1


def test_cli_names_a_missing_database(tmp_path: object) -> None:
    result = runner.invoke(_app(), ["query", "stories", "--db", f"{tmp_path}/none.duckdb"])
    assert result.exit_code == 1
    assert "none.duckdb" in result.stderr and "peristiwa ingest" in result.stderr
    assert "Traceback" not in result.stderr


def test_kept_connection_answers_and_close_lets_a_writer_in(filled: Peristiwa) -> None:
    reader = Peristiwa(filled.db, keep_open=True)
    assert reader.counts()["articles"] == 4
    assert reader.dyad_timeline("RUS", "UKR")[0]["events"] == 1
    reader.close()
    fresh = {**corpus()[3], "id": "0123456789abcdef", "text": "Berita baru."}
    report = Peristiwa(filled.db).ingest_records([fresh])
    assert report.added == 1
