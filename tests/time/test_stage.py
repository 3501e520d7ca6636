"""The stage: reads doc.text and doc.published, writes doc.dates."""

from __future__ import annotations

from peristiwa.model import Document, Source
from peristiwa.settings import Settings
from peristiwa.stages.time import TimeStage, make_stage


def _doc(text: str, published: str | None) -> Document:
    return Document(id="t", raw=text, source=Source(), text=text, published=published)


def test_stage_fills_dates_anchored_on_published() -> None:
    text = "Pembicaraan dapat berlangsung pada Rabu (2/3), menurut laporan pada Selasa kemarin."
    doc = _doc(text, "2022-03-04")
    stage = make_stage(Settings())
    assert isinstance(stage, TimeStage)
    stage(doc)
    expected = [("Rabu (2/3)", "2022-03-02"), ("Selasa kemarin", "2022-03-01")]
    assert [(d.text, d.value) for d in doc.dates] == expected
    assert not doc.problems


def test_without_published_relative_dates_have_no_value() -> None:
    doc = _doc("Pada Senin, pada 2014.", None)
    make_stage(Settings())(doc)
    assert [(d.text, d.value) for d in doc.dates] == [("Senin", None), ("2014", "2014")]


def test_malformed_published_is_reported() -> None:
    doc = _doc("kemarin", "4 Maret 2022")
    make_stage(Settings())(doc)
    assert doc.dates[0].value is None
    assert doc.problems and doc.problems[0].stage == "time"


def test_without_published_the_first_full_date_in_the_text_anchors_the_rest() -> None:
    doc = _doc(
        "Kesepakatan dicapai pada Senin, 28 Juli 2025. Bentrokan pecah pada 24 Juli, dan bulan lalu "
        "kedua negara sudah saling tuduh.",
        None,
    )
    make_stage(Settings())(doc)
    assert [(d.text, d.value) for d in doc.dates] == [
        ("Senin, 28 Juli 2025", "2025-07-28"),
        ("24 Juli", "2025-07-24"),
        ("bulan lalu", "2025-06"),
    ]
    assert doc.published is None
