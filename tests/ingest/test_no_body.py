"""A page that is only a cookie notice or navigation holds no article: an input error, never an empty record."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.api import Peristiwa
from peristiwa.errors import NoArticleBody
from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle
from tests.ingest.conftest import run_cli, seed_text

HELDOUT = Path(__file__).resolve().parents[1] / "heldout" / "raw" / "102_china_us.txt"
NAVIGATION = ["Beranda", "Dunia", "Politik", "Ekonomi", "Indeks Berita", "Setuju"]


def _cookie_notice() -> str:
    """The cookie notice that opens a real held-out page (its first line)."""
    return HELDOUT.read_text(encoding="utf-8").splitlines()[0]


def _furniture_pages(folder: Path) -> list[Path]:
    cookie = folder / "cookie.html"
    cookie.write_text(
        "<!DOCTYPE html><html><head><title>Kabar Dunia</title>"
        '<meta property="og:site_name" content="Kabar Dunia"></head><body>'
        f"<nav>{''.join(f'<a href=/x>{word}</a> ' for word in NAVIGATION[:4])}</nav>"
        f"<div class='consent'><p>{_cookie_notice()}</p><button>Setuju</button></div></body></html>",
        encoding="utf-8",
    )
    menu = folder / "menu.txt"
    menu.write_text("\n".join([*NAVIGATION, _cookie_notice()]) + "\n", encoding="utf-8")
    return [cookie, menu]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nobody")
    _furniture_pages(path)
    (path / "article.txt").write_text(seed_text("000"), encoding="utf-8")
    return path


def test_extract_reports_each_page_without_a_body_and_exits_1(folder: Path) -> None:
    result = run_cli("extract", str(folder))
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert sorted(errors) == [
        f"error: {folder / name}: no article body found (only a cookie notice, navigation or other page furniture?)"
        for name in ("cookie.html", "menu.txt")
    ]
    assert "language is unknown" not in result.stderr
    assert len(result.stdout.splitlines()) == 1 and "article.txt" in result.stdout


def test_ingest_stores_nothing_for_them(folder: Path, tmp_path: Path) -> None:
    store = Peristiwa(tmp_path / "db.duckdb")
    report = store.ingest([str(folder)])
    assert (report.added, report.failed) == (1, 2)
    assert all("no article body found" in error for error in report.errors)
    assert store.counts()["articles"] == 1
    assert "Kabar Dunia" not in [story["title"] for story in store.stories()]


def test_pipeline_extract_raises_no_article_body(pipeline: Pipeline) -> None:
    raw = RawArticle("\n".join(NAVIGATION), Source(path="feed.jsonl", format="jsonl", line=7))
    with pytest.raises(NoArticleBody) as raised:
        pipeline.extract(raw)
    assert raised.value.where == "feed.jsonl:7" and raised.value.code == "P101"
    assert pipeline.process(raw).text  # `process` itself stays total (the property tests rely on it)
