"""Bad inputs: each gets a one-line error naming it, the rest is processed, the exit status says so."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.ingest.conftest import as_html, run_cli, seed_text, write_jsonl, write_warc


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "good.txt").write_text(seed_text("000"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 40)
    (folder / "legacy.txt").write_bytes(seed_text("003").replace("Suriah", "Suriah café").encode("cp1252", "replace"))
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50_000_001)
    (folder / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    write_jsonl(
        folder / "feed.jsonl",
        [{"text": seed_text("001")}, {"text": seed_text("002")}],
        bad_lines=('{"text": "unterminated',),
    )
    write_warc(
        folder / "crawl.warc.gz",
        [("https://contoh.id/1", as_html(seed_text("004"))), ("https://contoh.id/2", as_html(seed_text("002")))],
    )
    data = (folder / "crawl.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) * 3 // 4])
    out = folder / "out.jsonl"
    names = [
        "good.txt",
        "empty.txt",
        "photo.jpg",
        "legacy.txt",
        "huge.txt",
        "nobody.html",
        "feed.jsonl",
        "cut.warc.gz",
        "missing.txt",
    ]
    result = run_cli("extract", *(str(folder / n) for n in names), "-o", str(out))
    return out, result


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "file is empty"),
        ("photo.jpg", "binary data, not text"),
        ("huge.txt", "file is 50.0 MB, over the 20.0 MB limit"),
        ("nobody.html", "no article body found"),
        ("feed.jsonl:2", "malformed JSON line"),
        ("cut.warc.gz", "WARC is truncated or corrupt after 1 records"),
        ("missing.txt", "no such file or directory"),
    ],
)
def test_each_bad_input_gets_one_error_line(
    bad_inputs: tuple[Path, subprocess.CompletedProcess[str]], name: str, reason: str
) -> None:
    _, result = bad_inputs
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:") and name in line]
    assert len(lines) == 1, result.stderr
    assert reason in lines[0]


def test_good_inputs_are_kept_and_exit_status_says_some_failed(
    bad_inputs: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, result = bad_inputs
    assert result.returncode == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    sources = [Path(r["source"]["path"]).name for r in records]
    # good.txt, legacy.txt (decoded as Windows-1252), two JSONL lines, the WARC record before the cut
    assert sources == ["good.txt", "legacy.txt", "feed.jsonl", "feed.jsonl", "cut.warc.gz"]
    legacy = records[1]
    assert "Suriah café" in legacy["text"]
    assert any("not UTF-8" in p["message"] for p in legacy["problems"])
    assert "5 article(s) extracted, 7 input(s) failed" in result.stderr


def test_stdin_text_and_jsonl() -> None:
    result = run_cli("extract", "-", stdin=seed_text("001"))
    assert result.returncode == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["published"] == "2022-03-04"
    feed = json.dumps({"text": seed_text("000"), "url": "https://contoh.id/2015/09/27/nato"}) + "\n"
    (record,) = [json.loads(line) for line in run_cli("extract", "-", stdin=feed).stdout.splitlines()]
    assert record["source"]["url"] == "https://contoh.id/2015/09/27/nato"


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    (tmp_path / "a.txt").write_text(seed_text("000"), encoding="utf-8")
    result = run_cli("extract", str(tmp_path / "a.txt"), "-o", str(out))
    assert result.returncode == 2 and "pass --force" in result.stderr
    assert out.read_text() == "keep me\n"
