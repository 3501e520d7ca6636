"""The committed Indonesian NER artefact: it loads offline, has our labels, and still scores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from peristiwa.settings import MODELS_DIR

MODEL_DIR = MODELS_DIR / "ner_id"
SHARED_DATA = Path(os.environ.get("PERISTIWA_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))
NERGRIT_TEST = SHARED_DATA / "indonlu_ner" / "nergrit" / "test.txt"
# Measured 0.6555 on these gold tokens when run G was exported (2026-12-08); run F, without our news in the
# mix, had 0.6646 (training/ner/README.md: the news costs 0.9 on NERGrit and adds 6 on held-out news).
NERGRIT_F1_FLOOR = 0.65
NERGRIT_LABELS = {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(MODEL_DIR)


def read_nergrit(path: Path) -> list[tuple[list[str], list[str]]]:
    """(words, BIO tags in our labels) per sentence of a ``token<TAB>tag`` file."""
    sentences: list[tuple[list[str], list[str]]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.rsplit("\t", 1) for line in block.splitlines() if line.strip()]
        if rows:
            sentences.append(([word for word, _ in rows], [to_our_tag(tag) for _, tag in rows]))
    return sentences


def to_our_tag(tag: str) -> str:
    if tag == "O":
        return tag
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{NERGRIT_LABELS[label]}"


def test_pipeline_is_ner_only_with_our_labels(nlp: Language) -> None:
    assert nlp.lang == "id"
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}


def test_scores_file_records_each_test_split() -> None:
    scores = json.loads((MODEL_DIR / "scores.json").read_text(encoding="utf-8"))["test_scores"]
    assert {"nergrit", "nerugm", "nerui"} <= set(scores)


def test_f1_on_nergrit_test_stays_above_floor(nlp: Language) -> None:
    if not NERGRIT_TEST.exists():
        pytest.skip(f"NERGrit test split not found at {NERGRIT_TEST} (shared/data absent)")
    examples = []
    for words, tags in read_nergrit(NERGRIT_TEST):
        gold = Doc(nlp.vocab, words=words, ents=tags)
        examples.append(Example(nlp(Doc(nlp.vocab, words=words)), gold))
    f1 = Scorer.score_spans(examples, "ents")["ents_f"]
    assert f1 >= NERGRIT_F1_FLOOR


# Sentences written for this test in the style of Indonesian wire copy (not taken from any corpus).
NEWS = [
    (
        "Presiden Joko Widodo bertemu Perdana Menteri Jepang Fumio Kishida di Tokyo pada Selasa (12/3).",
        {("Joko Widodo", "PER"), ("Fumio Kishida", "PER"), ("Tokyo", "LOC")},
    ),
    (
        "Menteri Luar Negeri Retno Marsudi mengatakan Indonesia akan terus mendorong ASEAN membantu Myanmar.",
        {("Retno Marsudi", "PER"), ("Myanmar", "LOC")},
    ),
    (
        "Sekretaris Jenderal PBB Antonio Guterres mendesak kedua pihak menghentikan pertempuran di Gaza.",
        {("PBB", "ORG"), ("Antonio Guterres", "PER"), ("Gaza", "LOC")},
    ),
    (
        "Kantor berita Yonhap melaporkan Korea Utara kembali menembakkan rudal balistik dari Pyongyang.",
        {("Yonhap", "ORG"), ("Korea Utara", "LOC"), ("Pyongyang", "LOC")},
    ),
    (
        "Juru bicara Kementerian Luar Negeri China, Wang Wenbin, menyampaikan keberatan Beijing kepada Washington.",
        {("Wang Wenbin", "PER"), ("Beijing", "LOC"), ("Washington", "LOC")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEWS)
def test_obvious_entities_in_news_sentences(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    found = {(ent.text, ent.label_) for ent in nlp(text).ents}
    assert expected <= found, f"missing {expected - found}; found {found}"


# Sentences of our own news (corpus/dev) whose names run F, trained on the public sets alone, missed
# (Sanae Takaichi, Olivier Hamuli, Louise Mushikiwabo, IDXChannel, M23) and run G finds: the news is in the mix.
OUR_NEWS = [
    (
        "IDXChannel - China melarang warganya untuk menghindari perjalanan ke Jepang, di tengah memanasnya "
        "pertikaian diplomatik terkait ancaman Perdana Menteri baru Jepang Sanae Takaichi yang berpotensi "
        "mengerahkan pasukannya jika China menyerang Taiwan.",
        {("IDXChannel", "ORG"), ("Sanae Takaichi", "PER"), ("Jepang", "LOC"), ("Taiwan", "LOC")},
    ),
    (
        "Juru bicara militer Kongo Kolonel Olivier Hamuli hari Rabu mengatakan serangan militer menarget gudang "
        "senjata dan amunisi kelompok pemberontak itu.",
        {("Olivier Hamuli", "PER"), ("Kongo", "LOC")},
    ),
    (
        "PBB bulan Juni lalu mengatakan sebuah laporan tim pakar internasional menemukan bukti bahwa para pejabat "
        "militer Rwanda selama ini telah membantu M23. Menteri Luar Negeri Rwanda Louise Mushikiwabo membantahnya.",
        {("M23", "ORG"), ("Louise Mushikiwabo", "PER"), ("Rwanda", "LOC"), ("PBB", "ORG")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), OUR_NEWS)
def test_names_of_our_news_the_public_sets_missed(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    found = {(ent.text, ent.label_) for ent in nlp(text).ents}
    assert expected <= found, f"missing {expected - found}; found {found}"


def test_saved_tokenizer_is_the_one_the_config_builds() -> None:
    """The nlp stage skips reading the tokenizer from disk; that is only right while the two are the same."""
    import spacy

    from peristiwa.settings import Settings

    saved = spacy.load(Settings().ner_model)
    built = spacy.load(Settings().ner_model, exclude=["tokenizer"])
    assert saved.tokenizer.to_bytes(exclude=["vocab"]) == built.tokenizer.to_bytes(exclude=["vocab"])
