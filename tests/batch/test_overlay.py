"""`peristiwa batch` and `load` code with the target database's knowledge overlay (issue 17), as `ingest` does: an
actor only the overlay knows is coded in a batch run, and partitions coded without it are re-coded on load."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client
from typer.testing import CliRunner

from peristiwa.batch import run_batch
from peristiwa.batch.load import load_partitions
from peristiwa.cli import app
from peristiwa.errors import PeristiwaError
from peristiwa.settings import Settings
from peristiwa.store.connection import connection
from peristiwa.store.route import WriteRoute
from tests.knowledge.test_recode import KABUL, taliban_government


def database_with_overlay(folder: Path) -> Path:
    """A database whose analysts code the Taliban's foreign minister as TALIBAN (the shipped data: AFG)."""
    db = folder / "news.duckdb"
    with connection(db) as con:
        taliban_government(con)
    return db


def sources_of_the_visit(db: Path) -> set[str]:
    with connection(db, read_only=True) as con:
        rows = con.execute("SELECT source FROM event_mentions WHERE evidence_text LIKE 'kunjungan enam hari%'")
        return {r[0] for r in rows.fetchall()}


def test_a_batch_for_a_database_codes_its_overlay_actor(client: Client, tmp_path: Path) -> None:
    db = database_with_overlay(tmp_path)
    settings = WriteRoute(db).with_overlay(Settings())
    assert settings.overlay.entries  # what `peristiwa batch --db` passes on
    out = tmp_path / "out"
    assert run_batch([str(KABUL)], out, settings, client=client).ok
    report = load_partitions(out, db)
    assert report.recoded is None  # coded with the database's knowledge already: nothing to re-code
    assert sources_of_the_visit(db) == {"TALIBAN"}
    with pytest.raises(PeristiwaError, match="another knowledge overlay"):  # one folder, one coding
        run_batch([str(KABUL)], out, Settings(), client=client)


def test_load_recodes_partitions_coded_without_the_overlay(client: Client, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_batch([str(KABUL)], out, Settings(), client=client).ok  # `peristiwa batch` without --db
    db = database_with_overlay(tmp_path)
    result = CliRunner().invoke(app, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 article(s) re-coded with the database's knowledge overlay" in " ".join(result.output.split())
    assert sources_of_the_visit(db) == {"TALIBAN"}
