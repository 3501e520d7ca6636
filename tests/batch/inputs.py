"""Input files for batch tests, built from the real seed articles: a JSONL export and a WARC crawl."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from peristiwa.settings import PACKAGE_DIR

SAMPLES = PACKAGE_DIR / "samples"


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]


def variants(count: int) -> list[str]:
    """`count` distinct articles (distinct ids): the seeds in turn, each with its own closing line."""
    texts = seed_texts()
    return [f"{texts[i % len(texts)]}\nArtikel ini adalah salinan uji nomor {i}." for i in range(count)]


def write_jsonl(path: Path, texts: list[str]) -> Path:
    lines = [
        json.dumps({"text": text, "url": f"https://contoh.id/berita/{i}", "outlet": "Contoh"}, ensure_ascii=False)
        for i, text in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _page(text: str) -> str:
    title, *body = [line for line in text.splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{line}</p>" for line in body)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href='/'>Beranda</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Hak cipta</footer></body></html>"
    )


def write_warc(path: Path, texts: list[str]) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for i, text in enumerate(texts):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = io.BytesIO(_page(text).encode("utf-8"))
            writer.write_record(
                writer.create_warc_record(
                    f"https://contoh.id/arsip/{i}", "response", payload=payload, http_headers=headers
                )
            )
    return path
