"""Sentence splitting: the data file's examples, and invariants on the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peristiwa.model import Document
from peristiwa.patterns import load_yaml
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR
from peristiwa.stages.nlp.sentences import split_sentences

ABBREVIATIONS = DATA_DIR / "nlp" / "abbreviations.yaml"
DATA = load_yaml(ABBREVIATIONS)


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, ABBREVIATIONS)]


@pytest.mark.parametrize("text", DATA["examples"])
def test_abbreviation_does_not_end_a_sentence(text: str) -> None:
    assert _texts(text) == [text]


@pytest.mark.parametrize("case", DATA["split_examples"], ids=lambda c: c["text"][:30])
def test_split_examples(case: dict[str, object]) -> None:
    assert _texts(str(case["text"])) == case["sentences"]


def test_paragraphs_are_sentence_boundaries() -> None:
    assert _texts("Rusia menolak\n\nAS mendesak") == ["Rusia menolak", "AS mendesak"]


def test_seed_sentences_cover_the_quotes(seed_docs: dict[str, Document]) -> None:
    doc = next(d for name, d in seed_docs.items() if name.startswith("004"))
    texts = [doc.text[s.start : s.end] for s in doc.sentences]
    assert "Sang menlu yakin bahwa di bawah kepemimpinan Donald Trump, kontak Rusia-AS akan tetap intens." in texts
    assert any(t.startswith("Diplomat-diplomat Rusia dan AS") and t.endswith("Selasa (7/2).") for t in texts)


@given(st.text(alphabet=st.sampled_from(list('ab. AS?!“”"\n(2/3)Jl')), max_size=300))
def test_sentences_are_ordered_trimmed_spans(text: str) -> None:
    spans = split_sentences(text, ABBREVIATIONS)
    for left, right in zip(spans, spans[1:], strict=False):
        assert left.end <= right.start
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip() and "\n" not in piece


def test_named_entities_never_cross_a_line_break(pipeline: Pipeline) -> None:
    from peristiwa.model import Source

    text = (
        "Presiden Prabowo Subianto menerima tamunya di Istana Merdeka\n\nPenulis lain menyebut pertemuan itu "
        "penting bagi hubungan Indonesia dan Australia, kata para pengamat di Jakarta pada Kamis."
    )
    doc = pipeline.run(Document(id="x", raw=text, source=Source(path="x.txt")))
    assert doc.ner and all("\n" not in span.text and span.text == doc.text[span.start : span.end] for span in doc.ner)


@pytest.mark.parametrize(
    ("joined", "kept"),
    [
        ("DOHA -- Pemerintah Qatar", "Pemerintah Qatar"),  # a dateline glued to the subject it introduces
        ("Istana Merdeka\n\nPenulis", "Istana Merdeka"),
        ("Kim Jong-un", "Kim Jong-un"),  # a hyphen inside a name is not a break
        ("Yerusalem — Tel Aviv", "Yerusalem"),
    ],
)
def test_a_name_span_keeps_its_longest_piece_between_breaks(joined: str, kept: str) -> None:
    from peristiwa.stages.nlp import _one_name

    span = _one_name(100, joined, "ORG")
    assert span is not None and span.text == kept and joined[span.start - 100 : span.end - 100] == kept


def test_a_long_run_without_spaces_keeps_offsets_and_the_names_around_it(pipeline: Pipeline) -> None:
    from peristiwa.model import Source

    text = "Menteri Luar Negeri Retno Marsudi tiba di Jakarta. " + "“" * 5000 + " Rusia menyerang Ukraina pada Senin."
    doc = pipeline.run(Document(id="x", raw=text, source=Source(path="x.txt")))
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
    assert {"Retno Marsudi", "Jakarta"} <= {span.text for span in doc.ner}
