"""Invariants on any input: no exception, every span inside the text, evidence text = its span."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peristiwa.model import Document, Source
from peristiwa.settings import Settings
from peristiwa.stages.events import make_stage
from tests.events.kit import build_document

STAGE = make_stage(Settings())
WORDS = st.sampled_from(
    [
        "Rusia",
        "menyerang",
        "Ukraina",
        "dan",
        "AS",
        "bertemu",
        "dengan",
        "tidak",
        "akan",
        "“",
        "”",
        ",",
        ".",
        "serangan",
        "udara",
        "antara",
        "oleh",
        "yang",
        "jika",
        "100.000",
        "tentara",
        "NATO-Rusia",
        "kami",
        "dia",
        "mengecam",
        "menolak",
        "untuk",
        "(",
        ")",
        "-nya",
    ]
)


def _check(doc: Document) -> None:
    STAGE(doc)
    for event in doc.events:
        assert 0 <= event.evidence.start < event.evidence.end <= len(doc.text)
        assert doc.text[event.evidence.start : event.evidence.end] == event.evidence.text
        assert 0 <= event.sentence.start <= event.evidence.start and event.evidence.end <= event.sentence.end
        assert event.source and event.source != event.target
        if event.magnitude:
            assert event.magnitude.text in doc.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_unicode_never_fails(text: str) -> None:
    _check(build_document(text))


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60))
def test_word_salad_of_triggers_and_actors(words: list[str]) -> None:
    _check(build_document(" ".join(words)))


def test_pathological_inputs() -> None:
    for text in [
        "",
        " ",
        "\n\n",
        "“" * 500,
        "Rusia " * 2000,
        "menyerang " * 1000,
        "dan, " * 1000,
        "Rusia menyerang Ukraina" + "." * 3000,
        "\u200b\u0000Rusia\ufeffmenyerang Ukraina",
    ]:
        _check(build_document(text))


def test_document_without_upstream_layers() -> None:
    doc = Document(id="bare", raw="Rusia menyerang Ukraina.", source=Source(), text="Rusia menyerang Ukraina.")
    STAGE(doc)
    assert doc.events == []  # no entities, no actors: nothing to code
