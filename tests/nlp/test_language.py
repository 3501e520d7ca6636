"""Language identification tells Indonesian from Malay and English, and stops non-Indonesian input."""

from __future__ import annotations

import pytest

from peristiwa.model import Document, Source
from peristiwa.pipeline import Pipeline
from peristiwa.settings import DATA_DIR
from peristiwa.stages.nlp.language import identify_language

INDONESIAN = (
    "Menteri Luar Negeri Retno Marsudi mengatakan Indonesia akan terus mendorong ASEAN agar "
    "menyelesaikan krisis di Myanmar melalui dialog, kata dia kepada wartawan di Jakarta, Senin."
)
MALAY = (
    "Perdana Menteri Anwar Ibrahim berkata kerajaan akan memastikan rakyat tidak terjejas oleh kenaikan "
    "harga barangan keperluan, katanya dalam kenyataan semalam. Beliau menegaskan bahawa kerajaan komited."
)
ENGLISH = (
    "The foreign ministers of ASEAN met in Jakarta on Monday to discuss the crisis in Myanmar, "
    "officials said, as pressure mounted on the military government to end the violence."
)


@pytest.mark.parametrize(("text", "code"), [(INDONESIAN, "id"), (MALAY, "ms"), (ENGLISH, "en")])
def test_identifies_language(text: str, code: str) -> None:
    assert identify_language(text, DATA_DIR)[0] == code


def test_no_letters_is_unknown() -> None:
    assert identify_language("12345 --- !!!", DATA_DIR) == (None, 0.0)


def test_english_article_is_reported_not_analysed(pipeline: Pipeline) -> None:
    doc = pipeline.run(Document(id="x", raw=ENGLISH, source=Source(path="en.txt")))
    assert doc.language == "en"
    assert doc.sentences == [] and doc.entities == []
    assert any("not id" in p.message for p in doc.problems)


def test_marker_examples_decide_between_malay_and_indonesian() -> None:
    from peristiwa.patterns import load_yaml
    from peristiwa.settings import DATA_DIR

    for example in load_yaml(DATA_DIR / "nlp" / "malay_indonesian.yaml")["examples"]:
        assert identify_language(example["text"], DATA_DIR)[0] == example["language"], example["text"]


def test_short_indonesian_sentences_are_not_called_malay() -> None:
    """UD Indonesian PUD sentences (news and wiki, Indonesian by construction): none may be called Malay."""
    from pathlib import Path

    pud = Path(__file__).resolve().parents[3] / "shared" / "data" / "ud_indonesian_pud" / "id_pud-ud-test.conllu"
    if not pud.exists():
        pytest.skip("shared/data is not beside the checkout")
    sentences = [line[9:] for line in pud.read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")]
    malay = [s for s in sentences if identify_language(s, DATA_DIR)[0] == "ms"]
    assert len(malay) <= len(sentences) // 50, malay[:5]


def test_a_chinese_name_is_not_a_malay_word() -> None:
    text = (
        "Menteri Luar Negeri China Wang Yi bertemu Menteri Luar Negeri AS di Beijing. Wang mengatakan kedua "
        "negara harus mengelola perbedaan mereka dengan hati-hati dan menghindari salah perhitungan."
    )
    assert identify_language(text, DATA_DIR)[0] == "id"
