"""`peristiwa kb …` as a user runs it: a bad edit exits 1 naming the problem, a good one is listed, exported in the
shipped format and undone."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.ingest.conftest import run_cli


def test_kb_commands_from_add_to_undo(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.duckdb")
    bad = run_cli(
        "kb", "add", "person", "per.x_y", "--name", "Xavier <i>", "--role", "Minister,XYZ,GOV,2025-01-01,", "--db", db
    )
    assert bad.returncode == 1
    assert "markup" in bad.stderr and "unknown actor code 'XYZ'" in bad.stderr and "nothing was changed" in bad.stderr
    wrong_date = run_cli(
        "kb", "add", "person", "per.x_y", "--name", "Xavier Yunus", "--role", "Minister,IDN,GOV,1 Mei,", "--db", db
    )
    assert wrong_date.returncode == 1 and "write YYYY-MM-DD" in wrong_date.stderr
    good = run_cli(
        "kb",
        "add",
        "person",
        "per.x_y",
        "--name",
        "Xavier Yunus",
        "--alias",
        "Xavier Y.",
        "--role",
        "Minister,IDN,GOV,2025-01-01,",
        "--author",
        "ana",
        "--reason",
        "sworn in",
        "--db",
        db,
    )
    assert good.returncode == 0, good.stderr
    [listed] = [json.loads(line) for line in run_cli("kb", "list", "--db", db).stdout.splitlines()]
    assert (listed["key"], listed["author"], listed["reason"]) == ("per.x_y", "ana", "sworn in")
    out = tmp_path / "overlay.yaml"
    assert run_cli("kb", "export", "-o", str(out), "--db", db).returncode == 0
    exported = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert exported["persons"][0]["roles"][0] == {
        "role": "Minister",
        "org": "IDN",
        "sector": "GOV",
        "from": "2025-01-01",
        "to": None,
    }
    assert run_cli("kb", "validate", "--db", db).returncode == 0
    assert run_cli("kb", "undo", "--db", db).returncode == 0
    assert run_cli("kb", "list", "--db", db).stdout == ""
    shown = json.loads(run_cli("kb", "show", "per.x_y", "--db", db).stdout or "{}")
    assert shown == {} or shown["from"] != "overlay"
