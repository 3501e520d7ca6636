"""Whole pipeline: "-nya" fused to a preposition ("kepadanya") is the person last named as an object."""

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
        (
            "Menteri Luar Negeri AS Antony Blinken menelepon Presiden Niger Mohamed Bazoum dan menyatakan dukungan "
            "penuh kepadanya.",
            {"USA CONSULT NER", "USA SUPPORT NER"},
        ),
        (
            "Antony Blinken menelepon Mohamed Bazoum dan menyatakan dukungan penuh Washington kepadanya.",
            {"USA CONSULT NER", "USA SUPPORT NER"},
        ),  # the genitive and the clitic stay two participants
        # The subject is never the one "-nya" points to: nothing is coded against Japan itself.
        (
            "Perdana Menteri Jepang Fumio Kishida bertemu Presiden Korea Selatan Yoon Suk Yeol dan menyampaikan "
            "dukungan kepadanya.",
            {"JPN CONSULT KOR", "JPN SUPPORT KOR"},
        ),
    ],
)
def test_fused_preposition_clitic_is_the_object(pipeline: Pipeline, text: str, expected: set[str]) -> None:
    assert coding(pipeline, text) == expected
