"""What the dependency parse adds to the coder: arguments where word order finds none
(`stages/events/dependents.py`), and bare verb stems as triggers where the parser tags them verbs.

Each case is coded twice: word order alone misses the participants, the parse supplies them. The parse is a
fallback, so a sentence word order already reads is coded the same either way.
"""

from __future__ import annotations

import pytest

from tests.events.kit import code_text, coding

ADDED_BY_THE_PARSE = [
    # an event noun told in a relative clause takes the agent of the clause (word order reads it only after the
    # verbs of carrying out in grammar.yaml relative_agent_verbs, "yang dilakukan oleh …")
    (
        "Korea Utara mengecam latihan militer gabungan yang diselenggarakan oleh Amerika Serikat dan Korea Selatan.",
        {"PRK ACCUSE USA", "PRK ACCUSE KOR"},
    ),
    # actors listed after "seperti" are the ones the subject phrase names
    (
        "Beberapa negara seperti Malaysia dan Turki telah memberikan dukungan kepada Afrika Selatan.",
        {"MYS SUPPORT ZAF", "TUR SUPPORT ZAF"},
    ),
    # coordinated events share a recipient the first of them lacks
    (
        "Mesir telah meningkatkan kontak dan pertemuan dengan Israel dan Hamas.",
        {"EGY CONSULT ISR", "EGY CONSULT HAMAS"},
    ),
    ("Polisi Malaysia melakukan penangkapan dan penahanan terhadap nelayan Vietnam.", {"MYS COERCE VNM"}),
    # bare stems of active verbs, news and headline style
    ("Filipina tolak klaim China atas Laut China Selatan.", {"PHL REJECT CHN"}),
    ("Amerika Serikat kirim kapal perang ke Filipina.", {"USA MOBILIZE -"}),
]


@pytest.mark.parametrize(("text", "expected"), ADDED_BY_THE_PARSE)
def test_the_parse_supplies_what_word_order_misses(text: str, expected: set[str]) -> None:
    assert not expected & set(coding(code_text(text, parse=False)))
    assert expected <= set(coding(code_text(text)))


READ_THE_SAME = [
    "Presiden Rusia Vladimir Putin tiba di Beijing pada Selasa dan bertemu dengan Presiden China Xi Jinping.",
    "Menteri Luar Negeri AS Antony Blinken menelepon Presiden Niger Mohamed Bazoum dan menyatakan dukungan penuh "
    "kepadanya.",
    "Milisi dukungan Iran menyerang pangkalan militer di Irak.",  # a backer is not the subject
    "Swiss membekukan aset milik bank sentral Rusia.",  # nor is an owner the object
    # a clause after "bahwa" does not share the subject of the verb before it
    "Indonesia menambahkan bahwa mendukung Israel bukanlah pilihan.",
    # a conjunct with an object of its own does not take the other's
    "Beijing menolak kritik Amerika Serikat dan menyebut isu Taiwan sebagai urusan dalam negeri China.",
]


@pytest.mark.parametrize("text", READ_THE_SAME)
def test_word_order_readings_are_kept(text: str) -> None:
    assert coding(code_text(text)) == coding(code_text(text, parse=False))


def test_members_of_a_listed_class_do_not_act_on_each_other() -> None:
    """A symmetric event with several subjects and no recipient pairs the first with the rest ("Rusia dan AS
    melanjutkan pembicaraan"), but states listed after "seperti" act side by side."""
    listed = coding(code_text("Negara-negara seperti Malaysia dan Turki telah menyatakan komitmen untuk bekerja sama."))
    assert not any(code.startswith("MYS") and code.endswith("TUR") for code in listed)
    paired = coding(code_text("Malaysia dan Turki telah menyatakan komitmen untuk bekerja sama."))
    assert any(code.startswith("MYS") and code.endswith("TUR") for code in paired)
