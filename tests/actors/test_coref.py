"""Coreference inside an article: pronouns, -nya on speech verbs, role nouns, plural role nouns."""

from __future__ import annotations

from peristiwa.model import Document
from tests.actors.conftest import Link


def refs(doc: Document) -> list[tuple[str, str]]:
    return [(r.text, doc.entity(r.entity_id).name) for r in doc.references if r.kind != "name"]  # type: ignore[union-attr]


def test_pronoun_goes_to_the_subject_not_the_object(link: Link) -> None:
    doc = link(
        "Menlu RI Sugiono bertemu dengan Menlu Thailand Maris Sangiampongsa di Bangkok. "
        "Dia mengatakan Indonesia mendukung dialog."
    )
    assert refs(doc) == [("Dia", "Sugiono")]


def test_clitic_on_a_speech_verb_goes_to_the_person_in_focus(link: Link) -> None:
    doc = link(
        'Juru bicara Kemenlu China Lin Jian menanggapi laporan itu. "Kami menentang campur tangan," '
        "katanya. Penjualan rumahnya tidak dibahas."
    )
    assert refs(doc) == [("nya", "Lin Jian")]


def test_later_object_does_not_take_the_focus(link: Link) -> None:
    doc = link(
        "Sekjen ASEAN Kao Kim Hourn menolak usulan yang diajukan oleh Jenderal Myanmar "
        'Min Aung Hlaing. "Itu tidak sesuai konsensus," ujarnya.'
    )
    assert refs(doc) == [("nya", "Kao Kim Hourn")]


def test_role_noun_with_determiner_goes_to_the_matching_person(link: Link) -> None:
    doc = link(
        "Presiden Korsel Lee Jae-myung menerima Menlu AS Marco Rubio. Kemudian, Presiden Korsel itu "
        "menggelar konferensi pers."
    )
    assert refs(doc) == [("Presiden Korsel itu", "Lee Jae-myung")]


def test_sang_role_noun_goes_to_the_matching_person(link: Link) -> None:
    doc = link(
        "Perdana Menteri Malaysia Anwar Ibrahim bertemu Menteri Luar Negeri Singapura "
        "Vivian Balakrishnan. Sang menlu memuji kerja sama kedua negara."
    )
    assert refs(doc) == [("Sang menlu", "Vivian Balakrishnan")]


def test_former_title_uses_the_knowledge_base(link_fictional: Link) -> None:
    doc = link_fictional(
        "Sekjen NATO Tomas Kalder bertemu Ana Wirasari di Brussel. Mantan perdana menteri "
        "Norwegia itu memuji Indonesia.",
        "2016-06-01",
    )
    assert refs(doc) == [("Mantan perdana menteri Norwegia itu", "Tomas Kalder")]


def test_plural_role_noun_points_to_two_people(link: Link) -> None:
    doc = link(
        "Menlu Iran Abbas Araghchi menelepon Menlu Arab Saudi Faisal bin Farhan. Kedua diplomat itu membahas Gaza."
    )
    assert sorted(name for _, name in refs(doc)) == ["Abbas Araghchi", "Faisal bin Farhan"]


def test_class_noun_with_determiner_goes_to_the_last_organisation_or_state(link: Link) -> None:
    doc = link(
        "Para pemimpin Uni Afrika bertemu di Addis Ababa membahas krisis di Sudan. Organisasi itu "
        "menangguhkan keanggotaan Sudan dan membekukan kerja sama dengan negara tersebut."
    )
    assert refs(doc) == [("Organisasi itu", "Uni Afrika"), ("negara tersebut", "Sudan")]


def test_class_noun_without_an_antecedent_nearby_stays_unresolved(link: Link) -> None:
    doc = link(
        "NATO menggelar latihan di Laut Baltik. Latihan berlangsung dua pekan. Kapal-kapal berlabuh di "
        "pelabuhan. Cuaca cerah sepanjang hari. Blok itu belum memberi keterangan."
    )
    assert refs(doc) == []


def test_clitic_on_a_preposition_goes_to_the_last_object_not_the_subject(link: Link) -> None:
    doc = link(
        "Presiden Prabowo Subianto menerima Perdana Menteri Malaysia Anwar Ibrahim dan menyerahkan "
        "cendera mata kepadanya."
    )
    assert refs(doc) == [("nya", "Anwar Ibrahim")]


def test_group_word_with_determiner_does_not_point_to_a_person(link: Link) -> None:
    doc = link("Sekjen NATO Mark Rutte tiba di Seoul. Rutte mengatakan pengiriman pasukan itu berbahaya.")
    assert refs(doc) == []


def test_plural_role_noun_after_the_subject_leaves_the_subject_out(link: Link) -> None:
    doc = link(
        "Presiden Joko Widodo bertemu Perdana Menteri Anwar Ibrahim. Sekjen PBB Antonio Guterres kemudian "
        "memuji kedua pemimpin."
    )
    assert sorted(name for _, name in refs(doc)) == ["Anwar Ibrahim", "Joko Widodo"]
