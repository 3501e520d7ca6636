"""The committed sentence classifier over PLOVER types (`models/events_clf`): it loads offline from the repository,
sentences written here get the type an analyst gives them, and `Settings.event_classifier` switches it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from peristiwa.model import Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import MODELS_DIR, Settings
from peristiwa.stages.events.classifier import (
    ACTOR,
    RULE_PREFIX,
    EventClassifier,
    load_classifier,
    masked_words,
)
from peristiwa.stages.events.participants import Arg
from peristiwa.stages.events.text import Tok
from peristiwa.stages.ingest import RawArticle

MODEL_DIR = MODELS_DIR / "events_clf"
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
# Written for this test (not from the corpus); "X" stands for a participant, as the coder masks it.
SENTENCES = [
    ("X mengecam keras serangan X .", "ACCUSE"),
    ("X menuduh X melanggar hukum internasional .", "ACCUSE"),
    ("X melancarkan serangan udara ke wilayah X .", "ASSAULT"),
    ("X mendesak X segera menarik pasukannya .", "REQUEST"),
    ("X membantah tuduhan itu .", "REJECT"),
    ("X bertemu dengan X di jakarta .", "CONSULT"),
    ("X menjatuhkan sanksi baru terhadap X .", "SANCTION"),
]
# The rules have no trigger here ("menganggap … sebagai tindakan permusuhan" is no lexicon entry); the model
# reads it as an accusation.
UNCODED = "Jakarta - Rusia menganggap langkah Finlandia itu sebagai tindakan permusuhan.\n"


@pytest.fixture(scope="module")
def model() -> EventClassifier:
    return load_classifier(MODEL_DIR)


def test_the_model_loads_from_the_repository_and_is_small(model: EventClassifier) -> None:
    assert set(model.nlp.get_pipe("textcat_multilabel").labels) == PLOVER
    assert model.thresholds.propose > 0.0
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 50_000_000


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_written_sentences_get_their_type(model: EventClassifier, sentence: str, expected: str) -> None:
    words = [ACTOR if w == "X" else w for w in sentence.split()]
    cats = model.nlp(Doc(model.nlp.vocab, words=words)).cats
    assert max(cats, key=lambda t: cats[t]) == expected


def test_participants_are_masked() -> None:
    toks = [Tok(0, 0, text, text.lower()) for text in "Menlu Rusia Sergey Lavrov mengecam NATO .".split()]
    args = [Arg(0, 4, ("RUS",), ("e1",), "name"), Arg(5, 6, ("NATO",), ("e2",), "name")]
    assert masked_words(toks, 0, len(toks), args) == [ACTOR, "mengecam", ACTOR, "."]


def test_the_setting_switches_the_model() -> None:
    assert Settings().event_classifier is None  # off by default: cross-validation found no gain (README)

    def events(settings: Settings) -> list[tuple[str | None, str, str | None, str | None]]:
        doc = Pipeline(settings).process(RawArticle(UNCODED, Source(path="uncoded.txt")))
        return [(e.source, e.type, e.target, e.rule) for e in doc.events]

    assert events(Settings()) == []
    assert events(Settings(event_classifier=MODEL_DIR)) == [("RUS", "ACCUSE", "FIN", RULE_PREFIX + "ACCUSE")]


def test_a_missing_model_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="train_clf.py export"):
        load_classifier(tmp_path)
