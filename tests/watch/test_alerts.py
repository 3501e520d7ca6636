"""Watch lists raise one alert per matching event, and the notifier delivers it to a webhook, retrying."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peristiwa.cli import app
from peristiwa.store import watchlists
from peristiwa.store.errors import BadFilter
from peristiwa.store.watch_state import utc_now
from peristiwa.watch.alerts import Notifier
from peristiwa.watch.database import FileDatabase
from peristiwa.watch.watcher import Extract, Watcher
from tests.watch.conftest import QUICK
from tests.watch.site import XML, Answer, Site, article_page, rss


def first_event_source(extract: Extract, number: int) -> str:
    """An actor code the pipeline gives as the source of an event in article `number`."""
    from peristiwa.model import Source
    from peristiwa.stages.ingest.readers import RawArticle, read_html

    raw = read_html(article_page(number).decode("utf-8"), Source(url="http://x/y", format="html"))
    assert isinstance(raw, RawArticle)
    return next(e["source"] for e in extract(raw)["events"] if e.get("source"))


def test_a_matching_event_alerts_once_and_reaches_the_webhook(site: Site, extract: Extract, tmp_path: Path) -> None:
    actor = first_event_source(extract, 0)
    db = FileDatabase(tmp_path / "w.duckdb")
    hook = site.route("/hook", Answer(b"no", 500))  # the receiver fails first: the alert is tried again
    query = watchlists.watch_query(actors=[actor.lower()])
    db.run(lambda con: watchlists.save(con, "pantau", query, hook, utc_now()))
    db.run(
        lambda con: watchlists.save(
            con, "lain", watchlists.watch_query(types=["SANCTION"], place="Atlantis"), None, utc_now()
        )
    )
    site.route("/a0", Answer(article_page(0)))
    site.route("/a0-copy", Answer(article_page(0).replace(b"<footer>", b"<footer>Salinan. ")))
    feed = site.route("/rss", Answer(rss(site.url, ["/a0"]), content_type=XML))
    notifier = Notifier(db, print)
    watch = Watcher(db, extract, QUICK, print, notifier.wake)
    watch.add([feed])
    report = watch.poll()
    assert report.alerts >= 1
    assert notifier.deliver() == 0  # answered 500
    site.route("/hook", Answer(b"ok", 200))
    assert notifier.deliver() == report.alerts
    assert notifier.deliver() == 0  # delivered alerts are not sent again
    posted = [json.loads(body) for path, _, body in site.posted if path == "/hook"]
    assert len(posted) == report.alerts
    assert all(p["watchlist"] == "pantau" and actor in (p["event"]["source"], p["event"]["target"]) for p in posted)
    keys = [headers.get("Idempotency-Key") for path, headers, _ in site.posted if path == "/hook"]
    assert len(set(keys)) == len(keys) and all(k and k.startswith("pantau:") for k in keys)

    # The same events again (a second report of the same article under another URL) raise nothing new.
    site.route("/rss", Answer(rss(site.url, ["/a0-copy", "/a0"]), content_type=XML))
    assert watch.poll([feed]).alerts == 0
    (listed,) = [w for w in db.run(watchlists.listed) if w["name"] == "pantau"]
    assert listed["alerts"] == report.alerts and listed["query"]["actors"] == [actor]
    alerts = db.run(lambda con: watchlists.recent(con))
    assert all(a["delivered"] and a["attempts"] == 2 for a in alerts)


def test_a_watch_list_needs_a_usable_query() -> None:
    with pytest.raises(BadFilter, match="at least one"):
        watchlists.watch_query()
    with pytest.raises(BadFilter, match="quad"):
        watchlists.watch_query(quad="perang")
    with pytest.raises(BadFilter, match="event type"):
        watchlists.watch_query(types=["NOT_A_TYPE"])
    with pytest.raises(BadFilter, match="http"):
        watchlists.check_webhook("ftp://example.org/hook")


def test_watch_lists_in_the_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    runner = CliRunner()
    added = runner.invoke(
        app, ["watchlist", "add", "Laut China", "--db", db, "--source", "chn", "--quad", "m-conf", "--keyword", "kapal"]
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["watchlist", "list", "--db", db])
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["name"] == "Laut China" and row["query"]["source"] == "CHN" and row["query"]["quad"] == "M-conf"
    bad = runner.invoke(app, ["watchlist", "add", "x", "--db", db, "--quad", "perang"])
    assert bad.exit_code == 2 and "quad" in bad.output
    assert runner.invoke(app, ["watchlist", "remove", "Laut China", "--db", db]).exit_code == 0
    missing = runner.invoke(app, ["watchlist", "remove", "Laut China", "--db", db])
    assert missing.exit_code == 1 and "no watch list" in missing.output
