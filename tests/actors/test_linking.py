"""Linking names to entities, on sentences written in the style of Indonesian news (not from the seeds)."""

from __future__ import annotations

from peristiwa.model import Dateline
from peristiwa.stages.actors import ActorsStage
from peristiwa.stages.actors.kb import KnowledgeBase
from tests.actors.conftest import Link, by_mention, entity_with, make_doc


def test_maximal_mentions_only(link: Link) -> None:
    doc = link("Dewan Keamanan PBB menggelar rapat darurat di sela Sidang Umum PBB.")
    assert by_mention(doc, "Dewan Keamanan PBB") == ("ORG", "UNSC")
    assert by_mention(doc, "Sidang Umum PBB") == ("EVENT", None)
    assert not any(e.name == "PBB" for e in doc.entities)


def test_states_are_gpe_with_their_code_under_the_standard_name(link: Link) -> None:
    doc = link("Korut dan Korsel sepakat membuka kembali jalur komunikasi, kata pejabat AS.")
    assert entity_with(doc, "Korut").name == "Korea Utara"
    assert {(e.name, e.type, e.actor) for e in doc.entities} >= {
        ("Korea Utara", "GPE", "PRK"),
        ("Korea Selatan", "GPE", "KOR"),
        ("Amerika Serikat", "GPE", "USA"),
    }


def test_capital_is_the_state_when_it_acts_and_a_place_when_it_is_one(link: Link) -> None:
    text = "Beijing memprotes kunjungan itu. Delegasi ASEAN tiba di Beijing pada Senin."
    doc = link(text)
    mentions = [(m.start, e.type, e.actor) for e in doc.entities for m in e.mentions if m.text == "Beijing"]
    assert sorted(mentions) == [(0, "GPE", "CHN"), (text.rindex("Beijing"), "LOC", None)]


def test_seat_of_power_is_an_org_of_its_state(link: Link) -> None:
    doc = link("Juru bicara Gedung Putih mengatakan Pentagon akan mengirim kapal ke Selat Taiwan.")
    assert by_mention(doc, "Gedung Putih") == ("ORG", "USA")
    assert by_mention(doc, "Pentagon") == ("ORG", "USA")
    assert by_mention(doc, "Selat Taiwan") == ("LOC", None)


def test_institution_patterns_combine_with_any_state(link: Link) -> None:
    doc = link("Kementerian Luar Negeri Vietnam dan Angkatan Laut Filipina menanggapi insiden itu.")
    assert by_mention(doc, "Kementerian Luar Negeri Vietnam") == ("ORG", "VNM")
    assert by_mention(doc, "Angkatan Laut Filipina") == ("ORG", "PHL")


def test_generic_institution_is_a_mention_of_the_state(link: Link) -> None:
    doc = link("Militer Myanmar menahan puluhan aktivis.")
    assert by_mention(doc, "Myanmar") == ("GPE", "MMR")
    assert not any(e.type == "ORG" for e in doc.entities)


def test_media_have_no_actor_and_armed_groups_have_their_code(link: Link) -> None:
    doc = link("Menurut Al Jazeera, Houthi dan Hizbullah mengklaim serangan itu.")
    assert by_mention(doc, "Al Jazeera") == ("ORG", None)
    assert by_mention(doc, "Houthi") == ("ORG", "HOUTHI")
    assert by_mention(doc, "Hizbullah") == ("ORG", "HEZBOLLAH")


def test_role_phrase_gives_actor_and_role_to_an_unknown_person(link: Link) -> None:
    doc = link("Duta Besar Rusia untuk Indonesia Lyudmila Vorobieva menolak tuduhan itu.")
    person = entity_with(doc, "Lyudmila Vorobieva")
    assert (person.type, person.actor, person.role, person.sector) == ("PER", "RUS", "Ambassador", "DIP")


def test_coordinated_role_inherits_the_state(link: Link) -> None:
    doc = link("Ia bertemu Wakil Menteri Luar Negeri China Sun Weidong dan Wakil Menteri Pertahanan Zhang Bao.")
    assert entity_with(doc, "Zhang Bao").actor == "CHN"
    assert entity_with(doc, "Zhang Bao").role == "Deputy Defense Minister"


