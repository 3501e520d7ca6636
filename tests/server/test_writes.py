"""POST routes: extract, ingest, the token rule, body limits, media types; on real servers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from peristiwa.model import Document, to_record
from peristiwa.server.config import ServerOptions
from peristiwa.settings import PACKAGE_DIR
from tests.server.conftest import ROOT, TOKEN, Served, ThreadServer, copy_db, free_port, start_cli_server, stop

SEED = PACKAGE_DIR / "samples" / "000_8f5e4f273b2d6cf8.txt"
NEW_ARTICLE = (
    "Jakarta - Menteri Luar Negeri Indonesia Retno Marsudi bertemu dengan Menteri Luar Negeri Malaysia "
    "di Kuala Lumpur pada Senin (3/3). Kedua negara sepakat meningkatkan kerja sama perbatasan."
)


def test_writes_need_the_token(server: Served) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = httpx.post(f"{server.url}/v1/extract", json={"text": NEW_ARTICLE}, headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
    assert httpx.post(f"{server.url}/v1/articles", json={"articles": [{"text": "x"}]}).status_code == 401


def test_extract_gives_the_same_analysis_as_the_cli(server: Served, seed_docs: dict[str, Document]) -> None:
    expected = to_record(seed_docs[SEED.name])
    with server.client(auth=True) as api:
        record = api.post("/v1/extract", json={"text": SEED.read_text(encoding="utf-8")}).json()
    assert record["id"] == expected["id"] and record["text"] == expected["text"]
    assert record["source"]["format"] == "api"
    names = [(e["name"], e["actor"]) for e in record["entities"]]
    assert names == [(e["name"], e["actor"]) for e in expected["entities"]]
    assert [(e["type"], e["source"], e["target"]) for e in record["events"]] == [
        (e["type"], e["source"], e["target"]) for e in expected["events"]
    ]
    stoltenberg = next(q for q in record["quotes"] if q["text"].startswith("Jelas ada"))
    assert stoltenberg["speaker"] == "Jens Stoltenberg"


def test_extract_reads_html_and_metadata(server: Served) -> None:
    page = (
        f"<html><head><title>Retno bertemu Menlu Malaysia</title></head><body><nav>Beranda | Dunia</nav>"
        f"<article><p>{NEW_ARTICLE}</p></article></body></html>"
    )
    with server.client(auth=True) as api:
        record = api.post(
            "/v1/extract", json={"html": page, "url": "https://contoh.example/a", "published": "2025-03-04"}
        ).json()
    assert "Retno Marsudi" in record["text"] and "Beranda" not in record["text"]
    assert record["source"]["url"] == "https://contoh.example/a" and record["published"] == "2025-03-04"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b'{"text": "   "}', "application/json", 422, "validation_error"),
        (b"{}", "application/json", 422, "validation_error"),
        (b'{"text": "a", "colour": 1}', "application/json", 422, "validation_error"),
        (b'{"text": ', "application/json", 422, "validation_error"),
        (b"text=abc", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        (
            b'{"html": "<html><body><script>var a = 1;</script></body></html>"}',
            "application/json",
            422,
            "no_article_body",
        ),
    ],
)
def test_bad_bodies(server: Served, body: bytes, content_type: str, status: int, code: str) -> None:
    with server.client(auth=True) as api:
        response = api.post("/v1/extract", content=body, headers={"Content-Type": content_type})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": ""}, "body.text: 'text' is empty (or only spaces): send the article's text"),
        ({"text": "  \n "}, "body.text: 'text' is empty (or only spaces)"),
        ({"html": " "}, "body.html: 'html' is empty (or only spaces): send the article's html"),
        ({"url": "https://contoh.example/a"}, "body: give the article as 'text' (plain text) or as 'html'"),
        ({"text": NEW_ARTICLE, "html": f"<p>{NEW_ARTICLE}</p>"}, "body: give either 'text' or 'html', not both"),
        ({"text": NEW_ARTICLE, "published": "someday"}, "body.published: cannot read 'someday' as a publication date"),
        ({"text": NEW_ARTICLE, "published": "7 hari terakhir"}, "body.published: cannot read '7 hari terakhir'"),
    ],
)
def test_article_errors_say_in_words_what_is_wrong(server: Served, body: dict[str, str], message: str) -> None:
    with server.client(auth=True) as api:
        response = api.post("/v1/extract", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error" and message in error["message"], error["message"]
    assert "pattern" not in error["message"] and "Value error" not in error["message"]


def test_a_relative_publication_day_is_read_not_dropped(server: Served) -> None:
    text = NEW_ARTICLE + " Pertemuan itu digelar kemarin."
    with server.client(auth=True) as api:
        yesterday = api.post("/v1/extract", json={"text": text, "published": "kemarin"}).json()
        english = api.post("/v1/extract", json={"text": text + " Lagi.", "published": "yesterday"}).json()
        line = api.post("/v1/extract", json={"text": text, "published": "Jumat, 04 Maret 2022 | 08:45 WIB"}).json()
    expected = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert yesterday["published"] == english["published"] == expected
    assert line["published"] == "2022-03-04"


def test_body_size_limit_with_and_without_content_length(server: Served) -> None:
    big = b'{"text": "' + b"a" * 5_100_000 + b'"}'

    def chunks() -> Iterator[bytes]:
        yield from (big[i : i + 65536] for i in range(0, len(big), 65536))

    with server.client(auth=True) as api:
        declared = api.post("/v1/extract", content=big, headers={"Content-Type": "application/json"})
        streamed = api.post("/v1/extract", content=chunks(), headers={"Content-Type": "application/json"})
    for response in (declared, streamed):
        assert response.status_code == 413
        assert response.json()["error"] == {
            "code": "payload_too_large",
            "message": response.json()["error"]["message"],
            "detail": {"max_bytes": 5_000_000},
        }


def test_ingest_adds_skips_and_replaces(server: Served) -> None:
    article = {"text": NEW_ARTICLE, "url": "https://contoh.example/retno", "published": "2025-03-03"}
    with server.client(auth=True) as api:
        before = api.get("/v1/health").json()["counts"]["articles"]
        first = api.post("/v1/articles", json={"articles": [article]}).json()
        assert (first["added"], first["skipped"], first["failed"]) == (1, 0, 0)
        stored = api.get(f"/v1/articles/{first['ids'][0]}").json()
        assert stored["url"] == article["url"] and "Retno Marsudi" in stored["text"]
        assert any(e["actor"] == "IDN" for e in stored["entities"])
        again = api.post("/v1/articles", json={"articles": [article]}).json()
        assert (again["added"], again["skipped"]) == (0, 1)
        changed = api.post("/v1/articles", json={"articles": [{**article, "text": NEW_ARTICLE + " Ralat."}]}).json()
        assert (changed["added"], changed["replaced"]) == (1, 1)
        assert api.get("/v1/health").json()["counts"]["articles"] == before + 1
        assert api.get(f"/v1/articles/{first['ids'][0]}").status_code == 404


def test_ingest_reports_unreadable_articles_and_keeps_the_rest(server: Served) -> None:
    bad = {"html": "<html><body><script>var a = 1;</script></body></html>"}
    with server.client(auth=True) as api:
        body = api.post("/v1/articles", json={"articles": [bad, {"text": NEW_ARTICLE + " Kedua."}]}).json()
    assert body["failed"] == 1 and body["added"] == 1 and body["errors"][0].startswith("articles[0]:")


def test_a_page_of_only_a_cookie_notice_is_422_and_not_stored(server: Served) -> None:
    notice = (ROOT / "tests" / "heldout" / "raw" / "102_china_us.txt").read_text(encoding="utf-8").splitlines()[0]
    page = (
        f"<html><head><title>Kabar Dunia</title></head><body><nav><a href='/'>Beranda</a> <a href='/d'>Dunia</a>"
        f"</nav><div class='consent'><p>{notice}</p><button>Setuju</button></div></body></html>"
    )
    with server.client(auth=True) as api:
        extracted = api.post("/v1/extract", json={"html": page})
        before = api.get("/v1/health").json()["counts"]["articles"]
        ingested = api.post("/v1/articles", json={"articles": [{"html": page}]}).json()
        after = api.get("/v1/health").json()["counts"]["articles"]
    assert extracted.status_code == 422, extracted.text
    assert extracted.json()["error"]["code"] == "no_article_body"
    assert extracted.json()["error"]["message"].startswith("no article body found")
    assert (ingested["added"], ingested["failed"]) == (0, 1) and after == before
    assert "no article body found" in ingested["errors"][0]


def test_refuses_to_listen_beyond_loopback_without_a_token() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "peristiwa", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PERISTIWA_TOKEN": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "needs a write token" in result.stderr and "--token" in result.stderr


def test_loopback_without_token_lets_writes_through(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "open.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False)) as served:
        response = httpx.post(f"{served.url}/v1/extract", json={"text": NEW_ARTICLE})
    # Past the token check: this server has no pipeline, so it says so instead of "unauthorized".
    assert response.status_code == 503 and response.json()["error"]["code"] == "pipeline_unavailable"


REBINDING = {"Host": "rebind.attacker.example"}  # a page's own domain, resolved to 127.0.0.1 by its DNS


def test_without_a_token_a_write_for_a_foreign_host_is_refused(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "rebind.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False)) as served:
        foreign = httpx.post(f"{served.url}/v1/extract", json={"text": NEW_ARTICLE}, headers=REBINDING)
        stored = httpx.post(f"{served.url}/v1/articles", json={"articles": [{"text": NEW_ARTICLE}]}, headers=REBINDING)
        own = [
            httpx.post(f"{served.url}/v1/extract", json={"text": NEW_ARTICLE}, headers={"Host": host})
            for host in ("127.0.0.1", "localhost:8000", "[::1]:8000")
        ]
    for refused in (foreign, stored):
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        assert "'rebind.attacker.example'" in refused.json()["error"]["message"]
        assert "--allow-host" in refused.json()["error"]["message"]
    assert [r.json()["error"]["code"] for r in own] == ["pipeline_unavailable"] * 3  # past the Host check


def test_serve_allow_host_names_another_address_for_writes(seed_db: Path, tmp_path: Path) -> None:
    db = copy_db(seed_db, tmp_path, "allowed.duckdb")
    process, served = start_cli_server(db, None, "--allow-host", "peristiwa.lan")
    try:
        refused = httpx.post(f"{served.url}/v1/extract", json={"text": NEW_ARTICLE}, headers=REBINDING)
        allowed = httpx.post(f"{served.url}/v1/extract", json={}, headers={"Host": "Peristiwa.LAN:8000"})
    finally:
        stop(process)
    assert refused.status_code == 403
    assert allowed.status_code == 422  # the Host check let it through; then the body is checked


def test_serves_the_web_ui_files(seed_db: Path, tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("<!doctype html><title>Peristiwa</title>", encoding="utf-8")
    (static / "app.js").write_text("console.log('ok');", encoding="utf-8")
    db = copy_db(seed_db, tmp_path, "ui.duckdb")
    with ThreadServer(db, ServerOptions(load_pipeline=False, static_dir=static)) as served, served.client() as web:
        home = web.get("/")
        script = web.get("/static/app.js")
        missing = web.get("/static/nope.js")
    assert home.status_code == 200 and "<title>Peristiwa</title>" in home.text
    assert home.headers["content-security-policy"] == "default-src 'self'"
    assert script.status_code == 200 and script.text == "console.log('ok');"
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_a_missing_database_is_created_empty(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    with ThreadServer(db, ServerOptions(load_pipeline=False)) as served, served.client() as api:
        counts = api.get("/v1/health").json()["counts"]
        events = api.get("/v1/events").json()
    assert db.exists() and counts["articles"] == 0
    assert events == {"total": 0, "limit": 50, "offset": 0, "items": [], "next_cursor": None}


def test_lone_surrogates_in_json_are_refused_not_a_crash(server: Served) -> None:
    body = b'{"text": "Jakarta - Menteri \\ud800 Retno Marsudi bertemu Menlu Malaysia pada Senin (3/3)."}'
    with server.client(auth=True) as api:
        response = api.post("/v1/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["detail"][0]["loc"] == ["body", "text"]


def test_reads_keep_working_while_articles_are_written(server: Served) -> None:
    results: list[int] = []

    def read_many() -> None:
        with server.client() as api:
            results.extend(api.get(path).status_code for path in ("/v1/events", "/v1/health", "/v1/actors") * 10)

    readers = [threading.Thread(target=read_many) for _ in range(3)]
    for reader in readers:
        reader.start()
    with server.client(auth=True) as api:
        texts = [f"{NEW_ARTICLE} Pertemuan ke-{n} berlangsung di Jakarta." for n in range(3)]
        written = api.post("/v1/articles", json={"articles": [{"text": t} for t in texts]}).json()
    for reader in readers:
        reader.join()
    assert written["added"] == 3 and results == [200] * 90
