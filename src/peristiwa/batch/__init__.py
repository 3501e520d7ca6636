"""Batch: the same pipeline on a Dask cluster, shard by shard, into Parquet partitions that `load` stores.

plan (shards.py) → process one shard per task (worker.py) → partition files (partitions.py)
→ `peristiwa load DIR --db FILE` (load.py) through the store's own write path.
"""

from peristiwa.batch.load import load_partitions
from peristiwa.batch.partitions import read_quarantine, read_records
from peristiwa.batch.runner import BatchReport, run_batch

__all__ = ["BatchReport", "load_partitions", "read_quarantine", "read_records", "run_batch"]