def test_apposition_takes_the_state_of_the_earlier_description(link: Link) -> None:
    doc = link(
        "Sebelumnya, penasihat keamanan nasional presiden Korea Selatan mengatakan dialog penting. "
        '"Kami siap," ujar sang penasihat, Kim Tae-hyo.'
    )
    assert (entity_with(doc, "Kim Tae-hyo").actor, entity_with(doc, "Kim Tae-hyo").role) == ("KOR", "Adviser")


def test_short_names_join_the_full_name(link: Link) -> None:
    doc = link("Menlu RI Retno Marsudi bertemu Menlu Australia Penny Wong. Retno dan Wong membahas Myanmar.")
    assert {m.text for m in entity_with(doc, "Retno Marsudi").mentions} == {"Retno Marsudi", "Retno"}
    assert {m.text for m in entity_with(doc, "Penny Wong").mentions} == {"Penny Wong", "Wong"}
    assert {(r.text, r.kind) for r in doc.references} >= {("Retno", "name"), ("Wong", "name")}


def test_kb_role_on_the_published_date_fills_a_bare_name(link_fictional: Link) -> None:
    text = "Ana Wirasari bertemu mitranya di Jakarta."
    assert (entity_with(link_fictional(text, "2021-03-01"), "Ana Wirasari").role) == "Foreign Minister"
    assert (entity_with(link_fictional(text, "2015-03-01"), "Ana Wirasari").role) == "Ambassador"
    assert entity_with(link_fictional(text, "2015-03-01"), "Ana Wirasari").actor == "IDN"


def test_text_role_beats_kb_role(link_fictional: Link) -> None:
    text = "Sekjen NATO Tomas Kalder tiba di Warsawa. Kalder bertemu menteri pertahanan."
    doc = link_fictional(text, "2016-01-01")
    kalder = entity_with(doc, "Kalder")
    assert (kalder.actor, kalder.role, kalder.kb_id) == ("NATO", "Secretary General", "per.tomas_kalder")


def test_ner_spans_are_merged_and_longer_names_win(link: Link) -> None:
    doc = link(
        "Pasukan NATO Battlegroup Estonia berlatih bersama Garuda Wira Institute di Tallinn.",
        ner=[("NATO Battlegroup Estonia", "ORG"), ("Garuda Wira Institute", "ORG"), ("Tallinn", "LOC")],
    )
    assert by_mention(doc, "NATO Battlegroup Estonia") == ("ORG", "NATO")
    assert by_mention(doc, "Garuda Wira Institute") == ("ORG", None)
    assert by_mention(doc, "Tallinn") == ("LOC", None)
    assert not any(e.name in {"NATO", "Estonia"} for e in doc.entities)


def test_ner_person_without_role_is_kept_with_actor_null(link: Link) -> None:
    doc = link("Analis Siti Rahmawati menilai ketegangan akan mereda.", ner=[("Siti Rahmawati", "PER")])
    assert by_mention(doc, "Siti Rahmawati") == ("PER", None)


def test_without_ner_places_after_cues_are_found(link: Link) -> None:
    doc = link("Pertemuan berlangsung di Jenewa, lalu delegasi terbang ke wilayah Gomel.")
    assert by_mention(doc, "Jenewa") == ("LOC", None)
    assert by_mention(doc, "Gomel") == ("LOC", None)


def test_treaty_names_are_not_actors(link: Link) -> None:
    doc = link("Kedua pihak merujuk pada perjanjian Minsk dan Protokol Kyoto.")
    assert doc.entities == []


def test_dateline_outlet_is_a_medium(kb: KnowledgeBase) -> None:
    doc = make_doc("Kabarasia.id - Menlu Malaysia tiba di Bangkok.")
    doc.dateline = Dateline("Kabarasia.id -", None, 0, 14, outlet="Kabarasia.id")
    ActorsStage(kb)(doc)
    assert by_mention(doc, "Kabarasia.id") == ("ORG", None)


