"""The watcher against a real local site: new items stored once, repeats and 304s cost nothing, each broken
source or page gives one clear logged error and the others go on."""

from __future__ import annotations

from pathlib import Path

from peristiwa.store import watch_state
from peristiwa.watch.database import FileDatabase
from peristiwa.watch.watcher import Extract, Watcher
from tests.watch.conftest import QUICK
from tests.watch.site import COOKIE_BANNER, XML, Answer, Site, article_page, atom, rss, sitemap


def watcher(db: Path, extract: Extract, log: list[str] | None = None) -> Watcher:
    return Watcher(FileDatabase(db), extract, QUICK, (log if log is not None else []).append)


def stored_urls(db: Path) -> list[str]:
    return sorted(r[0] for r in FileDatabase(db).run(lambda con: con.execute("SELECT url FROM articles").fetchall()))


def test_new_feed_items_are_stored_once_and_repeats_cost_nothing(site: Site, extract: Extract, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    for n in range(3):
        site.route(f"/berita/{n}", Answer(article_page(n)))
    feed = site.route("/rss", Answer(rss(site.url, ["/berita/0", "/berita/1"]), content_type=XML))
    watch = watcher(db, extract)
    watch.add([feed])

    first = watch.poll()
    assert (first.stored, first.failed_pages) == (2, 0)
    again = watch.poll([feed])  # the feed repeats its old items (no validators): nothing is fetched again
    assert (again.pages, again.stored) == (0, 0)
    assert site.fetched("/berita/0") == 1

    site.route("/rss", Answer(rss(site.url, ["/berita/2", "/berita/0", "/berita/1"]), content_type=XML))
    third = watch.poll([feed])
    assert (third.pages, third.stored) == (1, 1)
    assert stored_urls(db) == [f"{site.url}/berita/{n}" for n in range(3)]
    (state,) = FileDatabase(db).run(watch_state.status)
    assert (state["kind"], state["articles"], state["failures"], state["last_error"]) == ("feed", 3, 0, None)


def test_an_unchanged_feed_is_answered_304(site: Site, extract: Extract, tmp_path: Path) -> None:
    site.route("/berita/0", Answer(article_page(0)))
    feed = site.route("/rss", Answer(rss(site.url, ["/berita/0"]), content_type=XML, etag='"v1"'))
    watch = watcher(tmp_path / "w.duckdb", extract)
    watch.add([feed])
    watch.poll()
    site.requests.clear()
    report = watch.poll([feed])
    assert report.pages == 0 and site.requests == ["/rss"]  # one conditional GET, answered 304, and no page


def test_atom_sitemap_listing_file_and_article_urls(site: Site, extract: Extract, tmp_path: Path) -> None:
    for n in range(4):
        site.route(f"/a/{n}", Answer(article_page(n)))
    site.route("/atom", Answer(atom(site.url, ["/a/0"]), content_type="application/atom+xml"))
    site.route("/sitemap.xml", Answer(sitemap(site.url, ["/a/1", "/a/2"]), content_type="application/xml"))
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# feeds and pages\n{site.url}/atom\n{site.url}/sitemap.xml\n\n{site.url}/a/3\n", "utf-8")
    from peristiwa.watch.sources import expand_sources

    urls, problems = expand_sources([str(listing)])
    assert problems == [] and len(urls) == 3
    db = tmp_path / "w.duckdb"
    watch = watcher(db, extract)
    watch.add(urls)
    report = watch.poll()
    assert (report.stored, report.failed_sources, report.failed_pages) == (4, 0, 0)
    assert stored_urls(db) == sorted(f"{site.url}/a/{n}" for n in range(4))
    kinds = {row["url"]: row["kind"] for row in FileDatabase(db).run(watch_state.status)}
    assert sorted(kinds.values()) == ["feed", "page", "sitemap"]


def test_the_same_article_under_two_urls_is_stored_once(site: Site, extract: Extract, tmp_path: Path) -> None:
    site.route("/x", Answer(article_page(1)))
    site.route("/x?utm=rss", Answer(article_page(1)))
    feed = site.route("/rss", Answer(rss(site.url, ["/x", "/x?utm=rss"]), content_type=XML))
    db = tmp_path / "w.duckdb"
    watch = watcher(db, extract)
    watch.add([feed])
    report = watch.poll()
    assert (report.stored, report.known) == (1, 1)
    assert len(stored_urls(db)) == 1


CYRILLIC = "<html><head><meta charset='utf-8'></head><body><p>{}</p></body></html>".format(
    "Россия заявила о готовности к переговорам с Украиной. " * 20
).encode("cp1251")


def test_each_broken_case_gives_one_error_and_the_rest_goes_on(site: Site, extract: Extract, tmp_path: Path) -> None:
    site.route("/robots.txt", Answer(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    pages = {
        "/ok": Answer(article_page(2)),
        "/latin": Answer(article_page(0, "cp1252").replace(b'charset="cp1252"', b'charset="utf-8"')),
        "/cyrillic": Answer(CYRILLIC),
        "/cookie": Answer(COOKIE_BANNER),
        "/gone": Answer(b"gone", 410),
        "/missing": Answer(b"nope", 404),
        "/big": Answer(article_page(3) + b"<!-- padding -->" * 40_000, length=False),
        "/slow": Answer(article_page(4), delay=2.5),
        "/private/page": Answer(article_page(5)),
    }
    for path, answer in pages.items():
        site.route(path, answer)
    good = site.route("/rss", Answer(rss(site.url, list(pages)), content_type=XML))
    broken = {
        "/bad.xml": Answer(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Rusak</ti<<', content_type=XML),
        "/404.xml": Answer(b"", 404),
        "/410.xml": Answer(b"", 410),
        "/500.xml": Answer(b"", 500),
        "/loop": Answer(b"", 302, headers={"Location": "/loop"}),
        "/slow.xml": Answer(rss(site.url, ["/ok"]), content_type=XML, delay=2.5),
    }
    sources = [good] + [site.route(path, answer) for path, answer in broken.items()]
    db = tmp_path / "w.duckdb"
    log: list[str] = []
    watch = watcher(db, extract, log)
    watch.add(sources)
    report = watch.poll()

    assert stored_urls(db) == [f"{site.url}/latin", f"{site.url}/ok"]
    errors = [line for line in log if line.startswith("error: ")]
    failing = [p for p in pages if p not in ("/ok", "/latin")] + list(broken)
    for path in failing:  # exactly one line names each broken source or page
        assert sum(f"{site.url}{path}:" in line for line in errors) == 1, (path, errors)
    assert len(errors) == len(failing)
    said = "\n".join(errors)
    for words in (
        "malformed XML",
        "404",
        "410",
        "500",
        "redirects",
        "timeout",
        "limit",
        "no article body",
        "encoding",
        "robots.txt",
    ):
        assert words in said, words
    assert (report.failed_sources, report.stored) == (len(broken), 2)
    states = {row["url"]: row for row in FileDatabase(db).run(watch_state.status)}
    assert states[good]["last_error"] is None and states[good]["articles"] == 2
    assert all(states[site.url + path]["failures"] == 1 for path in broken)
    latin = FileDatabase(db).run(
        lambda con: con.execute("SELECT text, problems FROM articles WHERE url LIKE '%/latin'").fetchone()
    )
    assert latin and "“" in latin[0] and any("cp1252" in p for p in latin[1])  # read right, and said so


def test_a_slow_page_is_tried_again_later_and_the_feed_read_whole(site: Site, extract: Extract, tmp_path: Path) -> None:
    site.route("/slow", Answer(article_page(1), delay=2.5))
    feed = site.route("/rss", Answer(rss(site.url, ["/slow"]), content_type=XML, etag='"v1"'))
    db = tmp_path / "w.duckdb"
    watch = watcher(db, extract)
    watch.add([feed])
    assert watch.poll().failed_pages == 1
    site.route("/slow", Answer(article_page(1)))
    assert watch.poll([feed]).stored == 1  # no 304: the validators were not kept while a page was pending


def test_a_page_that_keeps_failing_is_given_up_after_three_polls(site: Site, extract: Extract, tmp_path: Path) -> None:
    site.route("/down", Answer(b"busy", 503))
    feed = site.route("/rss", Answer(rss(site.url, ["/down"]), content_type=XML))
    db = tmp_path / "w.duckdb"
    log: list[str] = []
    watch = watcher(db, extract, log)
    watch.add([feed])
    for _ in range(4):
        watch.poll([feed])
    assert site.fetched("/down") == 3 * (QUICK.fetch.retries + 1)  # three polls, none after
    assert sum("/down: the server answered 503" in line for line in log) == 3
    rows = FileDatabase(db).run(lambda con: con.execute("SELECT status, attempts FROM watch_urls").fetchall())
    assert rows == [("failed", 3)]


def test_watch_status_and_usage_errors_in_the_cli(site: Site, extract: Extract, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from peristiwa.cli import app

    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    nothing = runner.invoke(app, ["watch", "--db", str(db)])
    assert nothing.exit_code == 2 and "no source to watch" in nothing.output
    missing = runner.invoke(app, ["watch", "--status", "--db", str(db)])
    assert missing.exit_code == 1 and "no database here" in missing.output

    feed = site.route("/404.xml", Answer(b"", 404))
    database = FileDatabase(db)
    Watcher(database, extract, QUICK).add([feed])
    Watcher(database, extract, QUICK).poll()
    database.close()
    shown = runner.invoke(app, ["watch", "--status", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    (row,) = [json.loads(line) for line in shown.stdout.splitlines()]
    assert row["url"] == feed and "404" in row["last_error"] and row["failures"] == 1 and row["next_poll"]


def test_a_sitemap_index_is_followed_one_level(site: Site, extract: Extract, tmp_path: Path) -> None:
    site.route("/a/0", Answer(article_page(6)))
    site.route("/news-1.xml", Answer(sitemap(site.url, ["/a/0"]), content_type="application/xml"))
    index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{site.url}/news-1.xml</loc></sitemap><sitemap><loc>{site.url}/news-2.xml</loc></sitemap>
</sitemapindex>""".encode()
    source = site.route("/sitemap-index.xml", Answer(index, content_type="application/xml"))
    log: list[str] = []
    db = tmp_path / "w.duckdb"
    watch = watcher(db, extract, log)
    watch.add([source])
    report = watch.poll()
    assert (report.stored, report.failed_sources) == (1, 0)
    assert [line for line in log if "news-2.xml" in line and "404" in line]  # the missing child is said, once
    assert stored_urls(db) == [f"{site.url}/a/0"]
