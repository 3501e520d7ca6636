"""Schema migrations: ordered SQL files, applied once each, recorded in `schema_version`."""

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
    """Every migration file in version order. Numbers may leave gaps (branches reserve numbers and land in any
    order), but a duplicate number is a packaging bug."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions) or any(v < 1 for v in versions):
        raise RuntimeError(f"migration files in {folder} repeat a number or use 000: {versions}")
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


def migrate(con: duckdb.DuckDBPyConnection, folder: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply the migrations the database lacks, each in its own transaction; return their versions. A lower
    number that arrives after a higher one was applied (a merged branch) is applied too."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR)")
    done = applied_versions(con)
    applied = []
    for migration in migrations(folder):
        if migration.version in done:
            continue
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
