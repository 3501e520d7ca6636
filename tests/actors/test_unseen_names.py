"""Mechanisms for names in news the knowledge base has never seen (issue 15 item 6): common words the model
proposes as names, and the state of an office the text writes without one. Sentences from corpus/dev."""

from __future__ import annotations

from tests.actors.conftest import Link, by_mention


def test_a_word_the_article_also_writes_in_lower_case_is_not_a_name(link: Link) -> None:
    text = (
        "Beijing mengatakan latihan tersebut akan melibatkan kapal angkatan laut di dekat Taiwan. "
        "“(Latihan) dalam jarak dekat dari berbagai arah,” kata Li Xi."
    )
    doc = link(text, ner=[("Latihan", "PER"), ("Li Xi", "PER")])
    assert "Latihan" not in {e.name for e in doc.entities}
    assert by_mention(doc, "Li Xi")[0] == "PER"


def test_two_capitalised_common_words_written_in_lower_case_elsewhere(link: Link) -> None:
    text = (
        "TNI kembali memberangkatkan Bantuan Kemanusiaan ke Myanmar. Pesawat membawa bantuan kemanusiaan "
        "berupa makanan dan obat-obatan."
    )
    doc = link(text, ner=[("Bantuan Kemanusiaan", "PER")])
    assert "Bantuan Kemanusiaan" not in {e.name for e in doc.entities}


def test_a_name_is_kept_when_only_a_web_address_writes_it_in_lower_case(link: Link) -> None:
    text = "Dilansir dari laman gandaria.id, Ruslan Gandaria mengatakan perundingan akan dilanjutkan."
    doc = link(text, ner=[("Ruslan Gandaria", "PER")])
    assert by_mention(doc, "Ruslan Gandaria")[0] == "PER"


def test_a_stateless_office_serves_the_state_named_before_it_in_the_sentence(link: Link) -> None:
    text = (
        "Sementara itu di pihak Armenia Perdana Menteri Nikol Pashinyan mengatakan Karabakh ditembaki secara intensif."
    )
    assert by_mention(link(text, ner=[("Nikol Pashinyan", "PER")]), "Nikol Pashinyan") == ("PER", "ARM")


def test_states_inside_a_quotation_do_not_name_the_office_after_it(link: Link) -> None:
    text = (
        '"Kami mendesak penarikan segera pasukan Korea Utara", wakil menteri luar negeri Kim Hong-kyun '
        "mengatakan hal itu kepada duta besar Rusia."
    )
    assert by_mention(link(text, ner=[("Kim Hong-kyun", "PER")]), "Kim Hong-kyun") == ("PER", None)


def test_a_state_in_an_earlier_sentence_does_not_count(link: Link) -> None:
    text = "Pasukan Rusia menembaki kota itu. Menteri Pertahanan Oleg Darmanov mengecam serangan tersebut."
    assert by_mention(link(text, ner=[("Oleg Darmanov", "PER")]), "Oleg Darmanov") == ("PER", None)


def test_a_state_institution_written_as_a_name_without_its_state_is_an_organisation(link: Link) -> None:
    text = "Pesawat itu juga membawa bantuan dari Mabes TNI, BNPB, dan Kementerian Pertahanan."
    assert by_mention(link(text, ner=[("Kementerian Pertahanan", "ORG")]), "Kementerian Pertahanan") == ("ORG", None)


def test_the_institution_followed_by_its_state_stays_the_known_institution(link: Link) -> None:
    text = "Israel menargetkan markas besar Kementerian Pertahanan Iran di Teheran."
    doc = link(text, ner=[("markas besar Kementerian Pertahanan", "LOC")])
    assert by_mention(doc, "Kementerian Pertahanan Iran") == ("ORG", "IRN")
