"""Builders for input files of every supported format, made from the real seed articles."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import SAMPLES


def seed_text(prefix: str) -> str:
    return next(SAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def as_html(text: str, title: str = "Judul", date: str = "2022-03-04") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}T08:45:00+07:00">'
        f'<meta property="og:site_name" content="Contoh News"></head>'
        f"<body><nav><a href='/'>Beranda</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>Hak cipta 2022</footer></body></html>"
    )


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)


def write_jsonl(path: Path, records: list[object], bad_lines: tuple[str, ...] = ()) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join([*lines[:1], *bad_lines, *lines[1:]]) + "\n", encoding="utf-8")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`peristiwa ARGS…` in a new process, as a user runs it; the result is checked by the caller."""
    return subprocess.run(
        [sys.executable, "-m", "peristiwa", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
