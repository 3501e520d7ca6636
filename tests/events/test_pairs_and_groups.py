"""Participants that stand for more than one name or point back to one: a hyphenated pair of states, the sides
of a demand named after "antara", "kedua belah pihak" after such a pair, and organs of a state or "pihaknya"
pointing back (coreference in the actors stage, coded here end to end)."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.pipeline import Pipeline
from peristiwa.settings import Settings
from peristiwa.stages.ingest import read_inputs

CASES = [
    # a hyphenated pair is both states, even where the first is also a name of its own
    ("India-Pakistan saling tuduh melanggar gencatan senjata di Kashmir.", {"IND ACCUSE PAK", "PAK ACCUSE IND"}),
    # the sides of a demanded ceasefire are the recipients of the demand
    (
        "Sekjen PBB Antonio Guterres menyerukan gencatan senjata antara Armenia dan Azerbaijan.",
        {"UN REQUEST ARM", "UN REQUEST AZE"},
    ),
    # "kedua belah pihak" after a pair: the pair, not the speaker who names it
    (
        "Menjelang perundingan delegasi Israel-Hamas, Qatar menyerukan gencatan senjata antara kedua belah pihak.",
        {"QAT REQUEST ISR", "QAT REQUEST HAMAS"},
    ),
    # a bare ministry opening a sentence is the ministry named before, not the state named last
    (
        "Kementerian Luar Negeri Jepang memanggil duta besar China. Beijing disebut melanggar perairan Jepang. "
        "Kementerian juga mengecam Korea Utara.",
        {"JPN ACCUSE PRK"},
    ),
    # "pihaknya" is the subject that reports it
    (
        "Presiden Prabowo Subianto mengatakan pihaknya akan mengirim bantuan kemanusiaan ke Myanmar.",
        {"IDN AGREE MMR"},  # an offer of aid, not yet given
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_pairs_and_pointing_words_act(pipeline: Pipeline, tmp_path: Path, text: str, expected: set[str]) -> None:
    article = tmp_path / "article.txt"
    article.write_text(f"Judul\n\n{text}\n", encoding="utf-8")
    doc = pipeline.process(next(read_inputs([str(article)], Settings().max_bytes)))  # type: ignore[arg-type]
    assert expected <= {f"{e.source} {e.type} {e.target or '-'}" for e in doc.events}
