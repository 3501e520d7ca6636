"""Build the demo bundle, `src/peristiwa/demo/articles.jsonl`: real articles with their real page metadata.

    .venv/bin/python scripts/demo_bundle.py [--check]

The demo (`scripts/demo.sh`) stores articles as a user would ingest them from pages or feeds: each a JSON line
with its text and the URL, outlet and publication date its page gives. They are the corpus/dev articles whose
page gives a publication date (corpus/manifest.jsonl: as the page gives it, or from its URL); an article
without one is left out rather than given a date the page does not state. corpus/blind is never read: its
articles are not in the dev split, and the raw text is read from corpus/dev/raw only. `--check` fails when the
bundle is not what the manifest and the raw files give (run by tests/test_demo_bundle.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "corpus" / "manifest.jsonl"
DEV_RAW = ROOT / "corpus" / "dev" / "raw"
BUNDLE = ROOT / "src" / "peristiwa" / "demo" / "articles.jsonl"


def dated_dev_articles(manifest: Path = MANIFEST, raw: Path = DEV_RAW) -> Iterator[dict[str, Any]]:
    """One ingest record per dev article whose page gives a publication date, in the manifest's order."""
    for line in manifest.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["split"] != "dev" or not entry.get("published"):
            continue
        text = (raw / entry["source_file"]).read_text(encoding="utf-8")
        yield {"text": text, "url": entry["url"], "outlet": entry["outlet"], "published": entry["published"]}


def bundle_text() -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in dated_dev_articles())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail when the bundle is out of date")
    args = parser.parse_args(argv)
    text = bundle_text()
    if args.check:
        if not BUNDLE.exists() or BUNDLE.read_text(encoding="utf-8") != text:
            print(f"{BUNDLE} is out of date: run .venv/bin/python scripts/demo_bundle.py", file=sys.stderr)
            return 1
        return 0
    BUNDLE.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10))} articles written to {BUNDLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
