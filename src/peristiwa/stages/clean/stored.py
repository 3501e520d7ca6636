"""The clean stage for an article already cleaned and stored: re-coding (`peristiwa recode`) runs the later stages
again on the stored text, which is the body the clean stage once made; only the dateline is found again (the same
way the clean stage finds it, in the body's first paragraph).

The input's `raw` is the stored body; `hints["stored"]` holds what cleaning had found: title, published, byline,
origin and the removed lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peristiwa.model import Contract, Document, Removed
from peristiwa.settings import Settings
from peristiwa.stages.clean import CONTRACT as CLEAN_CONTRACT
from peristiwa.stages.clean.metadata import find_dateline

NAME = "peristiwa.stages.clean.stored"


@dataclass(slots=True)
class StoredClean:
    settings: Settings
    name: str = "clean"

    def __call__(self, doc: Document) -> None:
        stored: dict[str, Any] = doc.hints.get("stored") or {}
        doc.text = doc.raw
        doc.title = stored.get("title")
        doc.published = stored.get("published")
        doc.byline = stored.get("byline")
        doc.removed = [Removed(r["text"], r["reason"], r.get("rule")) for r in stored.get("removed") or []]
        doc.dateline = find_dateline(doc.text, self.settings.data_dir / "clean" / "datelines.yaml")


CONTRACT = Contract(assigns=CLEAN_CONTRACT.assigns, requires=("raw",), reads=("hints",))


def make_stage(settings: Settings) -> StoredClean:
    return StoredClean(settings)


def recode_stages(stages: tuple[str, ...]) -> tuple[str, ...]:
    """The configured stages with this one in place of the clean stage."""
    return tuple(NAME if s == "clean" else s for s in stages)
