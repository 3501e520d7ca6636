"""Cleaning never raises and keeps its offsets honest, whatever the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peristiwa.model import Document, Source
from peristiwa.settings import Settings
from peristiwa.stages.clean import make_stage

CLEAN = make_stage(Settings())
NASTY = st.sampled_from(
    [
        "\u200b",
        "\u202e",
        "\ufeff",
        "“",
        "”",
        '"',
        "\n",
        "\n\n",
        "\r\n",
        " – ",
        "/net",
        "Baca juga: ",
        "Posted By : togel",
        "Jumat, 04 Maret 2022 | 08:45 WIB",
        "كلمة",
    ]
)


def _clean(raw: str) -> Document:
    doc = Document(id="x", raw=raw, source=Source())
    CLEAN(doc)
    return doc


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=40).map("".join))
def test_clean_is_total_and_offsets_are_valid(raw: str) -> None:
    doc = _clean(raw)
    for removed in doc.removed:
        assert removed.start is not None and removed.end is not None
        assert 0 <= removed.start <= removed.end <= len(raw)
    assert "\u200b" not in doc.text and "\ufeff" not in doc.text
    if doc.dateline:
        assert doc.text[doc.dateline.start : doc.dateline.end].strip() == doc.dateline.text


def test_pathological_single_line_and_many_quotes() -> None:
    doc = _clean("“" * 10_000 + " kata dia. " * 100_000)
    assert doc.text.startswith("“")
    assert _clean("").text == "" and _clean("\n\n\n").removed == []
