"""Participants past the plain subject-verb-object order (issue 15 item 3), on sentences written for the tests:
the owner of an act named in a passive relative clause, and the speaker behind a subjectless act told in a
direct quotation."""

from __future__ import annotations

import pytest

from tests.events.kit import code_text, coding


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A subjectless verb in the speaker's own quotation: the speaker acts.
        ('"Terus mendukung rakyat Palestina," kata Retno Marsudi.', ["IDN SUPPORT PSE"]),
        ('"Hari ini kami menyerukan Israel menghentikan serangan," ujar Retno Marsudi.', ["IDN REQUEST ISR"]),
        ('"Tetap mendukung Ukraina sampai perang usai," kata Penny Wong.', ["AUS SUPPORT UKR"]),
        # A light verb and its event noun, no subject in the quotation.
        ('"Ini adalah sanksi terbesar, memberikan sanksi kepada Rusia," kata Penny Wong.', ["AUS SANCTION RUS"]),
        # A subject of its own in the quotation wins over the speaker.
        ('"China mendukung Rusia sepenuhnya," kata Penny Wong.', ["CHN SUPPORT RUS"]),
        # A common noun as the parse's subject is no actor, and the act is not the speaker's …
        ('"Perluasan aliansi itu menjadi ancaman bagi Rusia," kata Sergey Lavrov.', []),
        # … but a named body the coder does not know is taken for the speaker's own.
        ('"Sejak hari ini Departemen Keuangan memberikan sanksi kepada Rusia," kata Penny Wong.', ["AUS SANCTION RUS"]),
        # A bare event noun in a quotation is not the speaker's act: anyone may have attacked.
        ('"Dunia menyesalkan serangan terhadap Ukraina," kata Penny Wong.', []),
        # Outside a quotation a subjectless verb has no source.
        ("Mendukung rakyat Palestina adalah kewajiban, kata Retno Marsudi.", []),
    ],
)
def test_speaker_behind_a_subjectless_quoted_act(text: str, expected: list[str]) -> None:
    assert coding(code_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Indonesia memuji upaya yang dipimpin Qatar dan Mesir untuk mengakhiri perang.",
            ["IDN SUPPORT EGY", "IDN SUPPORT QAT"],
        ),
        ("Malaysia mengecam tindakan yang telah dilakukan oleh Israel di Tepi Barat.", ["MYS ACCUSE ISR"]),
        # Not a verb of carrying out: the volunteers trained by Turkey are not Turkey's act.
        ("Indonesia memuji para relawan yang dilatih oleh Turki.", []),
        # An actor in the object slot comes first: the relative clause is not read.
        ("Iran mengecam Israel yang dilakukan oleh Amerika Serikat.", ["IRN ACCUSE ISR"]),
    ],
)
def test_owner_of_an_act_in_a_passive_relative_clause(text: str, expected: list[str]) -> None:
    assert coding(code_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a clause opener that reads as a preposition, the actor right before the verb is its subject.
        ("Hubungan kedua negara membeku sejak Iran memutuskan hubungan dengan Mesir.", ["IRN SANCTION EGY"]),
        ("Wang Yi bertemu Sergey Lavrov di Beijing, di mana kedua pihak setuju untuk bekerja sama.", None),
        # An opener not right before the verb with its actor: the clause's own subject acts.
        ("Sejak Iran menutup kedutaannya, Mesir memutuskan hubungan dengan Iran.", ["EGY SANCTION IRN"]),
    ],
)
def test_subject_after_a_clause_opener(text: str, expected: list[str] | None) -> None:
    found = coding(code_text(text))
    if expected is None:  # the meeting and the agreement, both ways round
        assert "CHN AGREE RUS" in found or "RUS AGREE CHN" in found
    else:
        assert found == expected
