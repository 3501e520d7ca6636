"""`peristiwa kb`, `corrections` and `recode` while `peristiwa serve` owns the database (issue 17 with issue 21's
design, docs/store.md): the commands send their changes to the server's write routes, which run them as jobs of its
one writer, instead of failing with a lock error. A real server in its own process, the commands as a user runs
them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from peristiwa.api import Peristiwa
from tests.ingest.conftest import run_cli
from tests.knowledge.test_recode import KABUL
from tests.server.conftest import TOKEN, Served, start_cli_server, stop

ROLE = "Foreign Minister,TALIBAN,GOV,2021-09-07,"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = tmp_path_factory.mktemp("routed") / "kabul.duckdb"
    Peristiwa(db).ingest([str(KABUL)])
    server, found = start_cli_server(db, TOKEN)
    try:
        yield found
    finally:
        stop(server)


def cli(served: Served, *args: str, token: bool = True) -> tuple[int, str, str]:
    extra = ["--token", TOKEN] if token else ["--token", ""]
    done = run_cli(*args, "--db", str(served.db), *extra)
    return done.returncode, done.stdout, done.stderr


def article(served: Served) -> dict[str, object]:
    [row] = httpx.get(f"{served.url}/v1/articles", timeout=30).json()["items"]
    found: dict[str, object] = httpx.get(f"{served.url}/v1/articles/{row['id']}", timeout=30).json()
    return found


def test_kb_edit_recode_and_corrections_go_through_the_server(served: Served) -> None:
    edit = ("kb", "edit", "per.amir_khan_muttaqi", "--remove-role", "Foreign Minister,AFG", "--add-role", ROLE,
            "--author", "ana", "--reason", "the Taliban government is coded TALIBAN")  # fmt: skip
    status, _, says = cli(served, *edit, token=False)
    assert status == 1 and "needs its write token" in " ".join(says.split()), says
    status, _, says = cli(served, *edit)
    assert status == 0, says
    assert "locked" not in says
    shown = httpx.get(f"{served.url}/v1/kb/entries/per.amir_khan_muttaqi", timeout=30).json()
    assert shown["from"] == "overlay" and shown["entry"]["roles"][0]["org"] == "TALIBAN"

    status, report, says = cli(served, "recode")
    assert status == 0, says
    [changed] = json.loads(report)["changed"]
    assert any(line.startswith("CONSULT TALIBAN→IND") for line in changed["gained"])
    assert any(e["source"] == "TALIBAN" for e in article(served)["events"])  # type: ignore[attr-defined]

    events = article(served)["events"]
    visit = next(e for e in events if "kunjungan enam hari" in e["evidence"]["text"])  # type: ignore[attr-defined]
    aid = str(article(served)["id"])
    status, _, says = cli(served, "corrections", "add", aid, "event", visit["mention_id"], "--set", "type=MEET")
    assert status == 1 and "not a PLOVER event type" in says  # the server's check, with its words
    status, _, says = cli(served, "corrections", "add", aid, "event", visit["mention_id"], "--set",
                          "type=COOPERATE", "--note", "a working visit", "--author", "ana")  # fmt: skip
    assert status == 0, says
    assert [e["type"] for e in article(served)["events"] if e["corrected"]] == ["COOPERATE"]  # type: ignore[attr-defined]
    status, _, says = cli(served, "corrections", "withdraw", "1")
    assert status == 0, says
    assert not any(e["corrected"] for e in article(served)["events"])  # type: ignore[attr-defined]


def test_kb_add_retire_undo_and_a_bad_change_through_the_server(served: Served) -> None:
    status, _, says = cli(served, "kb", "add", "person", "per.amir_khan_muttaqi", "--name", "Amir Khan Muttaqi")
    assert status == 1 and "the id is taken" in says  # add never silently edits
    status, _, says = cli(served, "kb", "add", "organisation", "org.front_x", "--name", "Front X", "--actor", "ZZZ")
    assert status == 1 and "ZZZ" in says
    status, _, says = cli(served, "kb", "add", "organisation", "org.front_x", "--name", "Front X", "--actor", "AFG",
                          "--sector", "REB", "--author", "ana")  # fmt: skip
    assert status == 0, says
    status, _, says = cli(served, "kb", "retire", "org.front_x", "--author", "ana")
    assert status == 0, says
    assert httpx.get(f"{served.url}/v1/kb/entries/org.front_x", timeout=30).json()["from"] == "retired"
    status, _, says = cli(served, "kb", "undo", "--author", "ana")
    assert status == 0, says
    assert httpx.get(f"{served.url}/v1/kb/entries/org.front_x", timeout=30).json()["from"] == "overlay"
