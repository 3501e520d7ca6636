"""Hypothesis: clean, quotes, time and events (after real actors) on random and hostile text never raise
and keep every span inside the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.stages.ingest import RawArticle
from tests.properties.invariants import BUDGET, check_document

# Words that make the rules fire (cues, triggers, calendar words, actors, boilerplate) …
NEWS = st.sampled_from(
    [
        "kata",
        "ujarnya",
        "menurut",
        "mengatakan bahwa",
        "tegas",
        "Lavrov",
        "Retno Marsudi",
        "dia",
        "Rusia",
        "Ukraina",
        "NATO",
        "AS",
        "menyerang",
        "mengecam",
        "bertemu dengan",
        "tidak",
        "akan",
        "jika",
        "Senin",
        "(2/3)",
        "14 Maret 2022",
        "pekan lalu",
        "dua dekade lalu",
        "lebih dari 100 jet",
        "Menteri Luar Negeri Rusia",
        "Baca juga:",
        "JAKARTA, KOMPAS.com -",
        "Posted By : togel",
        "Sekjen NATO",
        "kedua negara",
        "kami",
        ".",
        ",",
    ]
)
# … and what breaks naive code: marks of every kind, bidi controls, zero-width and combining characters.
HOSTILE = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "„",
        "«",
        "»",
        "‘",
        "’",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u200f",
        "\u202e",
        "\u202b",
        "\u2066",
        "مرحبا بالعالم",
        "שלום",
        "\u0301",
        "\u00ad",
        "\r\n",
        "\n",
        "\u2028",
        "\u2029",
        "\t",
        "\x00",
        "🇮🇩",
        "İ",
        "ß",
        "ﬁ",
        "Ⅻ",
        "١٢٣",
        "…",
    ]
)
TEXT = st.lists(st.one_of(NEWS, HOSTILE, st.text(max_size=12)), max_size=120).map(" ".join)


def _run(pipeline: Pipeline, text: str) -> None:
    check_document(pipeline.process(RawArticle(text, Source(path="hypothesis.txt"))))


@BUDGET
@given(text=TEXT)
def test_news_words_and_hostile_characters(light: Pipeline, text: str) -> None:
    _run(light, text)


@BUDGET
@given(text=st.text(max_size=600))
def test_arbitrary_unicode(light: Pipeline, text: str) -> None:
    _run(light, text)


@BUDGET
@given(
    text=st.text(
        alphabet=st.characters(categories=["Cf", "Mn", "Zs", "Zl", "Zp", "Pi", "Pf", "Ps", "Pe"]), max_size=300
    )
)
def test_format_marks_spaces_and_brackets_only(light: Pipeline, text: str) -> None:
    _run(light, text)
