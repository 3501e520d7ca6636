"""Invariants under hostile input: no exception, every span inside the text and equal to its quote text."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from peristiwa.model import Document
from tests.quotes.helpers import run

ALPHABET = st.sampled_from(
    list('“”"„«»‘’ ,.:;!?\n-–—()')
    + [
        "kata",
        "ujarnya",
        "menurut",
        "mengatakan",
        "bahwa",
        "Lavrov",
        "Retno Marsudi",
        "dia",
        "sang menlu",
        "itu",
        "\u200b",
        "\u200f",
        "\u202e",
        "مرحبا",
        "שלום",
        "Ä",
        "ı",
        "\u0301",
        "demikian disampaikan",
        "kepada",
    ]
)


def _check(doc: Document) -> None:
    for quote in doc.quotes:
        assert 0 <= quote.start < quote.end <= len(doc.text)
        assert doc.text[quote.start : quote.end] == quote.text
        if quote.speaker_span is not None:
            span = quote.speaker_span
            assert doc.text[span.start : span.end] == span.text


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map(" ".join))
def test_random_token_soup(text: str) -> None:
    _check(run(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode(text: str) -> None:
    _check(run(text))


def test_ten_thousand_quotation_marks() -> None:
    text = " ".join(["“Kami siap,” kata Lavrov."] * 5000)
    doc = run(text)
    assert len(doc.quotes) == 5000
    _check(doc)


def test_unbalanced_marks() -> None:
    for text in ("“" * 10_000, "”" * 10_000, '"' * 10_001, "“a ” b “ c" * 2000, '« „ ‟ » " ”' * 1000):
        _check(run(text))


def test_one_megabyte_line_is_fast() -> None:
    sentence = "Retno mengatakan “ASEAN harus bersatu” dan, menurut dia, junta harus berunding, kata Retno. "
    text = sentence * 12_000
    assert len(text) > 1_000_000 and "\n" not in text
    began = time.perf_counter()
    doc = run(text)
    assert time.perf_counter() - began < 60
    _check(doc)


def test_zero_width_and_rtl_characters() -> None:
    text = "\u200b“Kami\u200f siap\u202e,” kata\u200b Lavrov. مرحبا “שלום” ujar Retno."
    doc = run(text)
    assert len(doc.quotes) == 2
    _check(doc)
