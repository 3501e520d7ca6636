"""Whole pipeline: "kedua negara" / "kedua pemimpin" at the start of a sentence and what it points back to."""

from __future__ import annotations

import pytest

from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle


def coding(pipeline: Pipeline, text: str) -> set[str]:
    doc = pipeline.process(RawArticle(text, Source()))
    return {f"{e.source} {e.type} {e.target or '-'}" for e in doc.events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The sentence before names the UN and China: "kedua negara" wants two states, so the pair joined by
        # "dan" earlier in the article wins.
        (
            "Arab Saudi dan Iran sepakat memulihkan hubungan diplomatik. Sekjen PBB Antonio Guterres memuji China "
            "atas mediasi itu. Kedua negara juga sepakat membuka kembali kedutaan besar dalam dua bulan.",
            {"SAU AGREE IRN", "UN SUPPORT CHN"},
        ),
        # No pair joined by "dan": the nearest sentence that names exactly two actors.
        (
            "Presiden Prabowo Subianto bertemu Presiden China Xi Jinping di Beijing. Pertemuan itu adalah kunjungan "
            "pertama Prabowo. Kedua pemimpin menandatangani nota kesepahaman energi.",
            {"IDN CONSULT CHN", "IDN SUPPORT CHN"},
        ),
        # After the verb, with only the subject before it: the pair comes from the text before.
        (
            "Sekjen PBB Antonio Guterres mendesak India dan Pakistan menahan diri. China juga menyerukan kedua negara "
            "tetap tenang.",
            {"UN REQUEST IND", "UN REQUEST PAK", "CHN REQUEST IND", "CHN REQUEST PAK"},
        ),
        # "kedua pemimpin" wants two people: not the two states of the sentence before.
        (
            "Presiden Venezuela Nicolas Maduro dan Presiden Guyana Irfaan Ali sepakat tidak menggunakan kekerasan. "
            "Amerika Serikat mendukung Guyana. Presiden Brasil Lula da Silva memuji kedua pemimpin.",
            {"VEN AGREE GUY", "USA SUPPORT GUY", "BRA SUPPORT VEN", "BRA SUPPORT GUY"},
        ),
        # The sentence before names exactly two: that pair, as before.
        (
            "Delegasi Thailand bertemu delegasi Kamboja di Kuala Lumpur. Kedua negara sepakat menarik pasukan.",
            {"THA CONSULT KHM", "THA AGREE KHM"},
        ),  # what they agreed on is the agreement's content, not an event
    ],
)
def test_reciprocal_phrase_finds_its_pair(pipeline: Pipeline, text: str, expected: set[str]) -> None:
    assert coding(pipeline, text) == expected
