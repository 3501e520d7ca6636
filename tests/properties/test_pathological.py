"""The inputs the issue names: 10,000 quotation marks, a 1 MB single line, right-to-left text, zero-width
characters. No exception escapes (the pipelines are strict) and every span lies inside the text."""

from __future__ import annotations

import pytest

from peristiwa.model import Document, Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import PACKAGE_DIR, Settings
from peristiwa.stages.ingest import RawArticle
from tests.properties.conftest import STRUCTURE
from tests.properties.invariants import check_document

SEED = (PACKAGE_DIR / "samples" / "001_f5959c1b3ee9c0f3.txt").read_text(encoding="utf-8")
ONE_MB = 1_000_000


def _one_line(size: int) -> str:
    line = " ".join(SEED.split())
    return (line * (size // len(line) + 1))[:size]


def _zero_width(text: str) -> str:
    return "\u200b".join(text.replace(" ", " \u200c")).replace("a", "a\u200d\ufeff")


def _right_to_left(text: str) -> str:
    arabic = "قال وزير الخارجية الروسي إن «الناتو» يهدد أمن روسيا. "
    return "\n".join(f"\u202e{arabic}\u202c{line}\u200f" for line in text.splitlines())


TEN_THOUSAND_MARKS = "“" * 10_000
PATHOLOGICAL = {
    "10,000 mixed marks in a seed": SEED.replace(".", '. “ ” " « »' * 400, 5),
    "zero-width characters": _zero_width(SEED),
    "right-to-left text": _right_to_left(SEED),
    "only bidi controls and spaces": "\u202e \u202d \u2067 \u2069 \u200f " * 2000,
    "a 100 kB single line": _one_line(100_000),
}
REAL = ("10,000 mixed marks in a seed", "zero-width characters", "right-to-left text", "only bidi controls and spaces")


def _run(pipeline: Pipeline, text: str) -> Document:
    doc = pipeline.process(RawArticle(text, Source(path="pathological.txt")))
    check_document(doc)
    return doc


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_every_stage_after_structure(light: Pipeline, name: str) -> None:
    _run(light, PATHOLOGICAL[name])


@pytest.mark.parametrize("name", REAL)
def test_the_real_pipeline(full: Pipeline, name: str) -> None:
    _run(full, PATHOLOGICAL[name])


def test_ten_thousand_quotation_marks(full: Pipeline) -> None:
    # Not through the structure stage: spaCy's tokenizer takes ~14 s on 10,000 marks with no space between
    # them (it strips prefixes one by one). The real pipeline stops before it (no language) and so does this.
    _run(full, TEN_THOUSAND_MARKS)
    _run(Pipeline(Settings(stages=("clean", "quotes", "time", "events")), strict=True), TEN_THOUSAND_MARKS)


def test_rtl_and_zero_width_do_not_hide_the_article(full: Pipeline) -> None:
    """Still analysed as Indonesian, with quotes and events found through the noise."""
    for text in (_zero_width(SEED), _right_to_left(SEED)):
        doc = _run(full, text)
        assert doc.language == "id" and doc.quotes and doc.events


def test_a_one_megabyte_single_line_through_clean_quotes_and_time() -> None:
    pipeline = Pipeline(Settings(stages=("clean", STRUCTURE, "quotes", "time")), strict=True)
    doc = _run(pipeline, _one_line(ONE_MB))
    assert "\n" not in doc.text and len(doc.text) > 0.99 * ONE_MB
    assert len(doc.quotes) > 1000 and len(doc.dates) > 1000


def test_a_quarter_megabyte_single_line_through_actors_and_events(light: Pipeline) -> None:
    # 1 MB takes ~30 s in the events stage on this machine (was > 5 min before its quadratic scans were fixed):
    # too slow for CI, so CI runs a quarter of it; `benchmarks/throughput.py` is where sizes are timed.
    doc = _run(light, _one_line(ONE_MB // 4))
    assert len(doc.events) > 500
