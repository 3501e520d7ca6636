"""Every event dated from the best evidence in the text (issue 16): the examples of data/time/event_dates.yaml,
written beyond the seeds for each construction (a date after a comma or fronted, the dateline and the lead,
relative dates, past events inside a present-tense article, report and name dates that are not the event's)."""

from __future__ import annotations

from typing import Any

import pytest

from peristiwa.knowledge import load_yaml
from peristiwa.model import Document, Event, Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR
from peristiwa.stages.ingest import RawArticle

EXAMPLES: list[dict[str, Any]] = load_yaml(DATA_DIR / "time" / "event_dates.yaml")["examples"]
SOURCES = {"clause", "sentence", "mention", "lead", "report", "none"}
PRECISIONS = {"day", "week", "month", "year", None}


def _process(pipeline: Pipeline, text: str, published: object) -> Document:
    hints = {"published": str(published)} if published else {}
    return pipeline.process(RawArticle(text, Source(path="example.txt"), hints))


def _value(value: object) -> str | None:
    return None if value is None else str(value)


def _event(doc: Document, kind: str, source: str, target: str | None) -> Event:
    found = [e for e in doc.events if (e.type, e.source, e.target) == (kind, source, target)]
    assert found, f"no {kind} {source}→{target} among {[(e.type, e.source, e.target) for e in doc.events]}"
    return found[0]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['event'][0]}:{e['text'][:40]}")
def test_event_date_examples(pipeline: Pipeline, example: dict[str, Any]) -> None:
    doc = _process(pipeline, example["text"], example["published"])
    event = _event(doc, *example["event"])
    expected = (_value(example["date"]), example["source"], example["precision"])
    assert (event.date, event.date_source, event.date_precision) == expected


def test_every_event_has_a_source_and_a_precision_that_fits_its_date(pipeline: Pipeline) -> None:
    for example in EXAMPLES:
        for event in _process(pipeline, example["text"], example["published"]).events:
            assert event.date_source in SOURCES and event.date_precision in PRECISIONS
            assert (event.date is None) == (event.date_source == "none") == (event.date_precision is None)


def test_a_clause_date_is_never_replaced_by_the_report_date(pipeline: Pipeline) -> None:
    text = (
        "BRUSSEL – NATO mengecam Rusia atas serangan ke Kyiv.\n\n"
        "Rusia mencaplok Semenanjung Krimea Ukraina pada 2014.\n\n"
        "Pada Januari lalu, Rusia dan Ukraina bertukar tahanan."
    )
    doc = _process(pipeline, text, "2022-03-04")
    dated = {e.type: (e.date, e.date_source) for e in doc.events}
    assert dated["COERCE"] == ("2014", "clause")
    assert dated["ACCUSE"] == ("2022-03-04", "report")
    assert doc.events[0].location is not None and doc.events[0].location.source == "dateline"
    assert next(e for e in doc.events if e.type == "COERCE").location is None
