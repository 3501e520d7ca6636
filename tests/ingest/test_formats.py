"""Every input format yields the article with its metadata; ids are stable over formats and re-reads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from peristiwa.stages.ingest import RawArticle, article_id, read_inputs
from tests.ingest.conftest import as_html, seed_text, write_jsonl, write_warc

LIMIT = 20_000_000


def _articles(*inputs: str) -> list[RawArticle]:
    items = list(read_inputs(list(inputs), LIMIT))
    assert all(isinstance(i, RawArticle) for i in items), items
    return items  # type: ignore[return-value]


def test_txt_directory_and_glob(tmp_path: Path) -> None:
    for prefix in ("000", "002"):
        (tmp_path / f"{prefix}.txt").write_text(seed_text(prefix), encoding="utf-8")
    assert len(_articles(str(tmp_path))) == 2
    assert [Path(a.source.path or "").name for a in _articles(str(tmp_path / "0*.txt"))] == ["000.txt", "002.txt"]


def test_html_uses_trafilatura_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(as_html(seed_text("000"), title="Stoltenberg siap bahas Suriah"), encoding="utf-8")
    (article,) = _articles(str(page))
    assert "Jens Stoltenberg mengatakan pada hari Minggu" in article.text
    assert "Beranda" not in article.text
    assert article.hints["title"] == "Stoltenberg siap bahas Suriah"
    assert article.hints["published"].startswith("2022-03-04")


def test_jsonl_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    write_jsonl(
        path,
        [
            {"text": seed_text("003"), "url": "https://contoh.id/2016/03/20/lavrov", "outlet": "RBTH", "title": "T"},
            {"html": as_html(seed_text("004")), "published": "2017-02-07"},
        ],
    )
    first, second = _articles(str(path))
    assert (first.source.url, first.source.outlet, first.source.line) == (
        "https://contoh.id/2016/03/20/lavrov",
        "RBTH",
        1,
    )
    assert second.source.format == "html" and second.hints["published"] == "2017-02-07"


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["url", "text"])
        writer.writeheader()
        writer.writerow({"url": "https://contoh.id/a", "text": seed_text("001")})
    (article,) = _articles(str(path))
    assert article.source.url == "https://contoh.id/a" and "Stoltenberg" in article.text


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(
        path, [("https://contoh.id/1", as_html(seed_text("000"))), ("https://contoh.id/2", as_html(seed_text("002")))]
    )
    articles = _articles(str(path))
    assert [a.source.url for a in articles] == ["https://contoh.id/1", "https://contoh.id/2"]


def test_id_is_stable_and_content_based(tmp_path: Path) -> None:
    text = seed_text("001")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    a, b = _articles(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert article_id(a.text) == article_id(b.text) == article_id(text)
    assert article_id(text) != article_id(seed_text("002"))


def test_windows_1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Menteri itu berkata “kami siap” — café".encode("cp1252"))
    (article,) = _articles(str(path))
    assert "“kami siap”" in article.text and "café" in article.text


def test_html_author_meta_becomes_the_byline_hint(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    html = as_html(seed_text("003")).replace("</head>", '<meta name="author" content="Dewi Lestari"></head>')
    page.write_text(html, encoding="utf-8")
    (article,) = _articles(str(page))
    assert article.hints["byline"] == "Dewi Lestari"
