"""The watcher as people run it: `peristiwa watch` killed with SIGKILL and restarted, and `peristiwa serve
--watch` putting a new feed item into /v1/events (with its default poll interval) and a webhook alert out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from peristiwa.store import watch_state
from peristiwa.watch.database import FileDatabase
from peristiwa.watch.watcher import Extract, Watcher
from tests.server.conftest import TOKEN, start_cli_server, stop
from tests.watch.conftest import QUICK
from tests.watch.site import XML, Answer, Site, article_page, rss
from tests.watch.test_alerts import first_event_source

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 8


def counts(db: Path) -> tuple[int, int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            """SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT url) FROM articles),
                      (SELECT count(*) FROM watch_urls), (SELECT count(*) FROM watch_urls WHERE status = 'stored')"""
        ).fetchone()
        assert row
        return row[0], row[1], row[2], row[3]
    finally:
        con.close()


def watch(db: Path, feeds: list[str], *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "peristiwa", "watch", *feeds, "--db", str(db), *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds:g}s")


def test_kill_9_during_watch_then_restart_stores_every_article_once(site: Site, tmp_path: Path) -> None:
    half = ARTICLES // 2
    for n in range(ARTICLES):
        site.route(f"/p/{n}", Answer(article_page(n), delay=0.3))
    feeds = [
        site.route("/rss/a", Answer(rss(site.url, [f"/p/{n}" for n in range(half)]), content_type=XML)),
        site.route("/rss/b", Answer(rss(site.url, [f"/p/{n}" for n in range(half, ARTICLES)]), content_type=XML)),
    ]
    db = tmp_path / "w.duckdb"
    # First kill: while the first feed's pages are being extracted; second: once the second feed's are asked for
    # (the first feed's articles stored, the second's in flight).
    for killed_when in (lambda: site.fetched(f"/p/{half - 1}") >= 1, lambda: site.fetched(f"/p/{half}") >= 1):
        process = watch(db, feeds, "--interval", "1")
        try:
            wait_for(killed_when, 240)
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    rerun = watch(db, feeds, "--once")
    assert rerun.wait(timeout=300) == 0
    assert counts(db) == (ARTICLES, ARTICLES, ARTICLES, ARTICLES)  # every article exactly once, every URL marked
    again = watch(db, feeds, "--once")
    assert again.wait(timeout=300) == 0
    assert counts(db) == (ARTICLES, ARTICLES, ARTICLES, ARTICLES)


def test_a_crash_between_storing_and_marking_is_redone_without_a_copy(
    site: Site, extract: Extract, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(2):
        site.route(f"/p/{n}", Answer(article_page(n)))
    feed = site.route("/rss", Answer(rss(site.url, ["/p/0", "/p/1"]), content_type=XML, etag='"1"'))
    db = tmp_path / "w.duckdb"
    watcher = Watcher(FileDatabase(db), extract, QUICK)
    watcher.add([feed])

    def crash(*_: object) -> None:
        raise KeyboardInterrupt  # as if the process died right after the articles were committed

    monkeypatch.setattr(watch_state, "mark_urls", crash)
    with pytest.raises(KeyboardInterrupt):
        watcher.poll()
    monkeypatch.undo()
    watcher.db.close()  # type: ignore[attr-defined]
    database = FileDatabase(db)
    report = Watcher(database, extract, QUICK).poll([feed])  # no 304: the validators were never saved
    assert (report.pages, report.stored, report.known) == (2, 0, 2)
    database.close()
    assert counts(db) == (2, 2, 2, 2)


def test_serve_watch_puts_a_new_item_in_the_events_within_a_minute(
    site: Site, extract: Extract, tmp_path: Path
) -> None:
    actor = first_event_source(extract, 1)
    site.route("/p/0", Answer(article_page(0)))
    site.route("/p/1", Answer(article_page(1)))
    site.route("/hook", Answer(b"ok"))
    feed = site.route("/rss", Answer(rss(site.url, ["/p/0"]), content_type=XML))
    process, served = start_cli_server(tmp_path / "served.duckdb", TOKEN, "--watch", feed)  # default interval
    try:
        with served.client(auth=True) as client:
            saved = client.post(
                "/v1/watchlists",
                json={"name": "pantau", "query": {"actors": [actor]}, "webhook": f"{site.url}/hook"},
            )
            assert saved.status_code == 201, saved.text
            wait_for(lambda: client.get("/v1/health").json()["extract_ready"], 240)
            wait_for(lambda: client.get("/v1/feeds").json()[0]["articles"] == 1, 120)

            site.route("/rss", Answer(rss(site.url, ["/p/1", "/p/0"]), content_type=XML))
            added = time.monotonic()
            url = f"{site.url}/p/1"
            wait_for(
                lambda: any(e["source_url"] == url for e in client.get("/v1/events?limit=1000").json()["items"]), 60
            )
            assert time.monotonic() - added < 60
            wait_for(lambda: any(path == "/hook" for path, _, _ in site.posted), 30)
            (feed_state,) = client.get("/v1/feeds").json()
            assert feed_state["articles"] == 2 and feed_state["last_error"] is None
            alerts = client.get("/v1/alerts").json()
            assert alerts and all(a["watchlist"] == "pantau" for a in alerts)
    finally:
        stop(process)
    body = json.loads(next(b for path, _, b in site.posted if path == "/hook"))
    assert body["watchlist"] == "pantau" and actor in (body["event"]["source"], body["event"]["target"])
