"""The output folder of a batch: Parquet partitions, done-markers, quarantine and the shard order.

    DIR/parts/<shard>.parquet      one row per article: key columns + the full record as JSON
    DIR/quarantine/<shard>.jsonl   articles a stage raised on, and inputs that could not be read
    DIR/_done/<shard>.json         written last: the shard is finished (resume skips it)
    DIR/_manifest.json             shard size and shard ids in input order (`load` keeps `extract`'s order)

Every file is written under a temporary name and renamed, so a killed worker never leaves half a file
(only a hidden temporary, which the next batch run deletes).
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from peristiwa.errors import PeristiwaError
from peristiwa.settings import KnowledgeOverlay, OverlayEntry


class ShardSizeMismatch(PeristiwaError):
    """The output folder was cut into shards of another size (a usage error: exit status 2)."""


ROW_GROUP = 50  # records per Parquet row group: what a worker holds in memory at once
SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("shard", pa.string()),
        ("seq", pa.int32()),
        ("path", pa.string()),
        ("line", pa.int32()),
        ("language", pa.string()),
        ("published", pa.string()),
        ("events", pa.int32()),
        ("problems", pa.int32()),
        ("record", pa.string()),
    ]
)


def part_path(out: Path, shard_id: str) -> Path:
    return out / "parts" / f"{shard_id}.parquet"


def done_path(out: Path, shard_id: str) -> Path:
    return out / "_done" / f"{shard_id}.json"


def quarantine_path(out: Path, shard_id: str) -> Path:
    return out / "quarantine" / f"{shard_id}.jsonl"


def _replace_atomically(target: Path, write: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    write(temporary)
    os.replace(temporary, target)


def remove_leftovers(out: Path) -> int:
    """Delete temporary files a killed worker left behind (their shards have no done-marker and run again)."""
    leftovers = [path for folder in ("parts", "_done", "quarantine") for path in (out / folder).glob(".*.tmp")]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return len(leftovers)


def write_part(out: Path, shard_id: str, records: Iterable[dict[str, Any]]) -> int:
    """Write records as they come, ROW_GROUP at a time, so a shard of a big WARC never sits in memory whole."""
    written = 0

    def write(temporary: Path) -> None:
        nonlocal written
        numbered = enumerate(records)
        with pq.ParquetWriter(temporary, SCHEMA) as writer:
            while group := list(itertools.islice(numbered, ROW_GROUP)):
                writer.write_table(pa.Table.from_pylist([_row(shard_id, seq, r) for seq, r in group], schema=SCHEMA))
                written += len(group)

    _replace_atomically(part_path(out, shard_id), write)
    return written


def _row(shard_id: str, seq: int, record: dict[str, Any]) -> dict[str, Any]:
    source = record.get("source") or {}
    return {
        "id": record["id"],
        "shard": shard_id,
        "seq": seq,
        "path": source.get("path"),
        "line": source.get("line"),
        "language": record.get("language"),
        "published": record.get("published"),
        "events": len(record.get("events") or []),
        "problems": len(record.get("problems") or []),
        "record": json.dumps(record, ensure_ascii=False),
    }


def write_lines(target: Path, entries: Iterable[dict[str, Any]]) -> None:
    text = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
    _replace_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def mark_done(out: Path, shard_id: str, summary: dict[str, Any]) -> None:
    write_lines(done_path(out, shard_id), [summary])


def done_summary(out: Path, shard_id: str) -> dict[str, Any] | None:
    marker = done_path(out, shard_id)
    if not marker.exists():
        return None
    return json.loads(marker.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def update_manifest(out: Path, shard_ids: list[str], shard_size: int) -> None:
    """Keep earlier shards first and append the new ones, so several batch runs into one folder add up.

    The shard size is pinned: other sizes cut other shards, and the same articles would be written twice.
    """
    manifest = _read_manifest(out)
    if manifest and manifest["shard_size"] != shard_size:
        raise ShardSizeMismatch(
            f"{out} was written with shard size {manifest['shard_size']}, not {shard_size}; "
            f"rerun with --shard-size {manifest['shard_size']} or choose a new --out folder"
        )
    known = manifest["shards"] if manifest else []
    body = {"shard_size": shard_size, "shards": known + [s for s in shard_ids if s not in set(known)]}
    _replace_atomically(out / "_manifest.json", lambda tmp: tmp.write_text(json.dumps(body), encoding="utf-8"))


OVERLAY_FILE = "_overlay.json"


def pin_overlay(out: Path, overlay: KnowledgeOverlay) -> None:
    """Record the knowledge overlay the shards are coded with, so `peristiwa load` can tell whether the target
    database's knowledge differs. Shards already done with another overlay would mix two codings in one folder:
    refused, with what to do."""
    earlier = read_overlay(out)
    has_done = (out / "_done").is_dir() and any((out / "_done").glob("*.json"))
    if has_done and earlier != overlay:
        raise PeristiwaError(
            f"{out} holds shards coded with another knowledge overlay ({len(earlier.entries)} entries, now "
            f"{len(overlay.entries)}); choose a new --out folder, or load these and run `peristiwa recode`"
        )
    body = [{"kind": e.kind, "key": e.key, "body": e.body} for e in overlay.entries]
    _replace_atomically(out / OVERLAY_FILE, lambda tmp: tmp.write_text(json.dumps(body), encoding="utf-8"))


def read_overlay(out: Path) -> KnowledgeOverlay:
    """The overlay the folder's shards were coded with (none recorded: the shipped knowledge alone)."""
    path = out / OVERLAY_FILE
    if not path.exists():
        return KnowledgeOverlay()
    rows = json.loads(path.read_text(encoding="utf-8"))
    return KnowledgeOverlay(tuple(OverlayEntry(r["kind"], r["key"], r["body"]) for r in rows))


def _read_manifest(out: Path) -> dict[str, Any] | None:
    manifest = out / "_manifest.json"
    return json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else None  # type: ignore[no-any-return]


def finished_shards(out: Path) -> list[str]:
    """Finished shard ids: those in the manifest first, in its order, then any others by name."""
    if not (out / "_done").is_dir():
        raise PeristiwaError(f"{out} is not a batch output folder (no _done/ inside); run `peristiwa batch` first")
    done = {marker.stem for marker in (out / "_done").glob("*.json")}
    manifest = _read_manifest(out)
    ordered = [shard for shard in (manifest["shards"] if manifest else []) if shard in done]
    return ordered + sorted(done - set(ordered))


def read_records(out: Path) -> Iterator[dict[str, Any]]:
    """Every record of every finished shard, in input order, one shard in memory at a time."""
    for shard_id in finished_shards(out):
        part = part_path(out, shard_id)
        if not part.exists():
            continue  # a shard whose articles were all quarantined or unreadable
        table = pq.read_table(part, columns=["seq", "record"]).sort_by("seq")
        for text in table.column("record").to_pylist():
            yield json.loads(text)


def read_quarantine(out: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted((out / "quarantine").glob("*.jsonl")):
        entries.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return entries
