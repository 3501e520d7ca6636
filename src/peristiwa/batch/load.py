"""`peristiwa load DIR --db FILE`: bring batch partitions into the database through the store's write path."""

from __future__ import annotations

from pathlib import Path

from peristiwa.api import DEFAULT_BATCH, IngestReport, Peristiwa
from peristiwa.batch.partitions import read_records


def load_partitions(out: Path, db: Path, batch_size: int = DEFAULT_BATCH) -> IngestReport:
    """Store every finished shard's records; stories and merged events are built as the store writes them."""
    return Peristiwa(db).ingest_records(read_records(out), batch_size)
