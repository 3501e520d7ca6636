"""Assemble annotators' folders into corpus/ and split it once, at random by story, into dev and blind.

    python scripts/split_corpus.py STAGING_DIR [--blind-share 0.33] [--seed 20261207]

STAGING_DIR holds one folder per annotator (raw/*.txt, gold.jsonl, manifest.jsonl, as corpus/GUIDELINE.md
asks). Related stories (the same crisis in two years, two slugs for one thread) form one family, so no family
has articles on both sides. Run once; the split is then fixed and recorded in corpus/manifest.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# Slugs that name the same real-world thread; everything else is its own family (minus a trailing year).
FAMILIES = {
    r"^india-pakistan-": "india-pakistan-2025",
    r"^us-china-(tariff|trade)-": "us-china-trade-2025",
    r"^houthi-detain-un-staff": "houthi-detain-un-staff",
    r"^israel-strikes-syria": "israel-strikes-syria",
    r"^myanmar-earthquake": "myanmar-earthquake-2025",
    r"^scs-second-thomas-shoal": "scs-second-thomas-shoal",
    r"^scs-scarborough": "scs-scarborough",
    r"^scs-paracel": "scs-paracel",
    r"^rohingya-aceh": "rohingya-aceh",
    r"^drc-m23": "drc-m23",
}


def family(story: str) -> str:
    for pattern, name in FAMILIES.items():
        if re.search(pattern, story):
            return name
    return re.sub(r"-\d{4}(-\d{4})?$", "", story)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("staging", type=Path)
    parser.add_argument("--blind-share", type=float, default=0.33)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    articles = []
    for folder in sorted(p for p in args.staging.iterdir() if (p / "manifest.jsonl").exists()):
        golds = {g["id"]: g for g in read_jsonl(folder / "gold.jsonl")}
        for row in read_jsonl(folder / "manifest.jsonl"):
            articles.append((row, golds[row["id"]], folder / "raw" / row["source_file"]))
    by_family: dict[str, list] = defaultdict(list)
    for item in articles:
        by_family[family(item[0]["story"])].append(item)
    names = sorted(by_family)
    random.Random(args.seed).shuffle(names)
    target, blind = args.blind_share * len(articles), set()
    for name in names:
        if sum(len(by_family[n]) for n in blind) >= target:
            break
        blind.add(name)
    manifest = []
    for name in sorted(by_family):
        split = "blind" if name in blind else "dev"
        (CORPUS / split / "raw").mkdir(parents=True, exist_ok=True)
        for row, gold, raw in by_family[name]:
            shutil.copy(raw, CORPUS / split / "raw" / raw.name)
            with (CORPUS / split / "gold.jsonl").open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(gold, ensure_ascii=False) + "\n")
            manifest.append({**row, "family": name, "split": split})
    manifest.sort(key=lambda r: r["id"])
    (CORPUS / "manifest.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest), encoding="utf-8"
    )
    counts = {s: sum(1 for r in manifest if r["split"] == s) for s in ("dev", "blind")}
    print(f"{len(manifest)} articles, {len(by_family)} story families: {counts}")


if __name__ == "__main__":
    main()