def test_entity_mentions_point_at_their_text(link: Link) -> None:
    doc = link("Presiden Prancis Emmanuel Macron dan Kanselir Jerman Olaf Scholz menyerukan gencatan senjata di Gaza.")
    for entity in doc.entities:
        for m in entity.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_a_title_proposed_as_an_organisation_stays_a_role_phrase(link: Link) -> None:
    doc = link("Sekjen NATO Mark Rutte tiba di Kyiv.", ner=[("Sekjen NATO", "ORG"), ("Mark Rutte", "PER")])
    assert by_mention(doc, "NATO") == ("ORG", "NATO")
    assert entity_with(doc, "Mark Rutte").actor == "NATO"


def test_capital_in_an_address_is_a_place_but_not_in_a_list_of_actors(link: Link) -> None:
    doc = link(
        "Menlu RI menerima tamunya di Gedung Pancasila, Jakarta. Tokyo, Seoul dan Beijing mengecam uji coba itu."
    )
    assert by_mention(doc, "Jakarta") == ("LOC", None)
    assert by_mention(doc, "Seoul") == ("GPE", "KOR")


def test_dateline_agency_known_to_the_kb_is_not_doubled(kb: KnowledgeBase) -> None:
    doc = make_doc("Jakarta (ANTARA) - Menlu RI bertemu Menlu Thailand.")
    doc.dateline = Dateline("Jakarta (ANTARA) -", "Jakarta", 0, 18, outlet="ANTARA")
    ActorsStage(kb)(doc)
    assert [e.name for e in doc.entities if e.sector == "MEDIA"] == ["Antara"]
    assert by_mention(doc, "Jakarta") == ("LOC", None)


def test_a_shared_surname_goes_to_the_person_named_in_full(link_fictional: Link) -> None:
    text = "Presiden Estonia Rina Kalder menyambut tamunya. Kalder lalu berpidato."
    doc = link_fictional(text, "2012-01-01")
    assert {m.text for m in entity_with(doc, "Rina Kalder").mentions} == {"Rina Kalder", "Kalder"}
    assert not any(e.kb_id == "per.tomas_kalder" for e in doc.entities)


def test_a_shared_surname_alone_goes_to_the_office_holder_of_the_day(link_fictional: Link) -> None:
    doc = link_fictional("Kalder tiba di Oslo.", "2010-05-01")
    assert entity_with(doc, "Kalder").kb_id == "per.tomas_kalder"


def test_former_title_keeps_the_state_but_not_the_role(link: Link) -> None:
    person = entity_with(link("Mantan Menlu Thailand Kasit Piromya mengkritik junta."), "Kasit Piromya")
    assert (person.actor, person.role) == ("THA", None)


def test_an_abbreviation_the_text_defines_joins_its_organisation(link: Link) -> None:
    doc = link(
        "Korea Utara menembakkan rudal, kata Kepala Staf Gabungan Korea Selatan (JCS). "
        "JCS menyebut rudal itu diluncurkan dari Pyongyang."
    )
    org = entity_with(doc, "Kepala Staf Gabungan Korea Selatan")
    assert org.actor == "KOR"
    assert [m.text for m in org.mentions] == ["Kepala Staf Gabungan Korea Selatan", "JCS"]


def test_a_state_after_a_currency_word_is_not_a_mention(link: Link) -> None:
    doc = link("Amerika Serikat menjual senjata senilai 300 juta dolar AS kepada Taiwan.")
    usa = entity_with(doc, "Amerika Serikat")
    assert [m.text for m in usa.mentions] == ["Amerika Serikat"]


def test_a_surname_with_a_particle_joins_its_person(link: Link) -> None:
    doc = link(
        "Juru bicara Kementerian Luar Negeri Qatar Majed al-Ansari mengatakan hal itu. "
        '"Kami berharap," kata al-Ansari di Doha.'
    )
    assert [m.text for m in entity_with(doc, "Majed al-Ansari").mentions] == ["Majed al-Ansari", "al-Ansari"]
    assert not any(e.name == "Ansari" for e in doc.entities)


