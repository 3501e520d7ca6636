"""Knowledge and correction routes on a real server over a real dev article: reads need no token, writes do; a bad
change is 422 with its problems and changes nothing; an edit, a re-code and a correction show in the article."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peristiwa.api import Peristiwa
from peristiwa.server.config import ServerOptions
from tests.knowledge.test_recode import KABUL
from tests.server.conftest import TOKEN, Served, ThreadServer


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = tmp_path_factory.mktemp("kb_routes") / "kabul.duckdb"
    Peristiwa(db).ingest([str(KABUL)])
    with ThreadServer(db, ServerOptions(), token=TOKEN) as server:
        yield server


def muttaqi_as(org: str) -> dict[str, object]:
    return {
        "id": "per.amir_khan_muttaqi",
        "name": "Amir Khan Muttaqi",
        "names": ["Amir Khan Muttaqi", "Amir Khan Mottaki", "Muttaqi"],
        "type": "PER",
        "roles": [{"role": "Foreign Minister", "org": org, "sector": "GOV", "from": "2021-09-07", "to": None}],
    }


def test_edit_recode_and_correct_through_the_api(served: Served) -> None:
    reader, writer = served.client(), served.client(auth=True)
    shown = reader.get("/v1/kb/entries/per.amir_khan_muttaqi").json()
    assert shown["from"] == "shipped" and shown["entry"]["roles"][0]["org"] == "AFG"
    change = {"kind": "person", "entry": muttaqi_as("TALIBAN"), "author": "ana", "reason": "coding policy"}
    assert reader.post("/v1/kb/entries", json=change).status_code == 401
    bad = writer.post("/v1/kb/entries", json={**change, "entry": muttaqi_as("ZZZ")})
    assert bad.status_code == 422 and "unknown actor code 'ZZZ'" in bad.json()["error"]["message"]
    assert reader.get("/v1/kb/changes").json() == []
    assert writer.post("/v1/kb/entries", json=change).status_code == 200
    recoded = writer.post("/v1/recode").json()
    [article] = recoded["changed"]
    assert any(line.startswith("CONSULT TALIBAN→IND") for line in article["gained"])
    view = reader.get(f"/v1/articles/{article['article_id']}").json()
    visit = next(e for e in view["events"] if e["evidence"]["text"] == "kunjungan enam hari ke India")
    assert (visit["source"], visit["corrected"]) == ("TALIBAN", False)
    fix = {"article_id": view["id"], "item": "event", "target": visit["mention_id"], "action": "fix",
           "fields": {"type": "COOPERATE"}, "note": "a working visit", "author": "ana"}  # fmt: skip
    assert writer.post("/v1/corrections", json={**fix, "fields": {"type": "MEET"}}).status_code == 422
    assert writer.post("/v1/corrections", json=fix).status_code == 200
    view = reader.get(f"/v1/articles/{view['id']}").json()
    [mark] = view["corrections"]
    assert (mark["target"], mark["fields"], mark["machine"]["type"]) == (
        visit["mention_id"],
        {"type": "COOPERATE"},
        "CONSULT",
    )
    visit = next(e for e in view["events"] if e["mention_id"] == visit["mention_id"])
    assert (visit["type"], visit["corrected"]) == ("COOPERATE", True)
    events = reader.get("/v1/events", params={"actor": "TALIBAN"}).json()["items"]
    assert any(e["corrected"] and e["type"] == "COOPERATE" for e in events)


def test_new_articles_are_coded_with_the_changed_knowledge(served: Served) -> None:
    writer = served.client(auth=True)
    change = {"kind": "person", "entry": muttaqi_as("TALIBAN"), "author": "ana", "reason": "coding policy"}
    assert writer.post("/v1/kb/entries", json=change).status_code == 200
    record = writer.post("/v1/extract", json={"text": KABUL.read_text(encoding="utf-8")}).json()
    visit = next(e for e in record["events"] if e["evidence"]["text"] == "kunjungan enam hari ke India")
    assert visit["source"] == "TALIBAN"
