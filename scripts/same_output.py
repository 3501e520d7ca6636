"""Does a refactor change what `peristiwa extract` writes? Dumps the records of every development set with the
code of a git ref and with the working tree, and lists each difference.

    .venv/bin/python scripts/same_output.py [--ref main] [--out /tmp/same_output]

Sets: the seeds (/work/shared/corpus/seeds), every tests/heldout*/raw and corpus/dev/raw (never corpus/blind).
The ref's `src/` is exported with `git archive` and run with this .venv's Python on PYTHONPATH, so both sides
use the same libraries and models. Exit status 1 when any record differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path("/work/shared/corpus/seeds")


def sets() -> dict[str, Path]:
    found = {"seeds": SEEDS} if SEEDS.is_dir() else {}
    found |= {p.parent.name: p for p in sorted((ROOT / "tests").glob("heldout*/raw"))}
    found["dev"] = ROOT / "corpus" / "dev" / "raw"
    return found


def export_ref(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def extract(src: Path | None, folder: Path, out: Path) -> None:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    command = [sys.executable, "-m", "peristiwa", "extract", str(folder), "-o", str(out), "--force"]
    subprocess.run(command, check=False, env=env, stderr=subprocess.DEVNULL)


def records(path: Path) -> dict[str, dict[str, Any]]:
    """Records by source file (the id is a hash of the content, so a changed record has a new id)."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    found = {}
    for line in lines:
        record = json.loads(line)
        found[str(record.get("source") or record["id"])] = record
    return found


def differences(before: Any, after: Any, where: str = "") -> list[str]:
    if type(before) is not type(after):
        return [f"{where}: {before!r} -> {after!r}"]
    if isinstance(before, dict):
        keys = dict.fromkeys([*before, *after])
        return [d for k in keys for d in differences(before.get(k), after.get(k), f"{where}.{k}")]
    if isinstance(before, list):
        if len(before) != len(after):
            return [f"{where}: {len(before)} items -> {len(after)}: {_short(before)} -> {_short(after)}"]
        return [
            d for k, (b, a) in enumerate(zip(before, after, strict=True)) for d in differences(b, a, f"{where}[{k}]")
        ]
    return [] if before == after else [f"{where}: {before!r} -> {after!r}"]


def _short(items: list[Any]) -> str:
    return json.dumps(items, ensure_ascii=False)[:600]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ref", default="main")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "same_output")
    parser.add_argument("--fresh", action="store_true", help="extract the ref's records again even if dumped")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = export_ref(args.ref, args.out / "ref")
    changed = 0
    for name, folder in sets().items():
        before, after = args.out / f"{name}.ref.jsonl", args.out / f"{name}.tree.jsonl"
        if not before.exists() or args.fresh:  # the ref's records do not change between runs
            extract(base, folder, before)
        extract(None, folder, after)
        old, new = records(before), records(after)
        for source in dict.fromkeys([*old, *new]):
            found = differences(old.get(source), new.get(source))
            found = [d for d in found if not d.startswith(".id:")]  # the id follows the content
            if found:
                changed += 1
                print(f"{name} {source}:", *found[:20], sep="\n  ")
        print(f"{name}: {len(new)} record(s), compared with {args.ref}", flush=True)
    print(f"{changed} record(s) differ" if changed else "identical")
    raise SystemExit(1 if changed else 0)


if __name__ == "__main__":
    main()
