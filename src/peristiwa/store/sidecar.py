"""The note a running server leaves next to the database it owns, so other processes find it.

`peristiwa serve --db F` holds F read-write for its whole life (DuckDB then keeps every other process
out, readers too). While it runs it keeps `F.server.json` beside F: its URL, pid, start time, largest
request body and whether writes need a token (never the token itself: that stays in `--token` /
PERISTIWA_TOKEN). A sidecar whose pid is no longer alive was left by a killed server and is ignored.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SUFFIX = ".server.json"


@dataclass(frozen=True, slots=True)
class Sidecar:
    url: str  # http://127.0.0.1:8000 (no trailing slash)
    pid: int
    started: float  # seconds since the epoch
    db: str  # the database file, absolute
    max_body: int  # bytes: a client splits its writes below this
    token_required: bool

    def describe(self) -> str:
        return f"`peristiwa serve` (pid {self.pid}, {self.url})"


def sidecar_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + SUFFIX)


def write_sidecar(db: Path, url: str, max_body: int, token_required: bool) -> Sidecar:
    """Announce that this process serves `db`; written to a temporary name first, so a reader never sees half."""
    note = Sidecar(url.rstrip("/"), os.getpid(), time.time(), str(Path(db).resolve()), max_body, token_required)
    path = sidecar_path(db)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(asdict(note)), encoding="utf-8")
    partial.replace(path)
    return note


def remove_sidecar(db: Path) -> None:
    """Remove the note if it is this process's (another server may have taken over a stale one)."""
    path = sidecar_path(db)
    note = _read(path)
    if note is not None and note.pid == os.getpid():
        path.unlink(missing_ok=True)


def live_server(db: Path) -> Sidecar | None:
    """The server that owns `db` now, or None (no sidecar, an unreadable one, or one whose pid is dead)."""
    note = _read(sidecar_path(db))
    if note is None or not pid_alive(note.pid):
        return None
    return note


def _read(path: Path) -> Sidecar | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        return Sidecar(
            str(found["url"]),
            int(found["pid"]),
            float(found["started"]),
            str(found["db"]),
            int(found["max_body"]),
            bool(found["token_required"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed child not yet reaped by its parent still answers kill(pid, 0); its status says it is dead."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return status.rsplit(")", 1)[-1].split()[:1] == ["Z"]
