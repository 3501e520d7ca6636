"""The demo bundle (src/peristiwa/demo/articles.jsonl, stored by scripts/demo.sh) is real articles with the
metadata their pages give: built from corpus/dev and its manifest by scripts/demo_bundle.py, never a date the
page does not state, never an article of corpus/blind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from peristiwa.settings import PACKAGE_DIR
from peristiwa.stages.ingest import read_inputs
from peristiwa.stages.ingest.readers import RawArticle

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = PACKAGE_DIR / "demo" / "articles.jsonl"


def test_the_bundle_is_what_the_manifest_and_the_dev_texts_give() -> None:
    ran = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo_bundle.py"), "--check"], capture_output=True, text=True
    )
    assert ran.returncode == 0, ran.stderr


def test_every_bundled_article_carries_its_page_metadata() -> None:
    manifest = [json.loads(line) for line in (ROOT / "corpus" / "manifest.jsonl").read_text().splitlines()]
    dev_urls = {entry["url"]: entry for entry in manifest if entry["split"] == "dev"}
    raws = [item for item in read_inputs([str(BUNDLE)], 10_000_000) if isinstance(item, RawArticle)]
    assert len(raws) >= 30
    for raw in raws:
        entry = dev_urls[raw.source.url or ""]  # a dev article, never a blind one
        assert raw.hints["published"] == entry["published"] and raw.source.outlet == entry["outlet"]
