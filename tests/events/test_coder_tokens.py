"""The coder's tokens are made from the one token layer: compounds written without spaces stay one token,
punctuation marks are one token each, offsets are the layer's."""

from __future__ import annotations

from peristiwa.model import Document, Source
from peristiwa.stages.events.text import coder_tokens, tokens_of
from peristiwa.stages.nlp.words import tokenize

TEXT = "Perang Rusia-Ukraina ke-11 (F-16) era 20-an... USD10 al-Qur'an, there’s “kami”"


def test_compounds_are_one_token_unless_they_open_with_a_number() -> None:
    toks = coder_tokens(tokenize(TEXT))
    assert [t.text for t in toks] == [
        "Perang", "Rusia-Ukraina", "ke-11", "(", "F-16", ")", "era", "20", "-", "an", ".", ".", ".", "USD10",
        "al-Qur'an", ",", "there’s", "“", "kami", "”",
    ]  # fmt: skip
    assert all(TEXT[t.start : t.end] == t.text and t.low == t.text.lower() for t in toks)


def test_a_document_without_the_nlp_stage_is_tokenised_by_its_tokenizer() -> None:
    doc = Document(id="x", raw=TEXT, source=Source(path="x.txt"), text=TEXT)
    assert tokens_of(doc) == coder_tokens(tokenize(TEXT))
