"""Situate: when and where each event happened, in one step after the events are coded.

Requires `doc.events` (each with its trigger's clause), `doc.dates` (the time stage), `doc.places` (the
places stage), `doc.sentences`, `doc.published` and `doc.dateline`. Sets each event's `date`, `date_source`,
`date_precision` (`stages/time/event_dates.py`) and then its `location` (`stages/places/locate.py`), which
looks at the date: an event dated years before the report did not happen at the dateline's place.
"""

from __future__ import annotations

from dataclasses import dataclass

from peristiwa.model import Contract, Document
from peristiwa.settings import Settings
from peristiwa.stages.places.locate import locate_events
from peristiwa.stages.situate.same_event import SameEvent
from peristiwa.stages.time.event_dates import date_events

__all__ = ["CONTRACT", "SituateStage", "make_stage"]

CONTRACT = Contract(
    assigns=("events",),
    requires=("events",),
    reads=("dates", "places", "sentences", "published", "dateline", "tokens"),
)


@dataclass(slots=True)
class SituateStage:
    settings: Settings
    name: str = "situate"

    def __call__(self, doc: Document) -> None:
        date_events(doc, self.settings.data_dir, SameEvent(doc, self.settings.data_dir))
        locate_events(doc, self.settings.data_dir)


def make_stage(settings: Settings) -> SituateStage:
    return SituateStage(settings)
