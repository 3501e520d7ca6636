"""Time: temporal expressions in the body and their calendar values, anchored on the publication date.

`find_dates` does the work and can be reused on any text; `TimeStage` fills `doc.dates`. Expression
patterns and Indonesian calendar words are data (`data/time/`); `published.py` reads publication dates
from page date lines and URLs for the cleaning stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peristiwa.dates.published import published_from_text, published_from_url
from peristiwa.model import Contract, DateMention, Document
from peristiwa.settings import Settings
from peristiwa.stages.nlp.words import Runs
from peristiwa.stages.time.finder import find_dates

__all__ = ["TimeStage", "anchor_of", "find_dates", "make_stage", "published_from_text", "published_from_url"]


@dataclass(slots=True)
class TimeStage:
    settings: Settings
    name: str = "time"

    def __call__(self, doc: Document) -> None:
        anchor, runs = anchor_of(doc), Runs.of(doc)
        doc.dates = find_dates(doc.text, anchor, self.settings.data_dir, runs)
        if anchor is None and (stated := first_full_date(doc.dates)) is not None:
            # No publication date: the first date the text states in full (usually in the lead) stands in for
            # it, so "24 Juli" and "bulan lalu" still get a value. `published` itself stays empty.
            doc.dates = find_dates(doc.text, stated, self.settings.data_dir, runs)


def first_full_date(dates: list[DateMention]) -> date | None:
    """The first expression resolved to a whole day without an anchor (its year was written out)."""
    for mention in dates:
        if mention.value and len(mention.value) == len("YYYY-MM-DD"):
            return date.fromisoformat(mention.value)
    return None


def anchor_of(doc: Document) -> date | None:
    """The publication date as a `date`; a malformed one is reported and treated as absent."""
    if not doc.published:
        return None
    try:
        return date.fromisoformat(doc.published[:10])
    except ValueError:
        message = f"[T001] published date {doc.published!r} is not YYYY-MM-DD; relative dates get no value"
        doc.add_problem("time", message)
        return None


# The tokens are not declared: without them (time run before nlp, a valid order) `Runs.of` tokenises the text.
CONTRACT = Contract(assigns=("dates",), requires=("text",), reads=("published",))


def make_stage(settings: Settings) -> TimeStage:
    return TimeStage(settings)
