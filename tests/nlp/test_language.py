"""Language identification tells Indonesian from Malay and English, and stops non-Indonesian input."""

from __future__ import annotations

import pytest

from peristiwa.model import Document, Source
from peristiwa.pipeline import Pipeline
from peristiwa.stages.nlp.language import identify_language

INDONESIAN = ("Menteri Luar Negeri Retno Marsudi mengatakan Indonesia akan terus mendorong ASEAN agar "
              "menyelesaikan krisis di Myanmar melalui dialog, kata dia kepada wartawan di Jakarta, Senin.")
MALAY = ("Perdana Menteri Anwar Ibrahim berkata kerajaan akan memastikan rakyat tidak terjejas oleh kenaikan "
         "harga barangan keperluan, katanya dalam kenyataan semalam. Beliau menegaskan bahawa kerajaan komited.")
ENGLISH = ("The foreign ministers of ASEAN met in Jakarta on Monday to discuss the crisis in Myanmar, "
           "officials said, as pressure mounted on the military government to end the violence.")


@pytest.mark.parametrize(("text", "code"), [(INDONESIAN, "id"), (MALAY, "ms"), (ENGLISH, "en")])
def test_identifies_language(text: str, code: str) -> None:
    assert identify_language(text)[0] == code


def test_no_letters_is_unknown() -> None:
    assert identify_language("12345 --- !!!") == (None, 0.0)


def test_english_article_is_reported_not_analysed(pipeline: Pipeline) -> None:
    doc = pipeline.run(Document(id="x", raw=ENGLISH, source=Source(path="en.txt")))
    assert doc.language == "en"
    assert doc.sentences == [] and doc.entities == []
    assert any("not id" in p.message for p in doc.problems)
