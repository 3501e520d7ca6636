"""The one token layer as later stages read it: words by offsets, hyphen-joined; the shape of a verb-like word."""

from __future__ import annotations

import re

import pytest

from peristiwa.knowledge import load_yaml
from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR
from peristiwa.stages.ingest import RawArticle
from peristiwa.stages.nlp.morphology import is_verb_like
from peristiwa.stages.nlp.words import Runs, Words, tokenize

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


def _runs_by_white_space(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """What the quotes and time stages read before they read the token layer: `\\S+` in text[lo:hi]."""
    return [m.span() for m in re.finditer(r"\S+", text[max(lo, 0) : max(hi, 0)])] if lo >= 0 else []


RUN_TEXTS = [
    TEXT,
    "“Kami siap,” kata Lavrov—yang (AS), REPUBLIKA.CO.ID, JAKARTA -- 50% ... 4//4\xa0Jakarta/Beijing\n\n  x",
    "a" * 250 + " " + "“" * 301 + "\tb",  # runs the tokenizer is given cut (`breakable`) are whole here
]


@pytest.mark.parametrize("text", RUN_TEXTS)
def test_runs_are_the_text_between_white_space_in_any_window(text: str) -> None:
    runs = Runs(text, tokenize(text))
    assert runs.spans == _runs_by_white_space(text, 0, len(text))
    for lo in range(0, len(text), 7):
        for hi in (lo, lo + 1, lo + 13, lo + 40, len(text) + 5):
            expected = [(lo + a, lo + b) for a, b in _runs_by_white_space(text, lo, hi)]
            assert list(runs.within(lo, hi)) == expected, (lo, hi)


@pytest.mark.parametrize("key", ["verb_like", "not_verb_like"])
def test_verb_shape_examples(key: str) -> None:
    examples = load_yaml(DATA_DIR / "nlp" / "morphology.yaml")["examples"][key]
    assert [w for w in examples if is_verb_like(w, DATA_DIR) != (key == "verb_like")] == []
