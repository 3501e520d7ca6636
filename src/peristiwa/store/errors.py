"""Errors of the database layer: each names the file and says what to do next."""

from __future__ import annotations

from pathlib import Path

from peristiwa.errors import PeristiwaError


class StoreError(PeristiwaError):
    code = "P400"

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class DatabaseMissing(StoreError):
    code = "P401"


class DatabaseCorrupt(StoreError):
    code = "P402"


class DatabaseReadOnly(StoreError):
    code = "P403"


class DatabaseLocked(StoreError):
    code = "P404"


class DatabaseTooNew(StoreError):
    code = "P405"


class WriteFailed(StoreError):
    code = "P406"


class BadQuery(StoreError):
    code = "P407"


class BadFilter(BadQuery):
    """A filter value that cannot be used (an unknown quad, a date that is no date): a usage error."""

    code = "P408"


class StoreClosed(StoreError):
    """A write or read on a server's store that is not holding its file (stopped or not started)."""

    code = "P411"


class ServerUnreachable(StoreError):
    """The server that owns a database (its sidecar says so) does not answer."""

    code = "P412"
