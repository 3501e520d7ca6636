"""Invariants: any text and any anchor never raise, and every span is a slice of the text."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from peristiwa.settings import DATA_DIR
from peristiwa.stages.time import find_dates, published_from_text, published_from_url

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Calendar words mixed with noise, so the rules actually fire on generated text.
WORDS = st.sampled_from(
    [
        "Senin",
        "Selasa",
        "Minggu",
        "hari",
        "(2/3)",
        "(29/2)",
        "(31/12)",
        "14",
        "Maret",
        "Februari",
        "2022",
        "1949",
        "lalu",
        "kemarin",
        "itu",
        "depan",
        "terakhir",
        "sebelumnya",
        "pekan",
        "minggu",
        "bulan",
        "tahun",
        "dekade",
        "dua",
        "puluh",
        "belas",
        "sepekan",
        "beberapa",
        "akhir",
        "awal",
        "pertengahan",
        "sejak",
        "pada",
        "akan",
        "setiap",
        "sekitar",
        "14/3/2022",
        "2022-03-14",
        ",",
        ".",
        "“",
        "\n",
        "lusa",
    ]
)
ANCHORS = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _check(text: str, anchor: date | None) -> None:
    for mention in find_dates(text, anchor, DATA_DIR):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.value is None or ISO.match(mention.value)


@settings(max_examples=300, deadline=None)
@given(st.text(), ANCHORS)
def test_random_unicode(text: str, anchor: date | None) -> None:
    _check(text, anchor)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=30).map(" ".join), ANCHORS)
def test_calendar_word_soup(text: str, anchor: date | None) -> None:
    _check(text, anchor)


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, max_size=8).map("".join), ANCHORS)
def test_glued_words(text: str, anchor: date | None) -> None:
    _check(text, anchor)


def test_pathological_inputs() -> None:
    for text in ["", " " * 10_000, "Senin " * 5000, "(" * 3000, "dua " * 3000 + "hari lalu", "\x00\ud7ff"]:
        _check(text, date(2022, 3, 4))
        _check(text, date.max)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_published_parsers_never_raise(text: str) -> None:
    day, time = published_from_text(text, DATA_DIR)
    assert day is None or ISO.match(day)
    assert published_from_url(text, DATA_DIR) is None or ISO.match(published_from_url(text, DATA_DIR) or "")
