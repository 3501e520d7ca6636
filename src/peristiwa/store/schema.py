"""Schema migrations: ordered SQL files, applied once each, recorded in `schema_version`.

Numbers are unique and ascending but may have gaps: developers working at the same time each take a number,
and a database may have been migrated with a later number before an earlier one arrived. So a database is
migrated by what it lacks, not by what comes after its highest version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration file in version order; a duplicate number is a packaging bug."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions) or not all(v > 0 for v in versions):
        raise RuntimeError(f"migration files in {folder} must have unique numbers 001, 002, …: {versions}")
    return found


def latest_version() -> int:
    return max((m.version for m in migrations()), default=0)


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    if not current_version(con):
        return set()
    return {int(row[0]) for row in con.execute("SELECT version FROM schema_version").fetchall()}


def pending(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    """The migrations this database has not had yet, in order."""
    done = applied_versions(con)
    return [m for m in migrations() if m.version not in done]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations the database lacks, each in its own transaction; return their versions."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR)")
    applied = []
    for migration in pending(con):
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?)", [migration.version, migration.name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
