"""Legacy encodings: real article pages saved as Windows-1252 / Latin-1 are read right, or refused; never garbled."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from peristiwa.errors import InputError
from peristiwa.stages.ingest import RawArticle, read_inputs
from peristiwa.stages.ingest.decode import declared_charset
from tests.ingest.conftest import run_cli

HELDOUT = Path(__file__).resolve().parents[1] / "heldout" / "raw"
ACCENTED = "Café, résumé, naïve: kata itu dipakai wartawan Prancis di Beijing."
RUSSIAN = "«Россия не откажется от своих интересов», kata juru bicara Kremlin."


def _article_text(name: str) -> str:
    # Straight quotes and dashes, so that the page can be written in Latin-1 as well as in Windows-1252.
    text = (HELDOUT / name).read_text(encoding="utf-8")
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("—", "-"), ("–", "-")):
        text = text.replace(curly, straight)
    return text


def _page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>China Kecam Penjualan Senjata</title></head>"
        f"<body><article>{paragraphs}<p>{ACCENTED}</p></article></body></html>"
    )


def _read(path: Path) -> RawArticle | InputError:
    (item,) = list(read_inputs([str(path)], 20_000_000))
    return item


@pytest.mark.parametrize(("charset", "codec"), [("windows-1252", "cp1252"), ("iso-8859-1", "latin-1")])
def test_html_page_declaring_a_western_charset(tmp_path: Path, charset: str, codec: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(_page(_article_text("102_china_us.txt"), charset).encode(codec))
    article = _read(path)
    assert isinstance(article, RawArticle), article
    assert ACCENTED in article.text and "Wang Wenbin" in article.text


def test_plain_text_article_in_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes((_article_text("102_china_us.txt") + "\n" + ACCENTED + "\n").encode("cp1252"))
    article = _read(path)
    assert isinstance(article, RawArticle), article
    assert ACCENTED in article.text  # was "Cafķ, rķsumķ, na’ve" (read as cp775)
    assert article.hints["encoding"] == "cp1252"


def test_warc_record_declaring_its_charset_in_the_http_header(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    payload = _page(_article_text("103_koreas.txt"), charset=None).encode("cp1252")
    with path.open("wb") as handle:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1252")], protocol="HTTP/1.1")
        writer = WARCWriter(handle, gzip=False)
        writer.write_record(
            writer.create_warc_record(
                "https://contoh.id/korea", "response", payload=io.BytesIO(payload), http_headers=headers
            )
        )
    article = _read(path)
    assert isinstance(article, RawArticle), article
    assert ACCENTED in article.text


def test_declared_cyrillic_charset_is_used(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    text = _article_text("102_china_us.txt") + "\n" + RUSSIAN
    path.write_bytes(_page(text, "windows-1251").replace(ACCENTED, "").encode("cp1251"))
    article = _read(path)
    assert isinstance(article, RawArticle), article
    assert RUSSIAN in article.text


def test_utf8_page_declaring_latin1_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(_page(_article_text("102_china_us.txt"), "iso-8859-1").encode("utf-8"))
    article = _read(path)
    assert isinstance(article, RawArticle), article
    assert ACCENTED in article.text and "Ã©" not in article.text


def test_text_in_an_undeclared_foreign_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes((_article_text("102_china_us.txt") + "\n" + RUSSIAN + "\n").encode("cp1251"))
    error = _read(path)
    assert isinstance(error, InputError), error
    assert "cannot tell the text encoding" in error.reason and "UTF-8" in error.reason


def test_refused_page_fails_the_cli_with_its_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    page = _page(_article_text("103_koreas.txt") + "\n" + RUSSIAN, "utf-8").replace(ACCENTED, "")
    bad.write_bytes(page.encode("cp1251"))
    result = run_cli("extract", str(bad))
    assert result.returncode == 1, result.stderr
    assert f"error: {bad}: cannot tell the text encoding" in " ".join(result.stderr.split())
    assert "declares utf-8" in result.stderr and not result.stdout


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1252">', "windows-1252"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b'<?xml version="1.0" encoding="iso-8859-15"?>', "iso-8859-15"),
        (b"<p>charset is a word</p>", None),
    ],
)
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == charset


def test_a_jsonl_line_in_another_encoding_is_refused_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": _article_text(name) + "\n" + ACCENTED}, ensure_ascii=False)
        for name in ("101_asean_myanmar.txt", "102_china_us.txt", "103_koreas.txt")
    ]
    path.write_bytes(b"\n".join([lines[0].encode("utf-8"), lines[1].encode("cp1252"), lines[2].encode("utf-8")]))
    items = list(read_inputs([str(path)], 20_000_000))
    assert [type(item) for item in items] == [RawArticle, InputError, RawArticle]
    assert items[1].where == f"{path}:2" and "not UTF-8" in items[1].reason  # type: ignore[union-attr]
    assert all(ACCENTED in item.text for item in items if isinstance(item, RawArticle))
