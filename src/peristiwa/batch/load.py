"""`peristiwa load DIR --db FILE`: bring batch partitions into the database through the store's write path.

The partitions were coded with the knowledge overlay `peristiwa batch` was given (`--db`, recorded in the folder).
When the target database's overlay differs, the loaded articles that name an entry the two overlays disagree on
are re-coded with the database's knowledge (`peristiwa recode`, through the server when one owns the file), as an
ingest into that database would have coded them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peristiwa.api import DEFAULT_BATCH, IngestReport, Peristiwa
from peristiwa.batch.partitions import read_overlay, read_records
from peristiwa.settings import KnowledgeOverlay, Settings
from peristiwa.stages.actors.overlay import names_of
from peristiwa.store.route import WriteRoute


@dataclass(slots=True)
class LoadReport:
    stored: IngestReport
    recoded: dict[str, Any] | None = None  # the re-code's report (`peristiwa recode`), when the overlays differed

    def summary(self) -> str:
        if self.recoded is None:
            return self.stored.summary()
        return (
            f"{self.stored.summary()}; {self.recoded['articles']} article(s) re-coded with the database's knowledge "
            f"overlay, {len(self.recoded['changed'])} with changed events"
        )


def load_partitions(out: Path, db: Path, batch_size: int = DEFAULT_BATCH, token: str | None = None) -> LoadReport:
    """Store every finished shard's records; stories and merged events are built as the store writes them."""
    coded = read_overlay(out)
    report = LoadReport(Peristiwa(db, token=token).ingest_records(read_records(out), batch_size))
    route = WriteRoute(db, token)
    keys = differing_keys(coded, route.with_overlay(Settings()).overlay)
    if keys:
        names = coded_names(coded, keys)  # an entry only the batch's overlay had: the database knows no names of it
        report.recoded = route.change(
            "/v1/recode", {"names": names, "keys": keys}, lambda con: _recode(con, names, keys)
        )
    return report


def differing_keys(first: KnowledgeOverlay, second: KnowledgeOverlay) -> list[str]:
    """The entries (ids) the two overlays give differently: added, changed or retired in one of them."""
    return sorted({entry.key for entry in set(first.entries) ^ set(second.entries)})


def coded_names(overlay: KnowledgeOverlay, keys: list[str]) -> list[str]:
    wanted = set(keys)
    found = {
        name for e in overlay.entries if e.key in wanted and e.body for name in names_of(e.kind, json.loads(e.body))
    }
    return sorted(found)


def _recode(con: Any, names: list[str], keys: list[str]) -> dict[str, Any]:
    from peristiwa.store.recode import recode

    return recode(con, Settings(), names, keys).as_dict()
