"""A real stage, for tests only: it raises on any article containing MARKER (registered via Settings.stages)."""

from __future__ import annotations

from peristiwa.model import Contract, Document
from peristiwa.settings import Settings

MARKER = "KACAU-UJI-BATCH"
CONTRACT = Contract(assigns=(), requires=("text",))


class FailingStage:
    def __call__(self, doc: Document) -> None:
        if MARKER in doc.text:
            raise RuntimeError(f"test stage refuses articles containing {MARKER}")


def make_stage(settings: Settings) -> FailingStage:
    return FailingStage()