def test_one_entity_per_stretch_of_text() -> None:
    from peristiwa.stages.actors.entities import Draft, Registry, mention

    text = "Pangeran Andrew, Duke of York, tiba di York."
    at = text.index("York")
    registry = Registry()
    registry.get("p", Draft("p", "Duke of York", "PER")).add(mention(text, at, at + 4))
    registry.get("l", Draft("l", "York", "LOC")).add(mention(text, at, at + 4))
    registry.get("l", Draft("l", "York", "LOC")).add(mention(text, text.rindex("York"), len(text) - 1))
    entities = registry.entities()
    assert [(e.name, [m.start for m in e.mentions]) for e in entities] == [("York", [at, text.rindex("York")])]


def test_hyphened_korean_given_name_stays_whole(link: Link) -> None:
    doc = link("Wakil Menteri Luar Negeri Korea Selatan Kim Hong-kyun menuntut penarikan pasukan Korea Utara.")
    person = next(e for e in doc.entities if e.type == "PER")
    assert (person.name, person.actor) == ("Kim Hong-kyun", "KOR")


def test_an_institution_written_as_a_description_is_a_mention_of_its_state(link: Link) -> None:
    doc = link(
        "Warga berunjuk rasa di depan kedutaan Ukraina di Moskow. Penjaga pantai China menembakkan meriam air. "
        "Menurut badan intelijen Seoul, pasukan itu tiba pekan lalu."
    )
    assert by_mention(doc, "Ukraina") == ("GPE", "UKR")
    assert not any(e.name.casefold() == "kedutaan ukraina" for e in doc.entities)
    assert by_mention(doc, "Penjaga pantai China") == ("ORG", "CHN")  # a name written in sentence case
    assert by_mention(doc, "badan intelijen Seoul") == ("ORG", "KOR")  # agencies are named in lower case too


def test_a_longer_person_name_around_a_known_surname_is_another_person_or_the_same_named_in_full(link: Link) -> None:
    doc = link(
        "Badruddin Yunus, tokoh masyarakat setempat, mengatakan pengungsi itu sakit. "
        "Trump akan menerima mitranya dari Suriah, Ahmad Al Sharaa.",
        ner=[("Badruddin Yunus", "PER"), ("Ahmad Al Sharaa", "PER")],
    )
    assert entity_with(doc, "Badruddin Yunus").actor is None  # not Muhammad Yunus of Bangladesh
    assert entity_with(doc, "Ahmad Al Sharaa").kb_id == "per.ahmed_al_sharaa"


def test_a_name_the_model_cut_short_runs_on_and_a_title_before_it_is_dropped(link: Link) -> None:
    doc = link(
        "Wakil Menteri luar negeri Kim Hong-kyun bertemu Emir Sheikh Tamim bin Hamad Al Thani.",
        ner=[("Kim Hong", "PER"), ("Emir Sheikh Tamim bin Hamad Al Thani", "PER")],
    )
    names = {e.name for e in doc.entities if e.type == "PER"}
    assert "Kim Hong-kyun" in names and not any(n.startswith("Emir") for n in names)


def test_the_model_s_names_are_cut_at_line_breaks_and_headlines_and_joined_over_hyphens(link: Link) -> None:
    text = (
        "Konvoi itu berusaha mencapai kota el-Fasher, kata pejabat Rusia-Ukraina.\n\n"
        "Serangan Diluncurkan dari Dua Titik Strategis\n\nIran menembakkan rudal ke Israel."
    )
    doc = link(text, ner=[("Fasher", "LOC"), ("Dua Titik", "LOC"), ("Rusia-Ukraina.\n\nSerangan", "LOC")])
    names = {e.name for e in doc.entities}
    assert "el-Fasher" in names and "Dua Titik" not in names and "Rusia-Ukraina" not in names
    assert not any("\n" in m.text for e in doc.entities for m in e.mentions)
