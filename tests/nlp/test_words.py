"""The one token layer as later stages read it: words by offsets, hyphen-joined; the shape of a verb-like word."""

from __future__ import annotations

import pytest

from peristiwa.knowledge import load_yaml
from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR
from peristiwa.stages.ingest import RawArticle
from peristiwa.stages.nlp.morphology import is_verb_like
from peristiwa.stages.nlp.words import Words, tokenize

TEXT = "Pasukan pro-Rusia di Timor-Leste, kata negara-negara (14/3) itu."


def test_words_join_hyphened_parts_and_drop_punctuation() -> None:
    words = Words(tokenize(TEXT))
    assert [w.text for w in words.tokens] == [
        "Pasukan", "pro-Rusia", "di", "Timor-Leste", "kata", "negara-negara", "14", "3", "itu",
    ]  # fmt: skip
    joined = words.tokens[1]
    assert TEXT[joined.start : joined.end] == "pro-Rusia"


def test_words_between_offsets_are_whole_words_only() -> None:
    words = Words(tokenize(TEXT))
    assert words.texts(TEXT.index("di"), TEXT.index(",")) == ["di", "Timor-Leste"]
    assert words.folded(TEXT.index("Rusia"), TEXT.index("kata") + 2) == ["di", "Timor-Leste".casefold()]
    assert words.between(-40, 0) == []


def test_a_stage_run_alone_gets_the_tokens_the_nlp_stage_makes() -> None:
    text = "Menlu Retno Marsudi bertemu Menlu Rusia Sergey Lavrov di Moskow, Selasa (14/3). " * 3
    doc = Pipeline().process(RawArticle(text, Source(path="x.txt")))
    assert doc.tokens and [(t.start, t.end) for t in doc.tokens] == [(t.start, t.end) for t in tokenize(doc.text)]


@pytest.mark.parametrize("key", ["verb_like", "not_verb_like"])
def test_verb_shape_examples(key: str) -> None:
    examples = load_yaml(DATA_DIR / "nlp" / "morphology.yaml")["examples"][key]
    assert [w for w in examples if is_verb_like(w, DATA_DIR) != (key == "verb_like")] == []
