"""Column-wise bulk inserts through Arrow (DuckDB's fast path; executemany is row by row)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa

_counter = 0


def arrow_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], types: dict[str, pa.DataType] | None = None
) -> pa.Table:
    types = types or {}
    arrays = []
    for index, name in enumerate(columns):
        values = [row[index] for row in rows]
        arrays.append(pa.array(values, type=types.get(name)) if name in types else pa.array(values))
    return pa.Table.from_arrays(arrays, names=list(columns))


def insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    types: dict[str, pa.DataType] | None = None,
) -> None:
    if not rows:
        return
    name = _view_name()
    con.register(name, arrow_table(columns, rows, types))
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM {name}")
    finally:
        con.unregister(name)


class Keys:
    """A temporary one-column (or more) relation of keys, to join against instead of long IN lists."""

    def __init__(self, con: duckdb.DuckDBPyConnection, columns: Sequence[str], rows: Iterable[Sequence[Any]]):
        self.con = con
        self.name = _view_name()
        rows = list(rows)
        types = {c: pa.string() for c in columns}
        con.register(self.name, arrow_table(columns, rows, types))

    def __enter__(self) -> str:
        return self.name

    def __exit__(self, *_: object) -> None:
        self.con.unregister(self.name)


def _view_name() -> str:
    global _counter
    _counter += 1
    return f"_bulk_{_counter}"
